package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.SourceRef;

/**
 * System event 7045 of the Service Control Manager, a service was installed, in every layout {@link WinEvent}
 * reads: {@code ServiceName}, {@code ImagePath}, and {@code AccountName}, the account the service will run as.
 * 7045 has no installer field: the installer is the account the record was logged for
 * ({@link WinEvent#recordUser()}: evtx {@code Security@UserID}, winlogbeat {@code winlog.user}, NXLog
 * {@code UserID}), unknown when the record has none.
 *
 * <p>This shape reads every record of the System log, so that its other events are skipped as events
 * Tripline does not use rather than as records of an unknown shape. A 7045 without a service name is rejected.
 */
final class System7045Normalizer implements Normalizer {
    static final String SCHEMA = "system-7045";
    static final int SERVICE_INSTALLED = 7045;

    @Override public boolean recognizes(JsonNode record) {
        return WinEvent.of(record).isSystemLog();
    }

    private static final ServiceInstalls.Fields FIELDS = new ServiceInstalls.Fields(SERVICE_INSTALLED, SCHEMA, "ImagePath", "AccountName", WinEvent::recordUser);

    @Override public Outcome normalize(JsonNode record, SourceRef source) {
        return ServiceInstalls.normalize(WinEvent.of(record), source, FIELDS);
    }
}
