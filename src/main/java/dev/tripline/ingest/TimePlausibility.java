package dev.tripline.ingest;

/**
 * Whether an event time can be real. Windows and exporters write placeholder and forged times (0001-01-01,
 * 1601-01-01 — FILETIME zero —, 9999-12-31, a host clock years off), and one such record between real ones would
 * move the replay clock for every host and split correlations ("rewound 1 time"). So a time before 1990 or
 * more than a day ahead of this machine's clock is a data problem of that record: it is rejected with its
 * reason, never replayed. The bound follows the wall clock, so long-running watch mode keeps up with it.
 */
final class TimePlausibility {
    /** 1990-01-01T00:00:00Z: older than any Windows event log format. */
    static final long EARLIEST = 631_152_000_000L;
    /** How far ahead of this machine's clock a record may be (clock skew between hosts and collector). */
    static final long MAX_AHEAD_MILLIS = 24L * 60 * 60 * 1000;

    private TimePlausibility() {}

    /** The rejection reason, or null for a plausible time. */
    static String problem(TimeField field, long millis) {
        if (millis < EARLIEST) return Reasons.of(Reasons.IMPLAUSIBLE_TIME, field.field() + " '" + field.raw() + "' is before 1990");
        if (millis > System.currentTimeMillis() + MAX_AHEAD_MILLIS) {
            return Reasons.of(Reasons.IMPLAUSIBLE_TIME, field.field() + " '" + field.raw() + "' is more than a day in the future");
        }
        return null;
    }
}
