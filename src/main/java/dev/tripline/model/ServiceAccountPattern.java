package dev.tripline.model;

/**
 * A pattern that marks an account as a service identity: by SID ({@code S-1-5-19}), by qualified name
 * ({@code NT SERVICE\*}) or by bare name ({@code svc_*}). Loaded from the rules folder's data, not written in DRL.
 */
public final class ServiceAccountPattern {
    private final Glob sid;
    private final Glob name;
    private final String why;

    public ServiceAccountPattern(String sid, String name, String why) {
        if (sid == null && name == null) throw new IllegalArgumentException("a service-account pattern needs a sid or a name");
        this.sid = sid == null ? null : new Glob(sid);
        this.name = name == null ? null : new Glob(name);
        this.why = why;
    }

    public boolean matches(Account a) {
        if (a == null) return false;
        if (sid != null && !sid.matches(a.getSid())) return false;
        if (name != null) {
            // "DOMAIN\name" patterns compare with the qualified name, bare patterns with the name alone.
            String value = name.text().contains("\\") ? a.display() : a.getName();
            if (!name.matches(value)) return false;
        }
        return true;
    }

    /** The plain-language reason an alert shows, e.g. "NT SERVICE\MSSQLSERVER is a virtual service account". */
    public String reasonFor(Account a) {
        String what = sid != null && name == null ? a.display() + " (" + a.getSid() + ")" : a.display();
        return what + " is " + why;
    }

    @Override public String toString() {
        return "ServiceAccountPattern[" + (sid != null ? "sid=" + sid + " " : "") + (name != null ? "name=" + name : "") + "]";
    }
}
