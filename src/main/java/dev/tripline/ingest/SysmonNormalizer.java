package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.SourceRef;

/**
 * Sysmon event 1 in one of the record layouts {@link WinEvent} reads; the layout is all that tells the shapes
 * apart, the reading is {@link SysmonProcessCreate}'s.
 * <ul>
 *   <li>{@code sysmon}: every event-data field at the top level: NXLog, flattened .evtx, winlogbeat 6, and Azure
 *       Log Analytics rows (whose {@code EventData} is a JSON string). Their top-level account fields
 *       ({@code AccountName}, {@code UserID}, winlogbeat's {@code user}) and {@code host} belong to the agent or
 *       the collector and are ignored.</li>
 *   <li>{@code sysmon-evtx}: as evtx dump tools write them, {@code Event.System} with {@code #attributes} and
 *       {@code Event.EventData} as a map whose values may be numbers.</li>
 * </ul>
 */
final class SysmonNormalizer implements Normalizer {
    private final WinEvent.Layout layout;
    private final String schema;

    SysmonNormalizer(WinEvent.Layout layout, String schema) {
        this.layout = layout;
        this.schema = schema;
    }

    @Override public boolean recognizes(JsonNode record) {
        WinEvent e = WinEvent.of(record);
        return e.layout() == layout && e.isSysmon();
    }

    @Override public Outcome normalize(JsonNode record, SourceRef source) {
        WinEvent e = WinEvent.of(record);
        return SysmonProcessCreate.normalize(e, schema, source, e.recordTime());
    }
}
