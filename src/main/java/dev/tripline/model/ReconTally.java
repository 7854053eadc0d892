package dev.tripline.model;

/**
 * One account's recent discovery, on any host, within a window (the recon-then-manipulation sequence). Never raised
 * as an episode: a manipulation reads the detections cited between its time minus the window and its time.
 */
public final class ReconTally extends DistinctTally {
    public ReconTally(Account account, long windowMillis, long since) { super(account, windowMillis, since); }

    /** Cited per command line, so one command repeated does not push the other recon out of the window's citations. */
    @Override protected String valueOf(Detection d) { return d.getCommandLineKey(); }
}
