package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The event shapes Tripline reads, each with its normalizer and the name users give it ({@code --schema}).
 * Adding a shape is one constant and one normalizer class. {@link #detect} tries the shapes in declaration
 * order: the nested layouts ({@code Event.System}, {@code winlog}) first, ECS last because Sysmon and 4688
 * from winlogbeat carry ECS fields too.
 */
public enum EventShape {
    SYSMON_EVTX_JSON("sysmon-evtx", SysmonEvtxJsonNormalizer::new),
    WINLOGBEAT_SYSMON("winlogbeat", WinlogbeatSysmonNormalizer::new),
    SECURITY_4688("security-4688", Security4688Normalizer::new),
    SYSMON_FLAT("sysmon", SysmonFlatNormalizer::new),
    DEFENDER_PROCESS("defender", DefenderProcessNormalizer::new),
    ECS_PROCESS("ecs", EcsProcessNormalizer::new);

    private static final EventShape[] DETECTION_ORDER = values();

    private final String cliName;
    private final Supplier<Normalizer> factory;
    /** Normalizers are stateless, so one instance per shape serves detection and every reader. */
    private final Normalizer shared;

    EventShape(String cliName, Supplier<Normalizer> factory) {
        this.cliName = cliName;
        this.factory = factory;
        this.shared = factory.get();
    }

    /** The {@code --schema} value, also the {@code schema} of the events this shape produces. */
    public String cliName() { return cliName; }

    public Normalizer normalizer() { return shared; }

    public Normalizer newNormalizer() { return factory.get(); }

    /** The first shape, in a fixed order, that recognizes the record. */
    public static Optional<EventShape> detect(JsonNode record) {
        if (record == null || !record.isObject()) return Optional.empty();
        for (EventShape s : DETECTION_ORDER) {
            if (s.shared.recognizes(record)) return Optional.of(s);
        }
        return Optional.empty();
    }

    /** The shape with that cli name (case-insensitive). */
    public static Optional<EventShape> byName(String name) {
        if (name == null) return Optional.empty();
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (EventShape s : values()) if (s.cliName.equals(n)) return Optional.of(s);
        return Optional.empty();
    }
}
