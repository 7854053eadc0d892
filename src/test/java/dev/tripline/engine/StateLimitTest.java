package dev.tripline.engine;

import dev.tripline.model.Account;
import dev.tripline.model.Alert;
import dev.tripline.model.DistinctTally;
import dev.tripline.model.ProcessEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session never holds more time-bound facts than its limit: past it, the eldest leave early and are counted, the
 * detections still alert, and correlations among recent facts still fire. Under the limit nothing is let go.
 */
class StateLimitTest {
    private static final String BURST = "7c1f3a52-9d4e-4b8a-a6f1-3e2d5c9b0a17";
    private static final long T0 = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
    private static final int KEYS = 3_000;

    static CompiledRules rules;

    @BeforeAll static void compileBundledRules() throws Exception {
        rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
    }

    @Test void manyDistinctKeysStayUnderTheLimitAndStillAlert() {
        List<Alert> alerts = new ArrayList<>();
        long limit = 2_000;
        try (CorrelationSession session = CorrelationSession.replay(rules, List.of(), StateLimit.of(limit))) {
            long most = 0;
            for (int i = 0; i < KEYS; i++) {
                alerts.addAll(session.accept(distinct(i)));
                most = Math.max(most, timeBound(session));
            }
            // a burst by one account at the end: the recent state it needs is the youngest, and stays
            alerts.addAll(session.accept(burst(T0 + KEYS * 100L + 1, "net group \"domain admins\" /domain")));
            alerts.addAll(session.accept(burst(T0 + KEYS * 100L + 2, "net accounts /domain")));
            alerts.addAll(session.accept(burst(T0 + KEYS * 100L + 3, "net localgroup administrators")));
            alerts.addAll(session.finish());

            assertThat(most).as("time-bound facts held at any step").isLessThanOrEqualTo(limit);
            assertThat(session.evicted()).as("let go early, by kind").containsKeys("HostTally", "ReconTally")
                    .allSatisfy((kind, n) -> assertThat(n).isPositive());
        }
        assertThat(alerts).filteredOn(a -> a.kind().equals("detection")).as("every event still alerts").hasSize(KEYS + 3);
        assertThat(alerts).filteredOn(a -> a.rule().id().equals(BURST)).singleElement()
                .satisfies(a -> assertThat(a.events()).hasSize(3));
    }

    @Test void stateThatNeverCorrelatesLeavesNoTraceWhenLetGo() {
        List<Alert> unlimited = new ArrayList<>();
        List<Alert> limited = new ArrayList<>();
        try (CorrelationSession session = CorrelationSession.replay(rules, List.of(), StateLimit.of(1_000_000))) {
            for (int i = 0; i < KEYS; i++) unlimited.addAll(session.accept(distinct(i)));
            unlimited.addAll(session.finish());
            assertThat(session.evicted()).isEmpty();
        }
        try (CorrelationSession session = CorrelationSession.replay(rules, List.of(), StateLimit.of(2_000))) {
            for (int i = 0; i < KEYS; i++) limited.addAll(session.accept(distinct(i)));
            limited.addAll(session.finish());
            assertThat(session.evicted()).isNotEmpty();
        }
        assertThat(limited).extracting(StateLimitTest::summary).containsExactlyElementsOf(unlimited.stream().map(StateLimitTest::summary).toList());
    }

    @Test void contextLearnedFromManyAccountsIsBoundedToo() {
        try (CorrelationSession session = CorrelationSession.replay(rules, List.of(), StateLimit.of(500))) {
            for (int i = 0; i < 2_000; i++) {
                Account svc = new Account("CORP", "svc" + i, "S-1-5-21-1-2-3-" + (9000 + i));
                session.accept(new dev.tripline.model.LogonEvent(T0 + i * 1_000L, "srv" + i + ".corp.local", svc, 5, "0x" + Integer.toHexString(0x1000 + i),
                        null, null, "security-4624", new dev.tripline.model.SourceRef("test", i + 1)));
            }
            long learned = session.kieSession().getObjects(o -> o instanceof dev.tripline.model.LearnedServiceIdentity).size();
            assertThat(learned).as("service identities learned and still held").isPositive().isLessThanOrEqualTo(500);
            assertThat(session.evicted()).containsKey("LearnedServiceIdentity");
        }
    }

    @Test void expiredEventsDoNotStayReachableThroughTheLimit() {
        StateLimit limit = StateLimit.of(1_000_000);
        try (CorrelationSession session = CorrelationSession.replay(rules, List.of(), limit)) {
            // 20,000 process events a second apart that no rule detects: each leaves memory a minute later
            for (int i = 0; i < 20_000; i++) session.accept(Events.net(T0 + i * 1_000L, "net help").build());
            assertThat(limit.held()).as("handles held: the last minute's events and at most one sweep's worth")
                    .isLessThanOrEqualTo(61 + StateLimit.SWEEP_EVERY);
            assertThat(session.evicted()).isEmpty();
        }
    }

    @Test void theDefaultLimitFollowsTheHeap() {
        assertThat(StateLimit.defaultCeiling(256L << 20)).isEqualTo(32_768);
        assertThat(StateLimit.defaultCeiling(2L << 30)).isEqualTo(262_144);
        assertThat(StateLimit.defaultCeiling(16L << 20)).as("never below the floor").isEqualTo(StateLimit.MIN_DEFAULT);
    }

    private static String summary(Alert a) {
        return a.kind() + " " + a.rule().id() + " " + a.severity() + " " + a.host() + " " + a.time() + " " + a.reasons();
    }

    /** Held facts the limit counts: events (their handles say so) and tallies, not the holds that point at them. */
    private static long timeBound(CorrelationSession s) {
        return s.kieSession().getFactHandles(o -> true).stream()
                .filter(h -> h instanceof org.drools.core.common.InternalFactHandle ih
                        && !(ih.getObject() instanceof dev.tripline.model.TallyHold || ih.getObject() instanceof dev.tripline.model.AwaitsEcho)
                        && (ih.isEvent() || ih.getObject() instanceof DistinctTally))
                .count();
    }

    /** One account on one host each, a detection every 100 ms: none of them correlates with another. */
    private static ProcessEvent distinct(int i) {
        Account user = new Account("CORP", "user" + i, "S-1-5-21-1-2-3-" + (5000 + i));
        return Events.net(T0 + i * 100L, "net localgroup administrators").host("ws" + i + ".corp.local").actor(user).build();
    }

    private static ProcessEvent burst(long time, String commandLine) {
        return Events.net(time, commandLine).host("ws01.corp.local").actor(new Account("CORP", "alice", "S-1-5-21-1-2-3-1104")).build();
    }
}
