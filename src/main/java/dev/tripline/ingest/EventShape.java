package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The event shapes Tripline reads, each with its normalizer and the name users give it ({@code --schema}).
 * Adding a shape is one constant and one normalizer class. {@link #detect} tries the shapes in declaration
 * order: the nested layouts ({@code Event.System}, {@code winlog}) first, ECS last because Sysmon and Security
 * events from winlogbeat carry ECS fields too.
 *
 * <p>Windows Security and System events have one shape per event id, whatever the layout (NXLog, flattened
 * .evtx, winlogbeat 6 and 7+, evtx dumps, Sentinel rows): {@code security-4688} process creations,
 * {@code security-4624} logons, {@code security-4672} privileged logons, {@code security-4697} and
 * {@code system-7045} service installs. A shape's name is also the {@code schema} of the facts it makes, so a
 * fact says which event taught it. The per-id shapes come before {@code security-4688}, which recognizes every
 * other Security event and skips it ("not an event Tripline uses (Security 4625)"); {@code system-7045} does the
 * same for the System log. Detection reads a mixed Security log in full; {@code --schema security-4624} reads
 * only its logons and skips the rest, naming what they are ("not a logon (Security 4688)").
 */
public enum EventShape {
    SYSMON_EVTX_JSON("sysmon-evtx", () -> new SysmonNormalizer(WinEvent.Layout.EVTX_JSON, "sysmon-evtx")),
    WINLOGBEAT_SYSMON("winlogbeat", WinlogbeatSysmonNormalizer::new),
    SECURITY_4624("security-4624", Security4624Normalizer::new),
    SECURITY_4672("security-4672", Security4672Normalizer::new),
    SECURITY_4697("security-4697", Security4697Normalizer::new),
    SECURITY_4688("security-4688", Security4688Normalizer::new),
    SYSTEM_7045("system-7045", System7045Normalizer::new),
    SYSMON_FLAT("sysmon", () -> new SysmonNormalizer(WinEvent.Layout.FLAT, "sysmon")),
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
