package dev.tripline.flink;

import dev.tripline.model.Text;

import java.util.Locale;

/**
 * What the stream is keyed by before the rules run: every fact a rule joins must land on the same key.
 * Every bundled correlation joins detections of one account — the burst (one account on one host), the spread
 * (one account on 3+ hosts within an hour) and the recon-then-manipulation sequence (one account, any host) —
 * so {@link #ACCOUNT} is the default. {@link #HOST} suits a rule set whose correlations are host-scoped only
 * (several accounts on one host); see docs/flink.md.
 */
public enum CorrelationKey {
    HOST,
    ACCOUNT;

    public String of(FlinkEvent e) {
        return switch (this) {
            case HOST -> e.host == null ? "" : Text.fold(e.host);
            case ACCOUNT -> account(e);
        };
    }

    /** The same parts {@link dev.tripline.model.Account#equals} compares, so equal accounts share a key. */
    private static String account(FlinkEvent e) {
        String name = e.actorName == null ? "" : e.actorName.trim().toLowerCase(Locale.ROOT);
        String domain = e.actorDomain == null ? "" : e.actorDomain.trim().toLowerCase(Locale.ROOT);
        String sid = e.actorSid == null ? "" : e.actorSid.trim().toUpperCase(Locale.ROOT);
        return domain + "\\" + name + "|" + sid;
    }
}
