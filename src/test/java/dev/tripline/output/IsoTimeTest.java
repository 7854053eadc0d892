package dev.tripline.output;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** IsoTime writes exactly what Instant.toString writes, at the edges and on a million random times. */
class IsoTimeTest {
    @Test void edgesAreWrittenAsInstantWritesThem() {
        long[] edges = {0, 1, -1, 999, 1000, 86_399_999, 86_400_000, -86_400_000, 951_782_400_000L /* 2000-02-29 */,
                1_709_629_200_000L, 1_709_629_200_250L, -62_167_219_200_000L, -62_167_219_200_001L,
                253_402_300_799_999L, 253_402_300_800_000L, Long.MAX_VALUE / 1000, Long.MIN_VALUE / 1000};
        for (long t : edges) assertThat(IsoTime.format(t)).as("%d", t).isEqualTo(Instant.ofEpochMilli(t).toString());
    }

    @Test void randomTimesAreWrittenAsInstantWritesThem() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            long t = switch (i % 3) {
                case 0 -> r.nextLong(-62_200_000_000_000L, 253_500_000_000_000L); // the whole 4-digit range and past it
                case 1 -> r.nextLong(1_500_000_000_000L, 1_800_000_000_000L);     // log times
                default -> r.nextLong(1_500_000_000L, 1_800_000_000L) * 1000;     // whole seconds
            };
            assertThat(IsoTime.format(t)).as("%d", t).isEqualTo(Instant.ofEpochMilli(t).toString());
        }
    }
}
