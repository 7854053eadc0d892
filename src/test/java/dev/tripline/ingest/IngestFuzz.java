package dev.tripline.ingest;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Long runs of the ingest fuzzer ({@link IngestFuzzer}), and a memory check for one huge array element.
 * Run with {@code bench/ingest-fuzz.sh [iterations] [seed] [huge-element-MB]}: prints each failing case's seed
 * (re-run it with that seed and 1 iteration) and the totals; exits 1 if any case failed.
 */
public final class IngestFuzz {
    private IngestFuzz() {}

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        int hugeMb = args.length > 2 ? Integer.parseInt(args[2]) : 228;
        IngestOptions options = IngestOptions.defaults();
        IngestFuzzer fuzzer = new IngestFuzzer(IngestFuzzer.seeds(Path.of("fixtures"), 64 * 1024), options);
        long start = System.nanoTime(), failed = 0, bytes = 0;
        for (int i = 0; i < iterations; i++) {
            Random r = new Random(seed + i);
            byte[] lines = fuzzer.jsonLinesCase(r, 40);
            byte[] array = fuzzer.arrayCase(r, 20);
            bytes += lines.length + array.length;
            String a = fuzzer.check(lines, true), b = fuzzer.check(array, false);
            if (a != null) { failed++; System.out.println("FAIL json-lines seed " + (seed + i) + ": " + a); }
            if (b != null) { failed++; System.out.println("FAIL array seed " + (seed + i) + ": " + b); }
        }
        System.out.printf("ingest fuzz: %d iterations (seed %d), %.1f MB of mutated input, %d failure(s), %.1f s%n",
                iterations, seed, bytes / 1e6, failed, (System.nanoTime() - start) / 1e9);
        if (hugeMb > 0) hugeElement(hugeMb, options);
        System.exit(failed == 0 ? 0 : 1);
    }

    /** An array whose second element is {@code mb} megabytes, streamed (never in memory): it must be rejected as too large. */
    private static void hugeElement(int mb, IngestOptions options) {
        byte[] head = ("[" + BadInputCorpus.good("one") + ",{\"CommandLine\":\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\"}," + BadInputCorpus.good("three") + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long body = (long) mb * 1024 * 1024;
        InputStream in = new InputStream() {
            long pos;
            @Override public int read() {
                long total = head.length + body + tail.length;
                if (pos >= total) return -1;
                long p = pos++;
                if (p < head.length) return head[(int) p];
                if (p < head.length + body) return 'A';
                return tail[(int) (p - head.length - body)];
            }
            @Override public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len) {
                    if (pos >= head.length && pos < head.length + body) { // the body in bulk
                        int k = (int) Math.min(len - n, head.length + body - pos);
                        java.util.Arrays.fill(b, off + n, off + n + k, (byte) 'A');
                        pos += k;
                        n += k;
                        continue;
                    }
                    int c = read();
                    if (c < 0) break;
                    b[off + n++] = (byte) c;
                }
                return n == 0 && len > 0 ? -1 : n;
            }
        };
        IngestFuzzer.Counting c = new IngestFuzzer.Counting();
        long start = System.nanoTime();
        Ingest.read(List.of("-"), Optional.empty(), options, c, in);
        Runtime rt = Runtime.getRuntime();
        System.out.printf("huge element: %d MB element in a JSON array: %d facts, %d rejected, %.1f s, heap max %d MB%n",
                mb, c.facts, c.rejected, (System.nanoTime() - start) / 1e9, rt.maxMemory() >> 20);
        if (c.facts != 2 || c.rejected != 1) {
            System.out.println("FAIL huge element: expected 2 facts and 1 rejection");
            System.exit(1);
        }
    }
}
