package dev.tripline.model;

import java.util.Locale;

/** A host from a user's inventory: its role and how much it matters. Short name and FQDN both match. */
public record HostRecord(String name, Role role, String criticality, String origin) implements java.io.Serializable {
    public enum Role {
        DOMAIN_CONTROLLER, SERVER, WORKSTATION, JUMP_HOST;

        public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

        public static Role parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        }
    }

    public Role getRole() { return role; }
    public String getOrigin() { return origin; }

    public boolean matches(String host) {
        if (host == null || name == null) return false;
        String a = Text.fold(host), b = Text.fold(name);
        return a.equals(b) || shortName(a).equals(shortName(b));
    }

    private static String shortName(String h) {
        int dot = h.indexOf('.');
        return dot < 0 ? h : h.substring(0, dot);
    }

    public String describe() {
        return name + " is a " + role.label() + " (context file " + origin + ")";
    }
}
