package dev.tripline.model;

import java.util.Locale;
import java.util.Optional;

/** Alert severity, ordered: Sigma's levels (informational … critical). */
public enum Severity {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    public static Optional<Severity> parse(String level) {
        if (level == null) return Optional.empty();
        String l = level.trim().toUpperCase(Locale.ROOT);
        if (l.equals("INFO")) l = "INFORMATIONAL";
        for (Severity s : values()) if (s.name().equals(l)) return Optional.of(s);
        return Optional.empty();
    }

    public Severity max(Severity other) { return other != null && other.ordinal() > ordinal() ? other : this; }
}
