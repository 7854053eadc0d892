package dev.tripline.model;

import java.util.List;
import java.util.Locale;

/**
 * An identity from a user's inventory ({@code --context FILE}): who the account is in the directory.
 * {@code origin} names the file it came from, so every reason it produces can cite it.
 */
public record IdentityRecord(String name, String sid, Kind kind, String owner, String criticality, List<String> tags,
                             String origin) implements java.io.Serializable {
    public enum Kind {
        SERVICE, ADMIN, USER, DISABLED;

        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    public IdentityRecord {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public Kind getKind() { return kind; }
    public String getOrigin() { return origin; }

    /** Matches by SID when both sides know it, else by name as {@link Account#sameAs} compares names. */
    public boolean matches(Account a) {
        if (a == null) return false;
        if (sid != null && a.getSid() != null) return sid.equalsIgnoreCase(a.getSid());
        return name != null && Account.parse(name, null).sameAs(new Account(a.getDomain(), a.getName(), null));
    }

    /** "svc-backup is a service account (context file accounts.yaml)". */
    public String describe(Account a, String what) {
        return a.display() + " is " + what + " (context file " + origin + ")";
    }
}
