package dev.tripline.flink;

import dev.tripline.context.AllowlistLoader;
import dev.tripline.context.ContextFileException;
import dev.tripline.context.InventoryLoader;
import dev.tripline.ingest.EventShape;
import dev.tripline.ingest.IngestOptions;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Tripline on Apache Flink: the CLI's rules, inputs and alert JSON, scaled out by correlation key.
 *
 * <pre>
 *   files (--input, one input per unit of work) ─┐
 *                                                ├─ normalize ─ event-time watermarks ─ keyBy(account) ─ CorrelateFunction ─ alert JSON ─ Kafka (exactly once) / files / stdout
 *   Kafka (--events-topic, raw JSON per record) ─┘
 * </pre>
 *
 * Submit with {@code flink run -c dev.tripline.flink.TriplineJob tripline.jar --events-topic … --alerts-topic …};
 * run locally (an embedded MiniCluster) by running this main class with Flink on the class path.
 */
public final class TriplineJob {
    /** Stable operator ids: a savepoint maps state to operators by these, across job versions and rule rollouts. */
    static final String UID_FILES = "tripline-files", UID_READ = "tripline-read-inputs", UID_KAFKA = "tripline-kafka-events",
            UID_CORRELATE = "tripline-correlate", UID_KAFKA_SINK = "tripline-kafka-alerts", UID_FILE_SINK = "tripline-file-alerts";

    private TriplineJob() {}

