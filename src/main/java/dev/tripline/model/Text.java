package dev.tripline.model;

import java.text.Normalizer;
import java.util.Locale;

/** Case folding as Sigma means it: case-insensitive and Unicode-aware ("À" matches "à", composed or not). */
public final class Text {
    private Text() {}

    /** NFC-normalized, lower-cased text; "" for null, so rules never meet a null. */
    public static String fold(String s) {
        if (s == null || s.isEmpty()) return "";
        // ASCII text is NFC already; the check allocates, and most log values are ASCII.
        String n = isAscii(s) || Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
        return n.toLowerCase(Locale.ROOT);
    }

    /** Whether every character is ASCII (below U+0080). */
    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
        return true;
    }

    /** The file name part of a Windows or POSIX path: {@code C:\Windows\net.exe} → {@code net.exe}. */
    public static String fileName(String path) {
        if (path == null) return null;
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return cut < 0 ? path : path.substring(cut + 1);
    }

    /** The folder part of a path, without the trailing separator; "" when there is none. */
    public static String folder(String path) {
        if (path == null) return null;
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
