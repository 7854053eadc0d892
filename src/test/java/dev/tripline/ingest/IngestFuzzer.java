package dev.tripline.ingest;

import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Byte-level fuzzing of the ingest layer: real fixture lines and the bad-input corpus, mutated (byte flips,
 * truncation, inserted NULs, BOMs, invalid UTF-8, surrogate escapes, line breaks), read through
 * {@link Ingest#read}. A case fails when an exception escapes, or when JSON Lines accounting breaks:
 * {@code lines = facts + skipped + rejected + blank}, with no line given two outcomes. Used by
 * {@code IngestFuzzTest} (bounded) and {@code IngestFuzz} (long runs, {@code bench/ingest-fuzz.sh}).
 */
final class IngestFuzzer {
    private static final byte[][] INSERTS = {
            {0}, {0, 0, 0, 0}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xFE, (byte) 0xFF, 0, 0},
            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC3}, {(byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            "\\ud800".getBytes(StandardCharsets.US_ASCII), {'\r'}, {'\n'}, {'\r', '\n'}, {'"'}, {'\\'}, {'{'}, {'}'}, {'['}, {']'},
            {(byte) 0xC2, (byte) 0xA0}, {0x1b, '[', '2', 'J'}, {0, 'A', 0, 0}};
    private static final byte[] SPECIAL = {0, (byte) 0xFF, (byte) 0xC0, (byte) 0xC3, (byte) 0xED, '\r', '\n', '"', '\\', '{', '}', '[', ']', ',', ':'};

    private final List<byte[]> seeds;
    private final IngestOptions options;

    IngestFuzzer(List<byte[]> seeds, IngestOptions options) {
        this.seeds = seeds;
        this.options = options;
    }

    /** Every event line of the fixtures and the corpus kinds, as seeds. */
    static List<byte[]> seeds(Path fixtures, int maxRecordBytes) {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(fixtures)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("events.jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) out.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (byte[] kind : BadInputCorpus.kinds(maxRecordBytes).values()) {
            if (kind.length < 100_000) out.add(kind[kind.length - 1] == '\n' ? java.util.Arrays.copyOf(kind, kind.length - 1) : kind);
        }
        return out;
    }

    /** One JSON Lines case: a good first line, then lines of which about half are mutated. */
    byte[] jsonLinesCase(Random r, int lineCount) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BadInputCorpus.good("first").getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        for (int i = 0; i < lineCount; i++) {
            byte[] line = seeds.get(r.nextInt(seeds.size()));
            if (r.nextBoolean()) line = mutate(line, r, 1 + r.nextInt(3));
            out.writeBytes(line);
            out.write('\n');
        }
        byte[] text = out.toByteArray();
        return switch (r.nextInt(10)) {
            case 0 -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, new String(text, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE));
            case 1 -> new String(text, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16BE);
            case 2 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text);
            default -> text;
        };
    }

    /** One JSON array case: seeds as elements, pretty or on one line, then bytes mutated anywhere after the {@code [}. */
    byte[] arrayCase(Random r, int elements) {
        boolean pretty = r.nextBoolean();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(pretty ? "[\n  ".getBytes(StandardCharsets.US_ASCII) : new byte[] {'['});
        out.writeBytes(BadInputCorpus.good("first").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < elements; i++) {
            out.writeBytes(pretty ? ",\n  ".getBytes(StandardCharsets.US_ASCII) : new byte[] {','});
            out.writeBytes(seeds.get(r.nextInt(seeds.size())));
        }
        out.writeBytes(pretty ? "\n]\n".getBytes(StandardCharsets.US_ASCII) : new byte[] {']'});
        byte[] whole = out.toByteArray();
        int head = pretty ? 4 : 1;
        byte[] tail = mutate(java.util.Arrays.copyOfRange(whole, head, whole.length), r, 1 + r.nextInt(6));
        return concat(java.util.Arrays.copyOf(whole, head), tail);
    }

    static byte[] mutate(byte[] line, Random r, int times) {
        byte[] b = line;
        for (int t = 0; t < times; t++) {
            int at = b.length == 0 ? 0 : r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> { if (b.length > 0) { b = b.clone(); b[at] = (byte) r.nextInt(256); } }
                case 1 -> { if (b.length > 0) { b = b.clone(); b[at] = SPECIAL[r.nextInt(SPECIAL.length)]; } }
                case 2 -> b = java.util.Arrays.copyOf(b, at);
                case 3, 4 -> b = insert(b, at, INSERTS[r.nextInt(INSERTS.length)]);
                default -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(40));
                    b = insert(b, at, java.util.Arrays.copyOfRange(b, at, at + len));
                }
            }
        }
        return b;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return insert(b, 0, a);
    }

    /** Reads the case; null when it held, else what went wrong. {@code lineAccounting}: check the JSON Lines invariant. */
    String check(byte[] input, boolean lineAccounting) {
        Counting c = new Counting();
        try {
            Ingest.read(List.of("-"), Optional.empty(), options, c, new ByteArrayInputStream(input));
        } catch (Throwable t) {
            java.io.StringWriter w = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(w));
            return "exception escaped: " + w;
        }
        if (c.closed != 1) return "input closed " + c.closed + " times";
        for (long line : c.outcomeLines) {
            if (line < 1 || line > Math.max(1, c.lines)) return "an outcome at line " + line + " of " + c.lines;
        }
        if (!lineAccounting || c.unreadable) return null;
        long sum = c.facts + c.skipped + c.rejected + c.blank;
        if (sum != c.lines) {
            return "lines " + c.lines + " != facts " + c.facts + " + skipped " + c.skipped + " + rejected " + c.rejected + " + blank " + c.blank;
        }
        if (c.duplicateLine > 0) return "line " + c.duplicateLine + " has two outcomes";
        return null;
    }

    /** Counts what the readers report; keeps no records, so long runs stay small. */
    static final class Counting implements IngestListener {
        long lines, blank, facts, skipped, rejected, duplicateLine;
        int closed;
        boolean unreadable;
        final List<Long> outcomeLines = new ArrayList<>();
        private final Set<Long> seen = new HashSet<>();

        private void outcome(SourceRef s) {
            outcomeLines.add(s.line());
            if (!seen.add(s.line()) && duplicateLine == 0) duplicateLine = s.line();
        }

        @Override public void onFact(TimedFact fact) { facts++; outcome(fact.getSource()); }
        @Override public void onSkipped(SourceRef source, String reason) { skipped++; outcome(source); }
        @Override public void onRejected(SourceRef source, String reason, String detail) { rejected++; outcome(source); }
        @Override public void onInputClosed(String input, long lines, long blank) { closed++; this.lines = lines; this.blank = blank; }
        @Override public void onInputUnreadable(String input, String reason) { unreadable = true; }
    }
}