    public static void main(String[] args) throws Exception {
        JobOptions o = new JobOptions();
        CommandLine cli = new CommandLine(o);
        cli.parseArgs(args);
        if (cli.isUsageHelpRequested()) {
            cli.usage(System.out);
            return;
        }
        if (o.inputs.isEmpty() == (o.eventsTopic == null)) throw new IllegalArgumentException("give --input or --events-topic (one of them)");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, o);
        DataStream<String> alerts = alerts(env, o);
        sinks(alerts, o);
        JobExecutionResult result = env.execute("tripline " + (o.eventsTopic != null ? o.eventsTopic : String.join(",", o.inputs)));
        // A bounded run (files, or --kafka-bounded) ends here; say what it did, as the CLI's run summary does. A
        // detached submission (flink run -d) returns at once, with no results to report.
        if (result.isJobExecutionResult()) System.err.println(summary(result.getAllAccumulatorResults()));
    }

    /**
     * The run summary of a bounded run, from the job's accumulators (see {@link RunCounter}). The rejected and
     * skipped records themselves are in the task managers' logs with their source and reason.
     */
    static String summary(Map<String, Object> accumulators) {
        java.util.function.Function<String, Long> count = name -> accumulators.get(RunCounter.PREFIX + name) instanceof Number v ? v.longValue() : 0L;
        StringBuilder b = new StringBuilder("tripline (flink): ");
        if (accumulators.containsKey(RunCounter.PREFIX + "lines")) {
            b.append(String.format(Locale.ROOT, "%d lines read, %d events normalized, %d skipped, %d rejected, %d input(s) unreadable; ",
                    count.apply("lines"), count.apply("events"), count.apply("skipped"), count.apply("rejected"), count.apply("unreadable")));
        }
        b.append(String.format(Locale.ROOT, "%d late (%d behind the watermark), %d rewinds; %d alert(s), %d suppressed, %d already sent",
                count.apply("late"), count.apply("behindWatermark"), count.apply("rewinds"), count.apply("alerts"),
                count.apply("suppressed"), count.apply("duplicatesDropped")));
        return b.toString();
    }

    public static void configure(StreamExecutionEnvironment env, JobOptions o) {
        if (o.parallelism != null) env.setParallelism(o.parallelism);
        env.enableCheckpointing(o.checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        // Chained operators hand records on instead of copying each (a copy per event between reader and
        // watermarks, per alert between correlate and the sinks). Safe here: no function changes or reuses a
        // record it has emitted, and the keyed operator's input is deserialized afresh for every record, so the
        // events it keeps in state are its own.
        env.getConfig().enableObjectReuse();
    }

    /** The job up to the alerts: source, normalize, watermarks, key, rules. */
    public static DataStream<String> alerts(StreamExecutionEnvironment env, JobOptions o) {
        return alerts(env, o, UnaryOperator.identity());
    }

    /** As {@link #alerts(StreamExecutionEnvironment, JobOptions)}, with {@code tap} applied to the normalized events (tests inject faults there). */
    static DataStream<String> alerts(StreamExecutionEnvironment env, JobOptions o, UnaryOperator<DataStream<FlinkEvent>> tap) {
        Optional<EventShape> schema = Optional.ofNullable(o.schema).map(s -> EventShape.byName(s)
                .orElseThrow(() -> new IllegalArgumentException("unknown schema: " + s)));
        TypeInformation<FlinkEvent> type = TypeInformation.of(FlinkEvent.class);
        DataStream<FlinkEvent> events;
        if (o.eventsTopic != null) {
            var builder = KafkaSource.<FlinkEvent>builder()
                    .setBootstrapServers(o.kafkaBootstrap)
                    .setTopics(o.eventsTopic)
                    .setGroupId(o.groupId)
                    .setStartingOffsets(OffsetsInitializer.earliest())
                    .setProperty("isolation.level", "read_committed")
                    .setDeserializer(new KafkaEventDeserializer(schema));
            if (o.kafkaBounded) builder.setBounded(OffsetsInitializer.latest());
            events = env.fromSource(builder.build(),
                            EventTimeWatermarks.strategy(o.outOfOrderness, o.watermarkGranularity, o.idleness), "kafka events")
                    .uid(UID_KAFKA);
        } else {
            int readers = Math.max(1, Math.min(o.inputs.size(), o.parallelism != null ? o.parallelism : env.getParallelism()));
            SingleOutputStreamOperator<FlinkEvent> read = env.fromData(o.inputs, Types.STRING).uid(UID_FILES).name("inputs")
                    .rebalance()
                    .process(new ReadInputs(schema, IngestOptions.defaults()), type).uid(UID_READ).name("read and normalize")
                    .setParallelism(readers);
            events = read.assignTimestampsAndWatermarks(
                            EventTimeWatermarks.strategy(o.outOfOrderness, o.watermarkGranularity, null))
                    .name("event-time watermarks").setParallelism(readers);
        }
        events = tap.apply(events);
        if (o.horizon != null && o.dedupWindow.compareTo(o.horizon) > 0) {
            // Checked again where the operator opens, against the horizon the rules give when none is set here.
            throw new IllegalArgumentException("--dedup-window " + o.dedupWindow + " is longer than --horizon " + o.horizon);
        }
        CorrelationKey key = o.key;
        CorrelateFunction.Settings settings = new CorrelateFunction.Settings(o.rulesDir, o.horizon, o.rewindThreshold,
                o.maxLiveSessions, contextFacts(o), o.showSuppressed, o.dedupWindow);
        return events.keyBy((KeySelector<FlinkEvent, String>) key::of, Types.STRING)
                .process(new CorrelateFunction(settings), Types.STRING)
                .uid(UID_CORRELATE).name("correlate (" + key.name().toLowerCase() + ")");
    }

    /**
     * The --context and --allowlist entries, read here, where the job is built: a bad file fails the submission
     * with the CLI's message (file and entry), and the facts travel inside the job graph to every task manager.
     */
    static List<Object> contextFacts(JobOptions o) {
        List<Object> facts = new ArrayList<>();
        try {
            for (String f : o.contextFiles) facts.addAll(InventoryLoader.load(java.nio.file.Path.of(f)));
            for (String f : o.allowlists) facts.addAll(AllowlistLoader.load(java.nio.file.Path.of(f)));
        } catch (ContextFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return facts;
    }

    /** Attaches the sinks the options ask for. */
    public static void sinks(DataStream<String> alerts, JobOptions o) {
        if (o.alertsTopic != null) alerts.sinkTo(kafkaSink(o)).uid(UID_KAFKA_SINK).name("kafka alerts");
        if (o.outputDir != null) {
            alerts.sinkTo(FileSink.forRowFormat(new Path(o.outputDir), new SimpleStringEncoder<String>("UTF-8")).build())
                    .uid(UID_FILE_SINK).name("alert files");
        }
        if (o.print) alerts.print().name("print alerts");
    }

    /** Exactly once: alerts go out in Kafka transactions committed with each checkpoint. */
    static KafkaSink<String> kafkaSink(JobOptions o) {
        return KafkaSink.<String>builder()
                .setBootstrapServers(o.kafkaBootstrap)
                .setRecordSerializer(KafkaRecordSerializationSchema.builder()
                        .setTopic(o.alertsTopic)
                        .setValueSerializationSchema(new SimpleStringSchema())
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(o.transactionalIdPrefix)
                // Reuses a pool of transactional ids and, on recovery, aborts only the transactions it finds open on
                // the topic (needs the alerts topic to exist when the job starts).
                .setTransactionNamingStrategy(org.apache.flink.connector.kafka.sink.TransactionNamingStrategy.POOLING)
                // Must not exceed the broker's transaction.max.timeout.ms (15 min by default).
                .setProperty("transaction.timeout.ms", "600000")
                .build();
    }
}
