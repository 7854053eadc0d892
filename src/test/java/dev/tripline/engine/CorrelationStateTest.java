package dev.tripline.engine;

import dev.tripline.model.Account;
import dev.tripline.model.Alert;
import dev.tripline.model.AwaitsEcho;
import dev.tripline.model.Detection;
import dev.tripline.model.CommandTally;
import dev.tripline.model.DistinctTally;
import dev.tripline.model.ProcessEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The correlation rules keep one tally per key, not a growing list per detection: a command repeated thousands of
 * times leaves the detections themselves (which expire) and a constant number of other facts, and still raises
 * exactly the alerts the rules describe; tallies of quiet keys go once their detections have expired.
 */
class CorrelationStateTest {
    private static final String BURST = "7c1f3a52-9d4e-4b8a-a6f1-3e2d5c9b0a17";
    private static final String SPREAD = "e8d2c6a4-3b7f-4e19-9c05-1a6f8b2d4e77";
    private static final String SEQUENCE = "b3a9e5f2-6c1d-4f7e-8a20-5d9c4b7e1f63";
    private static final long T0 = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
    private static final Account ALICE = new Account("CORP", "alice", "S-1-5-21-1-2-3-1104");
    private static final String REPEATED = "net localgroup administrators";

    static CompiledRules rules;

    @BeforeAll static void compileBundledRules() throws Exception {
        rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
    }

    @Test void threeThousandRepeatsInThirtySecondsKeepAConstantCorrelationStateAndRaiseOneBurst() {
        List<Alert> alerts = new ArrayList<>();
        try (CorrelationSession session = CorrelationSession.replay(rules)) {
            long initial = session.factCount();
            alerts.addAll(session.accept(event(T0, "ws01", ALICE, "net group \"domain admins\" /domain")));
            alerts.addAll(session.accept(event(T0 + 1, "ws01", ALICE, "net accounts /domain")));
            for (int i = 0; i < 3_000; i++) alerts.addAll(session.accept(event(T0 + 2 + i * 10L, "ws01", ALICE, REPEATED)));

            long events = 3_002;
            assertThat(detections(session)).as("one detection per event, none expired yet").isEqualTo(events);
            long holds = session.kieSession().getObjects(o -> o instanceof AwaitsEcho).size();
            assertThat(holds).as("net.exe detections held open for an echo: only those of the last 10 s of event time")
                    .isLessThanOrEqualTo(1_100);
            assertThat(session.factCount() - initial - processEvents(session) - detections(session) - holds)
                    .as("facts besides the events, their detections and their echo holds: the correlation state").isLessThanOrEqualTo(10);
            alerts.addAll(session.finish()); // net.exe alerts are held 5 s for a net1.exe echo; the end releases them
        }
        assertThat(alerts).filteredOn(a -> a.rule().id().equals(BURST)).singleElement()
                .satisfies(a -> assertThat(a.events()).hasSize(3));
        assertThat(alerts).filteredOn(a -> a.kind().equals("detection")).hasSize(3_002);
    }

    @Test void aBurstAfterThousandsOfRepeatsCitesTheLatestRepeatsAndEveryDistinctCommand() {
        List<Alert> alerts = new ArrayList<>();
        try (CorrelationSession session = CorrelationSession.replay(rules)) {
            for (int i = 0; i < 3_000; i++) alerts.addAll(session.accept(event(T0 + i * 10L, "ws01", ALICE, REPEATED)));
            alerts.addAll(session.accept(event(T0 + 30_000, "ws01", ALICE, "net accounts /domain")));
            assertThat(alerts).noneMatch(a -> a.rule().id().equals(BURST));
            alerts.addAll(session.accept(event(T0 + 30_001, "ws01", ALICE, "net group \"domain admins\" /domain")));
            assertThat(tallies(session)).as("one tally per correlation that counts this account's discovery").hasSize(3);
            alerts.addAll(session.finish());
        }
        Alert burst = alerts.stream().filter(a -> a.rule().id().equals(BURST)).reduce((a, b) -> { throw new AssertionError("two bursts"); }).orElseThrow();
        assertThat(burst.events()).hasSize(DistinctTally.CITED_PER_VALUE + 2);
        assertThat(burst.events()).extracting(ProcessEvent::getCommandLine).containsOnlyOnce("net accounts /domain", "net group \"domain admins\" /domain");
        assertThat(burst.events().get(0).getTime()).as("the latest repeats, not the first").isEqualTo(T0 + (3_000 - DistinctTally.CITED_PER_VALUE) * 10L);
    }

