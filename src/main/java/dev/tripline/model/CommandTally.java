package dev.tripline.model;

/** Distinct discovery command lines of one account on one host within a window (the burst correlation). */
public final class CommandTally extends DistinctTally {
    private final String host;

    public CommandTally(String host, Account account, long windowMillis, long since) {
        super(account, windowMillis, since);
        this.host = host;
    }

    /** Folded host name, as {@link Finding#getHostKey()}. */
    public String getHost() { return host; }

    @Override protected String valueOf(Detection d) { return d.getCommandLineKey(); }
}
