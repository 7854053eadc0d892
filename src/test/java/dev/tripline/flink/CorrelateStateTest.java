package dev.tripline.flink;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.CorrelationSession;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.model.Account;
import dev.tripline.model.Alert;
import dev.tripline.model.LogonEvent;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import dev.tripline.output.AlertJson;
import dev.tripline.pipeline.Deduplicator;
import dev.tripline.testing.TestFiles;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The correlate operator's keyed state across what a stream job lives through — a key idle for hours, a restart
 * from a snapshot, a restore at another parallelism — with context the logs taught still there afterwards, and
 * the same alerts one CLI session gives for the same facts. Runs the real operator and keyed state backend in
 * Flink's operator test harness, which takes snapshots and repartitions them by key group as a rescale does.
 */
class CorrelateStateTest {
    private static final long T0 = Instant.parse("2024-03-05T08:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final int MAX_PARALLELISM = 128;
    private static final String RECON = "net group \"domain admins\" /domain";

    static CompiledRules rules;

    @BeforeAll static void compile() throws Exception {
        rules = RuleCompiler.compile(RuleSource.bundled());
    }

    @Test void aServiceLogonTaughtThirteenHoursEarlierStillEscalatesAfterTheKeyWentIdleAndTheJobRestarted() throws Exception {
        Account appsvc = new Account("CORP", "appsvc", "S-1-5-21-1-2-3-1105");
        TimedFact serviceLogon = new LogonEvent(T0, "app01.corp.local", appsvc, 5, "0x3e7aa", null, null, "security-4624", src(1));
        TimedFact recon = process(T0 + 13 * HOUR, "app01.corp.local", new Account("CORP", "appsvc", null), "0x51", RECON, 2);

        OperatorSubtaskState idle;
        try (var h = harness(1, 0)) {
            h.open();
            h.processElement(FlinkEvent.of(serviceLogon), serviceLogon.getTime());
            h.processWatermark(T0 + 12 * HOUR + 30 * 60_000L); // past the logon's 12h lifetime: the key's session is finished
            assertThat(h.extractOutputValues()).isEmpty();
            idle = h.snapshot(1, 1);
        }
        List<String> alerts;
        try (var h = harness(1, 0)) {
            h.initializeState(idle);
            h.open();
            h.processElement(FlinkEvent.of(recon), recon.getTime());
            h.processWatermark(recon.getTime() + HOUR);
            alerts = h.extractOutputValues();
        }

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).contains("\"severity\":\"high\"").contains("CORP\\\\appsvc logged on as a service (4624 type 5 at " + src(1) + ")");
        assertThat(alerts).containsExactlyElementsOf(oneSession(serviceLogon, recon));
    }

