package dev.tripline.pipeline;

import dev.tripline.model.TimedFact;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reorder buffer sorts disorder inside its window and never holds more than its cap of events. */
class ReorderBufferTest {
    private record At(long time) implements TimedFact {
        @Override public long getTime() { return time; }
        @Override public dev.tripline.model.SourceRef getSource() { return null; }
    }

    @Test void disorderInsideTheWindowComesOutSorted() {
        ReorderBuffer buffer = new ReorderBuffer(300_000, 7_200_000);
        List<TimedFact> out = new ArrayList<>();
        for (long t : new long[] {1_000, 3_000, 2_000, 5_000, 4_000}) out.addAll(buffer.add(new At(t)));
        out.addAll(buffer.drain());
        assertThat(out).extracting(TimedFact::getTime).containsExactly(1_000L, 2_000L, 3_000L, 4_000L, 5_000L);
    }

    @Test void aBusyInputHoldsAtMostTheCapAndStaysInOrder() {
        ReorderBuffer buffer = new ReorderBuffer(300_000, 7_200_000);
        List<TimedFact> out = new ArrayList<>();
        int n = ReorderBuffer.MAX_HELD * 3;
        int most = 0;
        for (int i = 0; i < n; i++) { // all within one second: the 5-minute window alone would hold every one
            out.addAll(buffer.add(new At(1_000 + i / 100)));
            most = Math.max(most, buffer.held());
        }
        assertThat(most).isEqualTo(ReorderBuffer.MAX_HELD);
        out.addAll(buffer.drain());
        assertThat(out).hasSize(n).extracting(TimedFact::getTime).isSorted();
    }
}
