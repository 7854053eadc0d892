package dev.tripline.ingest;

import dev.tripline.model.Account;
import dev.tripline.model.ServiceInstallEvent;
import dev.tripline.model.SourceRef;

import java.util.function.Function;

/**
 * What Security 4697 and System 7045 share: the same checks (the event id, a time, a service name) and the same
 * fact; only the field names and where the installer comes from differ.
 */
final class ServiceInstalls {
    /** Field names of one event id. */
    record Fields(int eventId, String schema, String imageField, String accountField, Function<WinEvent, Account> installedBy) {}

    private ServiceInstalls() {}

    static Outcome normalize(WinEvent e, SourceRef source, Fields f) {
        EventTimeCheck checked = EventTimeCheck.of(e, f.eventId(), "service install");
        if (checked.failed()) return checked.stop();
        long millis = checked.millis();
        String name = e.data("ServiceName");
        if (name == null) return Outcome.rejected(Reasons.MISSING_SERVICE_NAME);
        return Outcome.accepted(new ServiceInstallEvent(millis, e.computer(), name, e.data(f.imageField()),
                e.data(f.accountField()), f.installedBy().apply(e), f.schema(), source));
    }
}
