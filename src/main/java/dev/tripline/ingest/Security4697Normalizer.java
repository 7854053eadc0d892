package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
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

    private static final ServiceInstalls.Fields FIELDS = new ServiceInstalls.Fields(SERVICE_INSTALLED, SCHEMA, "ServiceFileName", "ServiceAccount", e -> e.account("Subject"));

    @Override public Outcome normalize(JsonNode record, SourceRef source) {
        return ServiceInstalls.normalize(WinEvent.of(record), source, FIELDS);
    }
}
