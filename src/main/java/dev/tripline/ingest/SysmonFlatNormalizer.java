package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.SourceRef;

/**
 * Sysmon records with every event-data field at the top level: NXLog, flattened .evtx, winlogbeat 6, and
 * Azure Log Analytics rows (whose {@code EventData} is a JSON string). Their top-level account fields
 * ({@code AccountName}, {@code UserID}, winlogbeat's {@code user}) and {@code host} belong to the agent or
 * the collector and are ignored.
 */
final class SysmonFlatNormalizer implements Normalizer {
    static final String SCHEMA = "sysmon";

    @Override public boolean recognizes(JsonNode record) {
        WinEvent e = WinEvent.of(record);
        return e.layout() == WinEvent.Layout.FLAT && e.isSysmon();
    }

    @Override public Outcome normalize(JsonNode record, SourceRef source) {
        WinEvent e = WinEvent.of(record);
        return SysmonProcessCreate.normalize(e, SCHEMA, source, e.recordTime());
    }
}
