package dev.tripline.ingest.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tripline.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Byte-level fuzzing of the reader: real files mutated (bit flips, byte runs, copied spans, cuts), then read.
 * Nothing may escape but records and problems; every delivered record is a JSON object of bounded size.
 * The suite runs a bounded number of iterations; for many more, by hand:
 * <pre>mvn test -Dtest=EvtxFuzzTest -Dtripline.fuzz.iterations=100000 -Dtripline.fuzz.seed=42</pre>
 * The timeout is a hang guard only (an iteration takes milliseconds), not a speed assertion.
 */
class EvtxFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("tripline.fuzz.iterations", 400);
    private static final long SEED = Long.getLong("tripline.fuzz.seed", 20261201L);

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void mutatedRealFilesNeverThrowNeverHangAndStayBounded() throws IOException {
        Path samples = SharedData.require("evtx/omerbenamram");
        List<byte[]> seeds = new ArrayList<>();
        for (String f : List.of("Security_short_selected.evtx", "new-user-security.evtx", "issue_201.evtx", "Application_no_crc32.evtx")) {
            seeds.add(Files.readAllBytes(samples.resolve(f)));
        }
        byte[] security = Files.readAllBytes(samples.resolve("security.evtx"));
        seeds.add(Arrays.copyOf(security, 4096 + 2 * 65536)); // two chunks of a big log: templates reused across records
        Random random = new Random(SEED);
        long records = 0, problems = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] b = mutate(seeds.get(random.nextInt(seeds.size())).clone(), random);
            Collected c = new Collected();
            try {
                c.summary = EvtxReader.read(new ByteArrayInputStream(b), c, false);
            } catch (RuntimeException | IOException e) {
                throw new AssertionError("iteration " + i + " (seed " + SEED + ") escaped: " + e, e);
            }
            for (EvtxRecord r : c.records) {
                assertThat(r.json().isObject()).isTrue();
                assertThat(r.json().toString().length()).as("iteration %d", i).isLessThan(16 << 20);
            }
            assertThat(c.summary.records()).isEqualTo(c.records.size());
            records += c.records.size();
            problems += c.problems.size();
        }
        System.out.printf("evtx fuzz: %d iterations (seed %d), %d records read, %d problems reported%n", ITERATIONS, SEED, records, problems);
        assertThat(records).isPositive();
        assertThat(problems).isPositive();
    }

    private static byte[] mutate(byte[] b, Random r) {
        int region = r.nextInt(10) < 8 ? 4096 + r.nextInt(Math.max(1, b.length - 4096)) : r.nextInt(b.length);
        switch (r.nextInt(6)) {
            case 0 -> { for (int k = 1 + r.nextInt(8); k > 0; k--) b[pos(b, region, r)] ^= (byte) (1 << r.nextInt(8)); }
            case 1 -> { int p = pos(b, region, r); Arrays.fill(b, p, Math.min(b.length, p + 1 + r.nextInt(64)), (byte) r.nextInt(256)); }
            case 2 -> { for (int k = 1 + r.nextInt(16); k > 0; k--) b[pos(b, region, r)] = (byte) r.nextInt(256); }
            case 3 -> { int from = r.nextInt(b.length), to = pos(b, region, r), n = Math.min(r.nextInt(512), Math.min(b.length - from, b.length - to)); System.arraycopy(b, from, b, to, n); }
            case 4 -> { return Arrays.copyOf(b, r.nextInt(b.length + 1)); }
            default -> { int p = pos(b, region, r); EvtxWriter.le32(b, Math.min(p, b.length - 4), r.nextBoolean() ? r.nextInt() : r.nextInt(70000)); }
        }
        return b;
    }

    /** Mostly near the chosen region, so damage lands inside records and templates rather than free space. */
    private static int pos(byte[] b, int region, Random r) {
        return Math.floorMod(region + r.nextInt(2048) - 1024, b.length);
    }
}
