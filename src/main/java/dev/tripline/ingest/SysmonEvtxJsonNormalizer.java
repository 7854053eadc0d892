package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.SourceRef;

/**
 * Sysmon records as evtx dump tools write them: {@code Event.System} with {@code #attributes}, and
 * {@code Event.EventData} as a map whose values may be numbers.
 */
final class SysmonEvtxJsonNormalizer implements Normalizer {
    static final String SCHEMA = "sysmon-evtx";

    @Override public boolean recognizes(JsonNode record) {
        WinEvent e = WinEvent.of(record);
        return e.layout() == WinEvent.Layout.EVTX_JSON && e.isSysmon();
    }

    @Override public Outcome normalize(JsonNode record, SourceRef source) {
        WinEvent e = WinEvent.of(record);
        return SysmonProcessCreate.normalize(e, SCHEMA, source, e.recordTime());
    }
}
