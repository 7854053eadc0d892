package dev.tripline.engine;

import dev.tripline.model.Account;
import dev.tripline.model.DistinctTally;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A tally is forgotten once its window has passed, when the clock moves in small steps as a busy stream does. */
class TallyForgettingTest {
    private static final long T0 = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
    static CompiledRules rules;

    @BeforeAll static void compileBundledRules() throws Exception {
        rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
    }

    @Test void talliesGoWhileOtherEventsKeepTheClockMoving() {
        try (CorrelationSession session = CorrelationSession.replay(rules, List.of(), StateLimit.of(1_000_000))) {
            for (int i = 0; i < 50; i++) {
                Account user = new Account("CORP", "user" + i, "S-1-5-21-1-2-3-" + (7000 + i));
                session.accept(Events.net(T0 + i * 1_000L, "net localgroup administrators").host("ws" + i + ".corp.local").actor(user).build());
            }
            assertThat(tallies(session)).hasSize(150);
            // two hours of other events, one every 20 ms, that no rule detects
            for (long t = T0 + 60_000; t < T0 + 7_200_000; t += 20) session.accept(Events.net(t, "net help").build());
            assertThat(tallies(session)).isEmpty();
        }
    }

    private static List<Object> tallies(CorrelationSession s) {
        return List.copyOf(s.kieSession().getObjects(o -> o instanceof DistinctTally));
    }
}
