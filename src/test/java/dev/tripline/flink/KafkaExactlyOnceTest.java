package dev.tripline.flink;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.pipeline.BatchRun;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.ResourceManagerOptions;
import org.apache.flink.configuration.RpcOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka in, Kafka out, exactly once, against an in-process KRaft broker on 127.0.0.1: the alerts read back
 * with read_committed equal the CLI's alerts on the same events, with a task failure after a checkpoint,
 * and across a stop-with-savepoint and restart of the job at another parallelism (state rebuilt into KIE
 * sessions, redistributed by key group).
 */
class KafkaExactlyOnceTest {
    /** Generous deadlines before anything gives up, where a loaded machine is slow and an idle one never waits. */
    static final Duration PATIENCE = Duration.ofMinutes(10);

    @RegisterExtension static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).setConfiguration(patientCluster()).build());

    /**
     * The MiniCluster's shape as {@link FlinkTestSupport#miniCluster()}, with its internal timeouts made patient: on a
     * busy 2-core machine an RPC (a slot offer, a heartbeat) can take longer than the 10 s default ask timeout, and
     * a restarting job's slot request longer than the defaults allow; that surfaced as NoResourceAvailableException.
     * Nothing here waits on a timeout when the machine is idle; what the test checks is unchanged.
     */
    static Configuration patientCluster() {
        Configuration c = new Configuration();
        c.set(RpcOptions.ASK_TIMEOUT_DURATION, Duration.ofMinutes(2));
        c.set(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT, PATIENCE);
        c.set(JobManagerOptions.SLOT_REQUEST_TIMEOUT, PATIENCE);
        c.set(TaskManagerOptions.REGISTRATION_TIMEOUT, PATIENCE);
        c.set(ResourceManagerOptions.TASK_MANAGER_REGISTRATION_TIMEOUT, PATIENCE);
        return c;
    }

    static KafkaClusterTestKit kafka;
    static CompiledRules rules;

    @BeforeAll static void startBroker() throws Exception {
        kafka = LocalKafka.startBroker();
        rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
    }

    @AfterAll static void stopBroker() throws Exception {
        if (kafka != null) kafka.close();
    }

    // ---- failure after a checkpoint -------------------------------------------------------------------------

    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicInteger CHECKPOINTS_BEFORE_FAILURE = new AtomicInteger();

    /** Passes events through slowly; once a checkpoint has completed and half the events went by, throws once. */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<FlinkEvent, FlinkEvent> implements CheckpointListener {
        private final int after;
        private transient int seen;
        private transient boolean checkpointed;

        FailOnceAfterCheckpoint(int after) { this.after = after; }

        @Override public void open(OpenContext ctx) { seen = 0; checkpointed = false; }

        @Override public FlinkEvent map(FlinkEvent e) throws Exception {
            Thread.sleep(checkpointed ? 1 : 20); // slow until a checkpoint completes, so the failure is always injected
            if (++seen >= after && checkpointed && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after a completed checkpoint");
            }
            return e;
        }

        @Override public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
            if (!FAILED.get()) CHECKPOINTS_BEFORE_FAILURE.incrementAndGet();
        }
    }

    /*
     * History: with the failure injected only when a checkpoint happened to complete early (timing-dependent) and
     * the sink on its default transaction naming, one run lost the 46 alerts written before the first checkpoint.
     * The injection is now deterministic (the tap slows down until a checkpoint has completed) and the sink uses
     * POOLING transaction naming (it aborts only the lingering transactions it finds open on the topic); 7 of 7
     * runs since then gave exactly the expected alerts. The one loss was not reproduced, so its cause is unproven.
     */
    @Test void aFailureAfterACheckpointGivesExactlyTheExpectedAlerts(@TempDir Path tmp) throws Exception {
        List<String> lines = SyntheticEvents.lines(600, 12, Instant.parse("2024-03-05T09:00:00Z").toEpochMilli(), 20_000, 30, 7);
        List<String> expected = expected(lines, tmp);
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(expected).anyMatch(a -> a.contains("\"kind\":\"correlation\""));
        produce("events-fail", lines);
        createTopic("alerts-fail", 2);

        JobOptions o = new JobOptions().kafka(kafka.bootstrapServers(), "events-fail", "alerts-fail").kafkaBounded(true)
                .groupId("fail").transactionalIdPrefix("tripline-fail").parallelism(2).checkpointInterval(Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(restartQuickly());
        TriplineJob.configure(env, o);
        // The tap sits between normalizing and keying: only one subtask per half of the stream sees it.
        TriplineJob.sinks(TriplineJob.alerts(env, o, s -> s.map(new FailOnceAfterCheckpoint(lines.size() / 4))
                .returns(FlinkEvent.class).name("fail once")), o);
        env.execute("kafka failure");

        assertThat(FAILED).as("the failure was injected").isTrue();
        assertThat(CHECKPOINTS_BEFORE_FAILURE.get()).as("checkpoints completed before the failure").isPositive();
        assertThat(sorted(readCommitted("alerts-fail"))).isEqualTo(sorted(expected));
    }

    // ---- stop with savepoint, restart at another parallelism ---------------------------------------------

    @Test void alertsAreExactlyOnceAcrossAJobRestartFromASavepointAtAnotherParallelism(@TempDir Path tmp) throws Exception {
        long start = Instant.parse("2024-04-01T08:00:00Z").toEpochMilli();
        List<String> all = new ArrayList<>(SyntheticEvents.lines(300, 6, start, 15_000, 30, 11));
        // A tick an hour later on every host pushes the watermark past the end, so nothing stays pending. The tick
        // itself must raise nothing (it is never released: no later event moves the watermark past it).
        long end = start + 300 * 15_000L + 3_600_000L;
        for (int h = 0; h < 6; h++) all.add(SyntheticEvents.line(end + h, "ws" + h + ".corp.local", "CORP\\user0", "C:\\Windows\\System32\\svchost.exe -k netsvcs", 9_000_000 + h));
        // Context the logs teach, across the restart: svcbackup logs on as a service before the cut (so the first job
        // learns it) and runs recon after it (so the second job, restored at another parallelism, must still know).
        all.add(10, SyntheticEvents.logon(start + 10 * 15_000L + 1, "app01.corp.local", "CORP", "svcbackup", "S-1-5-21-1-2-3-2001", 5, "0x7f1", 8_000_001));
        all.add(201, SyntheticEvents.line(start + 200 * 15_000L + 1, "app01.corp.local", "CORP\\svcbackup", "net group \"domain admins\" /domain", 8_000_002));
        List<String> expected = expected(all, tmp);
        assertThat(expected).as("the CLI learns svcbackup from the 4624").anyMatch(a -> a.contains("svcbackup logged on as a service"));
        int half = 150; // a burst straddles the cut: its first detections are only in the first job's state
        String events = "events-restart", alerts = "alerts-restart";
        createTopic(events, 2);
        produce(events, all.subList(0, half));

        JobOptions o = new JobOptions().kafka(kafka.bootstrapServers(), events, alerts)
                .groupId("restart").transactionalIdPrefix("tripline-restart").checkpointInterval(Duration.ofMillis(200));
        StreamExecutionEnvironment env1 = StreamExecutionEnvironment.getExecutionEnvironment();
        TriplineJob.configure(env1, o.parallelism(2));
        TriplineJob.sinks(TriplineJob.alerts(env1, o), o);
        JobClient first = env1.executeAsync("restart: first run");
        waitFor(first, () -> readCommitted(alerts).size() > 0);
        // The whole first half is inside a completed checkpoint (the source commits its offsets on checkpoints), so
        // the first job's state holds it when the savepoint is taken.
        waitFor(first, () -> LocalKafka.committedToEnd(kafka.bootstrapServers(), "restart", events));
        String savepoint = first.stopWithSavepoint(false, tmp.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL).get();
        int afterFirst = readCommitted(alerts).size();
        assertThat(afterFirst).isPositive().isLessThan(expected.size());

        produce(events, all.subList(half, all.size()));
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        StreamExecutionEnvironment env2 = StreamExecutionEnvironment.getExecutionEnvironment(restore);
        TriplineJob.configure(env2, o.parallelism(1));
        TriplineJob.sinks(TriplineJob.alerts(env2, o), o);
        JobClient second = env2.executeAsync("restart: second run");
        waitFor(second, () -> readCommitted(alerts).size() >= expected.size());
        second.stopWithSavepoint(false, tmp.resolve("savepoints2").toUri().toString(), SavepointFormatType.CANONICAL).get();

        assertThat(sorted(readCommitted(alerts))).isEqualTo(sorted(expected));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /**
     * Restarts after the injected failure. Patient attempts: on a loaded machine a restart can itself fail
     * (a slot not yet freed, a transaction fenced); the alerts must still be exactly the expected ones.
     */
    private static Configuration restartQuickly() {
        Configuration c = new Configuration();
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        // Attempts for about two minutes: on a busy machine the failed attempt's slots can take many seconds to come
        // back, and every attempt before that fails with NoResourceAvailableException (seen with 10 × 500 ms).
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 120);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        return c;
    }

    /** The CLI's alerts on the same lines, without event sources (a topic's differ from a file's). */
    private static List<String> expected(List<String> lines, Path tmp) throws Exception {
        Path file = Files.createTempFile(tmp, "events", ".jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return FlinkTestSupport.cliAlerts(rules, List.of(file.toString()), BatchRun.Options.defaults()).stream()
                .map(FlinkTestSupport::withoutSources).toList();
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        LocalKafka.createTopic(kafka.bootstrapServers(), topic, partitions);
    }

    private static void produce(String topic, List<String> lines) throws Exception {
        LocalKafka.produce(kafka.bootstrapServers(), topic, lines);
    }

    static List<String> readCommitted(String topic) {
        return LocalKafka.readCommitted(kafka.bootstrapServers(), topic);
    }

    /**
     * Waits until {@code condition} holds while {@code job} runs: fails at once if the job ends first (its failure
     * is the cause to see), and only after {@link #PATIENCE} if neither happens (a hang, not a slow machine).
     */
    private static void waitFor(JobClient job, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            var status = job.getJobStatus().get();
            if (status.isGloballyTerminalState()) {
                throw new AssertionError("the job ended (" + status + ") before the condition held",
                        job.getJobExecutionResult().handle((r, e) -> e).get());
            }
            if (System.nanoTime() > deadline) throw new AssertionError("condition not reached within " + PATIENCE + " (job " + status + ")");
            Thread.sleep(300);
        }
    }

    private static List<String> sorted(List<String> l) { return l.stream().sorted().toList(); }

}
