package dev.tripline.model;

import java.beans.ConstructorProperties;
import java.util.Locale;
import java.util.Objects;

/**
 * The Windows account that ran a process, as the log reports it. Equality ignores case, because Windows
 * account and domain names are case-insensitive; a missing part is {@code null}, never "-".
 */
public final class Account implements java.io.Serializable {
    private final String domain;
    private final String name;
    private final String sid;
    // The folded parts and the hash, made on first use and kept: a Drools hash index on an account (the rules join
    // findings, tallies and context by account) calls hashCode and equals on every lookup, and folding there each
    // time took a seventh of the session thread in a run where every event was a finding. Transient: remade
    // after deserialization.
    private transient String domainFolded;
    private transient String nameFolded;
    private transient int hash;
    private transient boolean hashIsZero; // as String does: each field alone is right, so threads may race to set them

    @ConstructorProperties({"domain", "name", "sid"}) // for marshallers that build objects by constructor
    public Account(String domain, String name, String sid) {
        this.domain = blankToNull(domain);
        this.name = blankToNull(name);
        this.sid = blankToNull(sid) == null ? null : sid.trim().toUpperCase(Locale.ROOT);
    }

    public static Account unknown() {
        return new Account(null, null, null);
    }

    public String getDomain() { return domain; }
    public String getName() { return name; }
    public String getSid() { return sid; }

    /** Lower-cased name, for case-insensitive rule constraints; empty when unknown. */
    public String getNameLower() { return name == null ? "" : nameFolded(); }

    /** Lower-cased domain, empty when unknown. */
    public String getDomainLower() { return domain == null ? "" : domainFolded(); }

    public boolean isKnown() { return name != null || sid != null; }

    /** {@code DOMAIN\name}, the bare name, or the SID: how an analyst would write this account. */
    public String display() {
        if (name == null) return sid == null ? "unknown" : sid;
        return domain == null ? name : domain + "\\" + name;
    }

    /**
     * The same account as another source names it: equal SIDs when both know the SID; otherwise the same name
     * (case-insensitive) in the same domain, where a NetBIOS domain matches the first label of a DNS one
     * ({@code CORP} and {@code corp.local}) and a missing domain matches any.
     */
    public boolean sameAs(Account other) {
        if (other == null) return false;
        if (sid != null && other.sid != null) return sid.equals(other.sid);
        if (name == null || other.name == null || !name.equalsIgnoreCase(other.name)) return false;
        return domain == null || other.domain == null || shortDomain(domain).equals(shortDomain(other.domain));
    }

    /** Parses how people write accounts: {@code DOMAIN\name}, {@code name@dns.domain} or a bare name. */
    public static Account parse(String text, String sid) {
        if (text == null || text.isBlank()) return new Account(null, null, sid);
        String t = text.trim();
        int slash = t.indexOf('\\');
        if (slash >= 0) return new Account(t.substring(0, slash), t.substring(slash + 1), sid);
        int at = t.indexOf('@');
        if (at > 0) return new Account(t.substring(at + 1), t.substring(0, at), sid);
        return new Account(null, t, sid);
    }

    private static String shortDomain(String d) {
        int dot = d.indexOf('.');
        return (dot < 0 ? d : d.substring(0, dot)).toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        if (s == null) return null;
        String t = s.trim();
        return t.isEmpty() || t.equals("-") ? null : t;
    }

    private String domainFolded() {
        String f = domainFolded;
        if (f == null && domain != null) domainFolded = f = domain.toLowerCase(Locale.ROOT);
        return f;
    }

    private String nameFolded() {
        String f = nameFolded;
        if (f == null && name != null) nameFolded = f = name.toLowerCase(Locale.ROOT);
        return f;
    }

    @Override public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Account a)) return false;
        return hashCode() == a.hashCode() && Objects.equals(sid, a.sid) && Objects.equals(nameFolded(), a.nameFolded())
                && Objects.equals(domainFolded(), a.domainFolded());
    }

    /** {@code Objects.hash(folded domain, folded name, sid)}, computed once. */
    @Override public int hashCode() {
        int h = hash;
        if (h == 0 && !hashIsZero) {
            h = 31 * (31 * (31 + Objects.hashCode(domainFolded())) + Objects.hashCode(nameFolded())) + Objects.hashCode(sid);
            if (h == 0) hashIsZero = true;
            else hash = h;
        }
        return h;
    }

    @Override public String toString() { return display() + (sid != null && name != null ? " (" + sid + ")" : ""); }
}
