package dev.tripline.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tripline.model.SourceRef;
import org.junit.jupiter.api.Test;

/** Counts keyed by text from the input stay bounded whatever the input holds. */
class RunStatsTest {

    @Test void distinctSkipAndRejectionReasonsAreBoundedAndNothingIsLostFromTheCounts() {
        RunStats s = new RunStats();
        for (int i = 0; i < 100_000; i++) {
            s.skipped(new SourceRef("x.jsonl", i + 1), "not an event Tripline uses (Defender ActionType " + i + ")");
            s.rejected(new SourceRef("x.jsonl", i + 1), "category " + i, "detail");
        }

        assertThat(s.skipped()).hasSize(RunStats.MAX_REASONS + 1).containsKey(RunStats.OTHER_REASONS);
        assertThat(s.rejected()).hasSize(RunStats.MAX_REASONS + 1);
        assertThat(s.skippedCount()).isEqualTo(100_000);
        assertThat(s.rejectedCount()).isEqualTo(100_000);
        assertThat(s.skipped().get(RunStats.OTHER_REASONS).count()).isEqualTo(100_000 - RunStats.MAX_REASONS);
    }

    @Test void aReasonSeenBeforeTheBoundKeepsItsOwnCount() {
        RunStats s = new RunStats();
        s.skipped(new SourceRef("x", 1), "first");
        for (int i = 0; i < 500; i++) s.skipped(new SourceRef("x", i + 2), "r" + i);
        s.skipped(new SourceRef("x", 999), "first");

        assertThat(s.skipped().get("first").count()).isEqualTo(2);
    }

    @Test void notesAreSaidOnceAndBounded() {
        RunStats s = new RunStats();
        for (int i = 0; i < 3; i++) s.note("a.jsonl", "the input is empty");
        for (int i = 0; i < 500; i++) s.note("f" + i, "the input is empty");

        assertThat(s.notes()).hasSize(RunStats.MAX_NOTES).first().isEqualTo("a.jsonl: the input is empty");
        assertThat(s.notesDropped()).isEqualTo(401);
    }
}
