package dev.tripline.flink;

import dev.tripline.model.Text;

import java.util.Locale;

/**
 * What the stream is keyed by before the rules run: every fact a rule joins must land on the same key.
 * The bundled rules are host-scoped (detections, escalations, and the burst correlation over one account
 * on one host), so {@link #HOST} is right for them. {@link #ACCOUNT} is for a rule set whose correlations
 * are account-scoped across hosts (a spread rule: one account on 3+ hosts within an hour); see docs/flink.md.
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
