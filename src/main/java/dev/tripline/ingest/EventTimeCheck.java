package dev.tripline.ingest;

/**
 * The checks every Windows-event normalizer starts with: the record is the event id it handles (or carries
 * no id at all; an id that is not one is rejected), and it has a usable, plausible time. Either {@code millis} is the event time, or {@code stop} says why the
 * record is skipped or rejected.
 */
record EventTimeCheck(long millis, Outcome stop) {

    static EventTimeCheck of(WinEvent e, int eventId, String what) {
        int id = e.eventId();
        if (id == WinEvent.INVALID_ID) return stop(e.invalidEventId());
        if (id != eventId && id != WinEvent.NO_ID) return stop(Outcome.skipped(Reasons.otherEvent(what, e)));
        TimeField time = e.recordTime();
        if (time == null) return stop(Outcome.rejected(Reasons.MISSING_TIME));
        long millis = time.epochMillis();
        if (millis == Timestamps.INVALID) return stop(Outcome.rejected(time.unparseable()));
        String implausible = TimePlausibility.problem(time, millis);
        if (implausible != null) return stop(Outcome.rejected(implausible));
        return new EventTimeCheck(millis, null);
    }

    boolean failed() { return stop != null; }

    private static EventTimeCheck stop(Outcome why) { return new EventTimeCheck(Timestamps.INVALID, why); }
}
