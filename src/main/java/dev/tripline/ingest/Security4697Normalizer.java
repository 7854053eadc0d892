package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.ServiceInstallEvent;
import dev.tripline.model.SourceRef;

/**
 * Security event 4697, a service was installed, in every layout {@link WinEvent} reads: {@code ServiceName},
 * {@code ServiceFileName} (the image path, as registered: often quoted, with arguments), {@code ServiceAccount}
 * (the account the service will run as, {@code LocalSystem} and the like as written), and the installer from
 * {@code Subject*}. A 4697 without a service name is rejected.
 */
final class Security4697Normalizer implements Normalizer {
    static final String SCHEMA = "security-4697";
    static final int SERVICE_INSTALLED = 4697;

    @Override public boolean recognizes(JsonNode record) {
        return WinEvent.of(record).isSecurityEvent(SERVICE_INSTALLED, "ServiceFileName");
    }

    @Override public Outcome normalize(JsonNode record, SourceRef source) {
        WinEvent e = WinEvent.of(record);
        int id = e.eventId();
        if (id != SERVICE_INSTALLED && id != -1) return Outcome.skipped(Reasons.otherEvent("service install", e));
        TimeField time = e.recordTime();
        if (time == null) return Outcome.rejected(Reasons.MISSING_TIME);
        long millis = time.epochMillis();
        if (millis == Timestamps.INVALID) return Outcome.rejected(time.unparseable());
        String name = e.data("ServiceName");
        if (name == null) return Outcome.rejected(Reasons.MISSING_SERVICE_NAME);
        return Outcome.accepted(new ServiceInstallEvent(millis, e.computer(), name, e.data("ServiceFileName"),
                e.data("ServiceAccount"), e.account("Subject"), SCHEMA, source));
    }
}