    @Test void nearMissAnInteractiveLogonTeachesNothingThatOutlivesTheKey() throws Exception {
        Account appsvc = new Account("CORP", "appsvc", null);
        TimedFact interactive = new LogonEvent(T0, "app01.corp.local", appsvc, 2, "0x3e7aa", null, null, "security-4624", src(1));
        TimedFact recon = process(T0 + 13 * HOUR, "app01.corp.local", appsvc, "0x51", RECON, 2);

        List<String> alerts;
        try (var h = harness(1, 0)) {
            h.open();
            h.processElement(FlinkEvent.of(interactive), interactive.getTime());
            h.processWatermark(T0 + 12 * HOUR + 30 * 60_000L);
            OperatorSubtaskState idle = h.snapshot(1, 1);
            try (var restarted = harness(1, 0)) {
                restarted.initializeState(idle);
                restarted.open();
                assertThat(restarted.numKeyedStateEntries()).as("an idle key without lasting context leaves no state").isZero();
                restarted.processElement(FlinkEvent.of(recon), recon.getTime());
                restarted.processWatermark(recon.getTime() + HOUR);
                alerts = restarted.extractOutputValues();
            }
        }

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).contains("\"severity\":\"medium\"").doesNotContain("4624");
        assertThat(alerts).containsExactlyElementsOf(oneSession(interactive, recon));
    }

    @Test void aNetworkLogonStillDescribesItsSessionSixHoursLaterAfterARestoreAtParallelismTwo() throws Exception {
        Account alice = new Account("CORP", "alice", null);
        TimedFact networkLogon = new LogonEvent(T0, "ws07.corp.local", alice, 3, "0x99f0", "10.1.2.3", null, "security-4624", src(1));
        TimedFact benign = process(T0 + 60_000L, "ws07.corp.local", alice, "0x99f0", "notepad.exe C:\\Users\\alice\\notes.txt", 2);
        TimedFact recon = process(T0 + 6 * HOUR, "ws07.corp.local", alice, "0x99f0", RECON, 3);
        TimedFact otherSession = process(T0 + 6 * HOUR + 60_000L, "ws07.corp.local", alice, "0x1234", "net localgroup administrators", 4);

        OperatorSubtaskState fiveHoursIn;
        try (var h = harness(1, 0)) {
            h.open();
            h.processElement(FlinkEvent.of(networkLogon), networkLogon.getTime());
            h.processElement(FlinkEvent.of(benign), benign.getTime());
            h.processWatermark(T0 + 5 * HOUR); // the process event's retention (3h) is over, the logon's (12h) is not
            assertThat(h.extractOutputValues()).isEmpty();
            fiveHoursIn = h.snapshot(1, 1);
        }
        String key = CorrelationKey.ACCOUNT.of(FlinkEvent.of(recon));
        int owner = KeyGroupRangeAssignment.assignKeyToParallelOperator(key, MAX_PARALLELISM, 2);
        List<String> alerts = new ArrayList<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            try (var h = harness(2, subtask)) {
                h.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(fiveHoursIn, MAX_PARALLELISM, 1, 2, subtask));
                h.open();
                if (subtask == owner) {
                    h.processElement(FlinkEvent.of(recon), recon.getTime());
                    h.processElement(FlinkEvent.of(otherSession), otherSession.getTime());
                    h.processWatermark(otherSession.getTime() + HOUR);
                } else {
                    assertThat(h.numKeyedStateEntries()).as("subtask %d holds none of the key's state", subtask).isZero();
                }
                alerts.addAll(h.extractOutputValues());
            }
        }

        assertThat(alerts).hasSize(2);
        assertThat(alerts).filteredOn(a -> a.contains("\"process_id\":\"3\""))
                .singleElement().asString().contains("\"severity\":\"high\"").contains("a network logon (type 3) from 10.1.2.3");
        assertThat(alerts).filteredOn(a -> a.contains("\"process_id\":\"4\""))
                .as("near miss: another logon session").singleElement().asString().contains("\"severity\":\"medium\"").doesNotContain("4624");
        assertThat(alerts).containsExactlyInAnyOrderElementsOf(oneSession(networkLogon, benign, recon, otherSession));
    }

    @Test void aFoldOfRepeatsOpenAcrossARestoreAtParallelismTwoComesOutAsTheCliFoldsIt() throws Exception {
        Account bob = new Account("CORP", "bob", null);
        TimedFact first = process(T0, "ws09.corp.local", bob, "0x77", RECON, 1);
        TimedFact second = process(T0 + 10 * 60_000L, "ws09.corp.local", bob, "0x77", RECON, 2);
        TimedFact third = process(T0 + 20 * 60_000L, "ws09.corp.local", bob, "0x77", RECON, 3);
        TimedFact afterTheWindow = process(T0 + 70 * 60_000L, "ws09.corp.local", bob, "0x77", RECON, 4); // near miss: a new fold

        OperatorSubtaskState midFold;
        try (var h = harness(1, 0, Duration.ofHours(1))) {
            h.open();
            h.processElement(FlinkEvent.of(first), first.getTime());
            h.processElement(FlinkEvent.of(second), second.getTime());
            h.processWatermark(T0 + 15 * 60_000L);
            assertThat(h.extractOutputValues()).as("held while the window is open").isEmpty();
            midFold = h.snapshot(1, 1);
        }
        int owner = KeyGroupRangeAssignment.assignKeyToParallelOperator(CorrelationKey.ACCOUNT.of(FlinkEvent.of(third)), MAX_PARALLELISM, 2);
        List<String> alerts;
        try (var h = harness(2, owner, Duration.ofHours(1))) {
            h.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(midFold, MAX_PARALLELISM, 1, 2, owner));
            h.open();
            h.processElement(FlinkEvent.of(third), third.getTime());
            h.processElement(FlinkEvent.of(afterTheWindow), afterTheWindow.getTime());
            h.processWatermark(afterTheWindow.getTime() + 3 * HOUR);
            alerts = h.extractOutputValues();
        }

        assertThat(alerts).hasSize(2);
        assertThat(alerts).anyMatch(a -> a.contains("\"count\":3,\"first_seen\":\"2024-03-05T08:00:00Z\",\"last_seen\":\"2024-03-05T08:20:00Z\""))
                .anyMatch(a -> a.contains("\"count\":1,\"first_seen\":\"2024-03-05T09:10:00Z\""));
        assertThat(alerts).containsExactlyInAnyOrderElementsOf(oneSessionFolded(Duration.ofHours(1), first, second, third, afterTheWindow));
    }

    @Test void anEventBehindTheWatermarkIsHandledAsTheCliHandlesALateOneAndOneFarBehindStartsANewRecording() throws Exception {
        Account carol = new Account("CORP", "carol", null);
        TimedFact onTime = process(T0 + HOUR, "ws11.corp.local", carol, "0x21", "net localgroup administrators", 1);
        TimedFact late = process(T0 + 40 * 60_000L, "ws11.corp.local", carol, "0x21", RECON, 2); // 20 min behind
        TimedFact farBehind = process(T0 - 3 * HOUR, "ws11.corp.local", carol, "0x21", "net accounts /domain", 3); // > 2h: a new recording

        List<String> alerts;
        try (var h = harness(1, 0)) {
            h.open();
            h.processElement(FlinkEvent.of(onTime), onTime.getTime());
            h.processWatermark(onTime.getTime() + 60_000L);
            h.processElement(FlinkEvent.of(late), late.getTime()); // behind the watermark: to the session at once
            h.processElement(FlinkEvent.of(farBehind), farBehind.getTime());
            h.processWatermark(Long.MAX_VALUE);
            alerts = h.extractOutputValues();
        }

        assertThat(alerts).as("each late event's own detection still fires").hasSize(3)
                .anyMatch(a -> a.contains("\"process_id\":\"2\"")).anyMatch(a -> a.contains("\"process_id\":\"3\""));
        // The CLI: the late event goes into the same session at its own time; the far one ends it and starts another.
        List<String> cli = new ArrayList<>(oneSession(onTime, late));
        cli.addAll(oneSession(farBehind));
        assertThat(alerts).containsExactlyInAnyOrderElementsOf(cli);
    }

    @Test void aRuleChangeRolledOutBySnapshotAndRestartAppliesToNewEventsWithoutAlertingHistoryAgain(@TempDir Path tmp) throws Exception {
        // The documented rollout: stop with a savepoint, start the new rules from it. Here the new rules raise the
        // net.exe recon rule from medium to high.
        Path newRules = tmp.resolve("rules-drl");
        TestFiles.copyTree(Path.of("rules-drl"), newRules);
        Path netRule = newRules.resolve("tripline/detection/discovery/net_group_and_account_recon.drl");
        Files.writeString(netRule, Files.readString(netRule).replace("@level( \"medium\" )", "@level( \"high\" )"));
        Account erin = new Account("CORP", "erin", null);
        TimedFact before = process(T0, "ws12.corp.local", erin, "0x31", RECON, 1);
        TimedFact after = process(T0 + 20 * 60_000L, "ws12.corp.local", erin, "0x31", RECON, 2);

        OperatorSubtaskState savepoint;
        List<String> oldRulesAlerts;
        try (var h = harness(1, 0)) {
            h.open();
            h.processElement(FlinkEvent.of(before), before.getTime());
            h.processWatermark(T0 + 60_000L);
            oldRulesAlerts = h.extractOutputValues();
            savepoint = h.snapshot(1, 1);
        }
        List<String> newRulesAlerts;
        CorrelateFunction.Settings rollout = new CorrelateFunction.Settings(newRules.toString(), null, Duration.ofHours(2), 100, List.of(), false);
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CorrelateFunction(rollout)),
                CorrelationKey.ACCOUNT::of, Types.STRING, MAX_PARALLELISM, 1, 0)) {
            h.initializeState(savepoint);
            h.open();
            h.processElement(FlinkEvent.of(after), after.getTime());
            h.processWatermark(after.getTime() + 3 * HOUR);
            newRulesAlerts = h.extractOutputValues();
        }

        assertThat(oldRulesAlerts).singleElement().asString().contains("\"severity\":\"medium\"").contains("\"process_id\":\"1\"");
        assertThat(newRulesAlerts).as("the new event under the new rule; the first event's alert is history, not sent again")
                .singleElement().asString().contains("\"level\":\"high\"").contains("\"process_id\":\"2\"");
    }

    @Test void aFoldWindowLongerThanWhatTheStateRetainsIsRefusedAtStart() throws Exception {
        try (var h = harness(1, 0, Duration.ofHours(5))) {
            assertThatThrownBy(h::open).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--dedup-window PT5H is longer than the horizon PT3H"); // the spread's 1h window and 2h of lateness
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, FlinkEvent, String> harness(int parallelism, int subtask) throws Exception {
        return harness(parallelism, subtask, Duration.ZERO);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, FlinkEvent, String> harness(int parallelism, int subtask, Duration dedupWindow) throws Exception {
        CorrelateFunction.Settings settings = new CorrelateFunction.Settings(null, null, Duration.ofHours(2), 100, List.of(), false, dedupWindow);
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CorrelateFunction(settings)),
                CorrelationKey.ACCOUNT::of, Types.STRING, MAX_PARALLELISM, parallelism, subtask);
    }

    /** What the CLI's batch run does with the same facts and --dedup-window: one session, its alerts folded. */
    private static List<String> oneSessionFolded(Duration window, TimedFact... facts) {
        List<String> out = new ArrayList<>();
        Deduplicator dedup = new Deduplicator(window.toMillis(), a -> out.add(json(a)));
        try (CorrelationSession s = CorrelationSession.replay(rules)) {
            for (TimedFact f : facts) {
                List<Alert> alerts = s.accept(f);
                dedup.release(s.clockMillis(), alerts); // as BatchRun: a held alert can be older than the clock
                for (Alert a : alerts) dedup.accept(a, s.clockMillis());
            }
            for (Alert a : s.finish()) dedup.accept(a, Long.MIN_VALUE);
            dedup.flush();
        }
        return out;
    }

    /** What the CLI does with the same facts: one session, in time order, finished at the end. */
    private static List<String> oneSession(TimedFact... facts) {
        List<String> out = new ArrayList<>();
        try (CorrelationSession s = CorrelationSession.replay(rules)) {
            for (TimedFact f : facts) s.accept(f).forEach(a -> out.add(json(a)));
            s.finish().forEach(a -> out.add(json(a)));
        }
        return out;
    }

    private static String json(Alert a) { return AlertJson.toJson(a).toString(); }

    private static ProcessEvent process(long time, String host, Account actor, String logonId, String commandLine, long line) {
        String image = commandLine.startsWith("net ") ? "C:\\Windows\\System32\\net.exe" : "C:\\Windows\\System32\\notepad.exe";
        return ProcessEvent.builder().time(time).host(host).actor(actor).logonId(logonId).image(image).commandLine(commandLine)
                .parentImage("C:\\Windows\\System32\\cmd.exe").processId(String.valueOf(line)).schema("sysmon").source(src(line)).build();
    }

    private static SourceRef src(long line) { return new SourceRef("events.jsonl", line); }
}