    @Test void discoveryEveryFiveMinutesForThreeHoursIsOneBurstOneSpreadAndOneTallyEach() {
        String[] commands = {REPEATED, "net accounts /domain", "net group \"domain admins\" /domain", "net localgroup \"remote desktop users\""};
        List<Alert> alerts = new ArrayList<>();
        try (CorrelationSession session = CorrelationSession.replay(rules)) {
            for (int i = 0; i <= 36; i++) {
                String host = "ws0" + (i % 3);
                alerts.addAll(session.accept(event(T0 + Duration.ofMinutes(5L * i).toMillis(), host, ALICE, commands[i % 4])));
            }
            assertThat(tallies(session)).as("3 command tallies (one per host), one host tally, one recon tally").hasSize(5);
        }
        assertThat(alerts).filteredOn(a -> a.rule().id().equals(SPREAD)).as("the spread stays open while discovery goes on").hasSize(1);
        assertThat(alerts).filteredOn(a -> a.rule().id().equals(BURST)).as("each host sees discovery every 15 minutes: no burst").isEmpty();
    }

    @Test void aBurstKeptOpenLongerThanADetectionLivesIsStillOneBurst() {
        String[] commands = {REPEATED, "net accounts /domain", "net group \"domain admins\" /domain", "net localgroup \"remote desktop users\""};
        List<Alert> alerts = new ArrayList<>();
        try (CorrelationSession session = CorrelationSession.replay(rules)) {
            for (int i = 0; i <= 60; i++) alerts.addAll(session.accept(event(T0 + Duration.ofMinutes(5L * i).toMillis(), "ws01", ALICE, commands[i % 4])));
            alerts.addAll(session.finish());
        }
        assertThat(alerts).filteredOn(a -> a.rule().id().equals(BURST)).as("5 hours of discovery 5 minutes apart").hasSize(1);
    }

    @Test void manipulationAfterThousandsOfReconRaisesOneSequenceCitingABoundedRecon() {
        List<Alert> alerts = new ArrayList<>();
        try (CorrelationSession session = CorrelationSession.replay(rules)) {
            for (int i = 0; i < 3_000; i++) alerts.addAll(session.accept(event(T0 + i * 10L, "ws01", ALICE, REPEATED)));
            alerts.addAll(session.accept(event(T0 + 60_000, "ws02", ALICE, "net localgroup administrators mallory /add")));
            alerts.addAll(session.accept(event(T0 + Duration.ofMinutes(31).toMillis(), "ws02", ALICE, "net user mallory2 P@ss /add")));
            alerts.addAll(session.finish());
        }
        assertThat(alerts).filteredOn(a -> a.rule().id().equals(SEQUENCE)).singleElement()
                .satisfies(a -> assertThat(a.events()).hasSize(DistinctTally.CITED_PER_VALUE + 1));
    }

    @Test void threeThousandDistinctKeysLeaveNoStateOnceTheirWindowsHavePassed() {
        try (CorrelationSession session = CorrelationSession.replay(rules)) {
            long initial = session.factCount();
            for (int i = 0; i < 3_000; i++) {
                Account user = new Account("CORP", "user" + i, "S-1-5-21-1-2-3-" + (2000 + i));
                session.accept(event(T0 + i * 100L, "ws" + (i % 997), user, REPEATED));
            }
            long last = T0 + 2_999 * 100L;
            assertThat(tallies(session)).as("a command, host and recon tally per key").hasSize(9_000);
            session.advanceTo(last + Duration.ofMinutes(5).toMillis());
            assertThat(detections(session)).as("detections leave memory minutes after they arrive").isZero();
            assertThat(tallies(session)).as("the tallies remember them for their windows").hasSize(9_000);
            session.advanceTo(last + Duration.ofMinutes(20).toMillis());
            assertThat(tallies(session)).as("command tallies go after a quiet 10-minute window; host (1h) and recon (30 min) stay")
                    .hasSize(6_000).allMatch(t -> !(t instanceof CommandTally));
            session.advanceTo(last + Duration.ofMinutes(100).toMillis());
            assertThat(tallies(session)).isEmpty();
            assertThat(session.factCount()).isEqualTo(initial);
        }
    }

    private static long detections(CorrelationSession s) {
        return s.kieSession().getObjects(o -> o instanceof Detection).size();
    }

    private static long processEvents(CorrelationSession s) {
        return s.kieSession().getObjects(o -> o instanceof ProcessEvent).size();
    }

    private static List<Object> tallies(CorrelationSession s) {
        return new ArrayList<>(s.kieSession().getObjects(o -> o instanceof DistinctTally));
    }

    private static ProcessEvent event(long time, String host, Account actor, String commandLine) {
        return Events.net(time, commandLine).host(host + ".corp.local").actor(actor).build();
    }
}
