package dev.tripline.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What a watch keeps for replaying into reloaded rules: the last minute of process events, and never unbounded. */
class LiveCorrelationTest {
    static CompiledRules rules;

    @BeforeAll static void compileBundledRules() throws Exception {
        rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
    }

    @Test void aFloodWithinAMinuteKeepsAtMostTheCapForAReload() {
        try (LiveCorrelation live = new LiveCorrelation(rules)) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < 100; i++) live.accept(Events.net(now, "net help").build());
            assertThat(live.replayable()).as("a few events within the minute: all kept").isEqualTo(100);

            int flood = LiveCorrelation.MAX_REPLAYED + 5_000;
            for (int i = 0; i < flood; i++) live.accept(Events.net(now, "net help").build());
            assertThat(live.replayable()).isEqualTo(LiveCorrelation.MAX_REPLAYED);
        }
    }

    @Test void eventsOlderThanAMinuteAreNotKept() {
        try (LiveCorrelation live = new LiveCorrelation(rules)) {
            long now = System.currentTimeMillis();
            live.accept(Events.net(now - LiveCorrelation.REPLAYED.toMillis() - 60_000, "net help").build());
            live.accept(Events.net(now, "net help").build());
            assertThat(live.replayable()).isEqualTo(1);
        }
    }
}
