package dev.tripline.flink;

import dev.tripline.cli.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the Flink job reads, how it keys and orders events, and where alerts go. Parsed from the job's arguments. */
@Command(name = "tripline-flink", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Tripline's rules on Apache Flink: events from files or a Kafka topic, alerts as the CLI's alert JSON.")
public final class JobOptions implements Serializable {
    @Option(names = "--input", description = "A file or folder to read, as the CLI takes it (repeatable).")
    public List<String> inputs = new ArrayList<>();

    @Option(names = "--schema", description = "Force one event shape instead of detecting it (as the CLI's --schema).")
    public String schema;

    @Option(names = "--rules", description = "A DRL folder; default: the rules bundled in the job jar.")
    public String rulesDir;

    @Option(names = "--context", paramLabel = "FILE",
            description = "Inventory of identities and hosts (YAML, JSON or CSV), as the CLI's --context (repeatable). Read when the job is built; task managers need no copy.")
    public List<String> contextFiles = new ArrayList<>();

    @Option(names = "--allowlist", paramLabel = "FILE",
            description = "Known-benign activity with reasons, as the CLI's --allowlist (repeatable). Read when the job is built.")
    public List<String> allowlists = new ArrayList<>();

    @Option(names = "--show-suppressed", description = "Emit alerts that a suppression rule or the allowlist marked, with the reason (hidden by default, as in the CLI).")
    public boolean showSuppressed;

    @Option(names = "--dedup-window", converter = DurationConverter.class,
            description = "Fold the same detection (rule, host, account, command line, parent image) within this window into one alert with a count, as the CLI's --dedup-window; a folded alert goes out when its window has passed in event time (default: 0s, every alert at once).")
    public Duration dedupWindow = Duration.ZERO;

    @Option(names = "--kafka-bootstrap", description = "Kafka bootstrap servers, for --events-topic and --alerts-topic.")
    public String kafkaBootstrap;

    @Option(names = "--events-topic", description = "Topic of raw JSON events, one event per record.")
    public String eventsTopic;

    @Option(names = "--group-id", description = "Consumer group of the events source (default: ${DEFAULT-VALUE}).")
    public String groupId = "tripline";

    @Option(names = "--kafka-bounded", description = "Stop at the events topic's latest offsets at start (a replay), instead of running forever.")
    public boolean kafkaBounded;

    @Option(names = "--alerts-topic", description = "Topic the alerts go to, exactly once (transactions; read it with isolation.level=read_committed).")
    public String alertsTopic;

    @Option(names = "--transactional-id-prefix", description = "Prefix of the Kafka sink's transactional ids; unique per job (default: ${DEFAULT-VALUE}).")
    public String transactionalIdPrefix = "tripline-alerts";

    @Option(names = "--output", description = "A folder for alert files (exactly once: files are committed on checkpoints).")
    public String outputDir;

    @Option(names = "--print", description = "Print alerts to the task managers' stdout.")
    public boolean print;

    @Option(names = "--key", description = "Correlation key: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    public CorrelationKey key = CorrelationKey.ACCOUNT;

    @Option(names = "--out-of-orderness", converter = DurationConverter.class,
            description = "Watermark bound: how far behind the newest event an event may come and still be ordered (default: 5m, the CLI's reorder window).")
    public Duration outOfOrderness = Duration.ofMinutes(5);

    @Option(names = "--watermark-granularity", converter = DurationConverter.class,
            description = "Send a watermark once it moved this far (default: 1ms, every move).")
    public Duration watermarkGranularity = Duration.ofMillis(1);

    @Option(names = "--idleness", converter = DurationConverter.class,
            description = "A Kafka partition without events this long stops holding the watermark back (default: 1m; 0 = never).")
    public Duration idleness = Duration.ofMinutes(1);

    @Option(names = "--horizon", converter = DurationConverter.class,
            description = "Event time a key's processed events are kept in state to rebuild its session (default: the longest @expires the rules declare for what they derive: 3h for the bundled rules). Events whose own @expires is longer are kept that long.")
    public Duration horizon;

    @Option(names = "--rewind-threshold", converter = DurationConverter.class,
            description = "An event this much older than its key's newest starts a new recording (default: 2h, as the CLI).")
    public Duration rewindThreshold = Duration.ofHours(2);

    @Option(names = "--max-live-sessions", description = "KIE sessions kept live per subtask; others are rebuilt from state on use (default: ${DEFAULT-VALUE}).")
    public int maxLiveSessions = 5000;

    @Option(names = "--parallelism", description = "Job parallelism (default: the cluster's).")
    public Integer parallelism;

    @Option(names = "--checkpoint-interval", converter = DurationConverter.class,
            description = "Checkpoint interval; exactly-once output commits on checkpoints (default: 10s).")
    public Duration checkpointInterval = Duration.ofSeconds(10);

    public JobOptions input(String i) { inputs.add(i); return this; }
    public JobOptions schema(String s) { schema = s; return this; }
    public JobOptions kafka(String bootstrap, String events, String alerts) {
        kafkaBootstrap = bootstrap; eventsTopic = events; alertsTopic = alerts; return this;
    }
    public JobOptions kafkaBounded(boolean b) { kafkaBounded = b; return this; }
    public JobOptions groupId(String g) { groupId = g; return this; }
    public JobOptions transactionalIdPrefix(String p) { transactionalIdPrefix = p; return this; }
    public JobOptions outOfOrderness(Duration d) { outOfOrderness = d; return this; }
    public JobOptions watermarkGranularity(Duration d) { watermarkGranularity = d; return this; }
    public JobOptions parallelism(int p) { parallelism = p; return this; }
    public JobOptions checkpointInterval(Duration d) { checkpointInterval = d; return this; }
    public JobOptions key(CorrelationKey k) { key = k; return this; }
    public JobOptions context(String f) { contextFiles.add(f); return this; }
    public JobOptions allowlist(String f) { allowlists.add(f); return this; }
    public JobOptions showSuppressed(boolean b) { showSuppressed = b; return this; }
    public JobOptions dedupWindow(Duration d) { dedupWindow = d; return this; }
}
