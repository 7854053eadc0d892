package dev.tripline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ingest fuzz harness, bounded for the suite: mutated real fixture lines and bad-input kinds (byte flips,
 * truncation, inserted NULs, BOMs, invalid UTF-8, surrogate escapes, line breaks), as JSON Lines (also UTF-16
 * and with BOM) and as JSON arrays. No exception may escape and every JSON Lines line must be accounted once.
 * Long runs: {@code bench/ingest-fuzz.sh ITERATIONS [SEED]}.
 */
class IngestFuzzTest {
    static final int ITERATIONS = 150;
    static final long SEED = 20261201L;

    @Test
    void mutatedInputNeverEscapesAnExceptionAndEveryLineIsAccountedOnce() {
        IngestFuzzer fuzzer = new IngestFuzzer(IngestFuzzer.seeds(Path.of("fixtures"), 64 * 1024), new IngestOptions(64 * 1024));
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            Random r = new Random(SEED + i);
            String lines = fuzzer.check(fuzzer.jsonLinesCase(r, 40), true);
            if (lines != null) failures.add("JSON Lines case " + i + " (seed " + (SEED + i) + "): " + lines);
            String array = fuzzer.check(fuzzer.arrayCase(r, 20), false);
            if (array != null) failures.add("array case " + i + " (seed " + (SEED + i) + "): " + array);
        }
        assertThat(failures).isEmpty();
    }
}
