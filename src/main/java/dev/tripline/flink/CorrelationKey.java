package dev.tripline.flink;

import dev.tripline.model.Account;
import dev.tripline.model.Text;

import java.util.Locale;

/**
 * What the stream is keyed by before the rules run: every fact a rule joins must land on the same key. A key
 * may be coarser than the rules' own joins (the rules still tell accounts and hosts apart inside a session);
 * it must never be finer.
 *
 * <p>{@link #ACCOUNT} (the default) keys by the account's name, case folded, without domain or SID. That is
 * coarse on purpose: the rules join accounts two ways, exactly ({@code actor == $actor}: the burst, the spread,
 * the recon-then-manipulation sequence) and leniently ({@link Account#sameAs}: what the logs taught about an
 * account, where {@code svc_sql} from a 4624 with a SID must meet {@code CORP\svc_sql} from Sysmon without one,
 * and a missing domain matches any). Only the name is common to both. A service install goes to the account the
 * service runs as (the one it teaches about), a logon to the account that logged on. {@link #HOST} suits rule
 * sets whose correlations are host-scoped only; see docs/flink.md.
 */
public enum CorrelationKey {
    HOST,
    ACCOUNT;

    public String of(FlinkEvent e) {
        return switch (this) {
            case HOST -> e.host == null ? "" : Text.fold(e.host);
            case ACCOUNT -> e.kindOrProcess() == FlinkEvent.Kind.SERVICE_INSTALL
                    ? accountKey(Account.parse(e.serviceAccount, null))
                    : accountKey(new Account(e.actorDomain, e.actorName, e.actorSid));
        };
    }

    /** The name, case folded; an account known only by its SID is keyed by the SID. */
    static String accountKey(Account a) {
        if (a.getName() != null) return a.getNameLower();
        return a.getSid() == null ? "" : "sid:" + a.getSid().toUpperCase(Locale.ROOT);
    }
}
