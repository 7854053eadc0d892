package dev.tripline.model;

import java.util.Locale;

/** Logon ids come as 0x3E7, 0x00000000000003e7 or 999; rules compare one spelling: lower-case hex, no padding. */
public final class LogonId {
    private LogonId() {}

    public static String canonical(String raw) {
        if (raw == null) return null;
        String s = raw.trim();
        if (s.isEmpty() || s.equals("-")) return null;
        try {
            long v = s.regionMatches(true, 0, "0x", 0, 2) ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
            return "0x" + Long.toHexString(v);
        } catch (NumberFormatException notANumber) {
            return s.toLowerCase(Locale.ROOT);
        }
    }
}
