package dev.tripline.model;

/** Distinct hosts on which one account ran discovery within a window (the spread correlation). */
public final class HostTally extends DistinctTally {
    public HostTally(Account account, long windowMillis, long since) { super(account, windowMillis, since); }

    @Override protected String valueOf(Detection d) { return d.getHostKey(); }
}
