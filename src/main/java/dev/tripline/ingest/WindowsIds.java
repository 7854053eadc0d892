package dev.tripline.ingest;

import dev.tripline.model.Account;

/**
 * Windows identifiers in one spelling, so events from Sysmon, 4688 and Defender join: 4688 writes process ids
 * in hex ({@code 0x7d8}), Sysmon in decimal ({@code 2008}); logon ids come as {@code 0x3E7},
 * {@code 0x00000000000003e7} or (Defender) decimal {@code 999}.
 */
final class WindowsIds {
    private WindowsIds() {}

    /** A process id in decimal; hex input ({@code 0x…}) is converted; anything else is kept as written. */
    static String processId(String raw) {
        if (raw == null) return null;
        String s = raw.trim();
        if (s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            try {
                return Long.toString(Long.parseUnsignedLong(s.substring(2), 16));
            } catch (NumberFormatException e) {
                return s;
            }
        }
        return s;
    }

    /** A logon id as lower-case hex without leading zeros ({@code 0x3e7}); null for none or zero. */
    static String logonId(String raw) {
        if (raw == null) return null;
        String s = raw.trim();
        try {
            long v = s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')
                    ? Long.parseUnsignedLong(s.substring(2), 16)
                    : Long.parseLong(s);
            return v == 0 ? null : "0x" + Long.toHexString(v);
        } catch (NumberFormatException e) {
            return s;
        }
    }

    /** {@code DOMAIN\name} (or a bare name) as an Account with unknown SID. */
    static Account qualifiedAccount(String qualified, String sid) {
        if (qualified == null) return new Account(null, null, sid);
        int cut = qualified.indexOf('\\');
        return cut < 0 ? new Account(null, qualified, sid)
                : new Account(qualified.substring(0, cut), qualified.substring(cut + 1), sid);
    }

    /** The integrity level a 4688 mandatory-label SID stands for; unknown labels are kept as written. */
    static String integrityFromLabel(String label) {
        if (label == null) return null;
        return switch (label.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "S-1-16-0" -> "Untrusted";
            case "S-1-16-4096" -> "Low";
            case "S-1-16-8192" -> "Medium";
            case "S-1-16-8448" -> "MediumPlus";
            case "S-1-16-12288" -> "High";
            case "S-1-16-16384" -> "System";
            case "S-1-16-20480" -> "Protected";
            default -> label;
        };
    }
}
