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

    @Test void talliesThatRaisedABurstOrASpreadLeaveNothingBehindOnceForgotten() {
        String[] discovery = {"net localgroup administrators", "net group \"domain admins\" /domain", "whoami /groups"};
        try (CorrelationSession session = CorrelationSession.replay(rules, List.of(), StateLimit.of(1_000_000))) {
            List<String> raised = new java.util.ArrayList<>();
            long n = 0;
            for (int host : new int[] {1, 8, 15}) // user1 on three hosts (DormantMatchesTest.event: user = host % 7)
                for (String command : discovery)
                    session.accept(DormantMatchesTest.event(T0 + n * 1_000L, host, command, n++)).forEach(a -> raised.add(a.rule().name()));
            // two hours of other events, one a second, that no rule detects
            for (long t = T0 + 60_000; t < T0 + 7_200_000; t += 1_000)
                session.accept(DormantMatchesTest.event(t, 2, "C:\\Windows\\explorer.exe", n++)).forEach(a -> raised.add(a.rule().name()));

            assertThat(raised).contains("Three distinct discovery commands by one account on one host within 10 minutes are a burst",
                    "Discovery by one account on three or more hosts within an hour is a spread");
            assertThat(tallies(session)).isEmpty();
            assertThat(DormantMatchesTest.dormantMatchesOfDeletedFacts(session.kieSession()))
                    .as("fired matches Drools still keeps with a fact the rules deleted").isZero();
        }
    }

    private static List<Object> tallies(CorrelationSession s) {
        return List.copyOf(s.kieSession().getObjects(o -> o instanceof DistinctTally));
    }
}
