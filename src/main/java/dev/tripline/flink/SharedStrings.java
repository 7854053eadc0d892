package dev.tripline.flink;

/**
 * A small direct-mapped cache of strings, so that the events a keyed operator keeps share one copy of each value
 * seen recently (hosts, images, directories, account names, command lines of common tools) instead of holding the
 * copy that deserializing each record made. Every event stays in keyed state for the retention horizon (hours),
 * while the CLI's session lets it go after minutes; without sharing, each kept event is some twenty strings that
 * the garbage collector copies until they reach the old generation.
 *
 * <p>Bounded: a slot holds the last string that hashed to it, so the cache never grows and a miss costs one
 * hash and one comparison. Not thread-safe; one per operator instance.
 */
final class SharedStrings {
    private static final int SLOTS = 1 << 12;
    /** Longer values are rarely repeated and costly to hash; they are kept as they are. */
    private static final int MAX_LENGTH = 256;
    private final String[] slots = new String[SLOTS];

    /** {@code s}, or an equal string seen before. */
    String share(String s) {
        if (s == null || s.length() > MAX_LENGTH) return s;
        int h = s.hashCode();
        int i = (h ^ (h >>> 16)) & (SLOTS - 1);
        String known = slots[i];
        if (known != null && known.equals(s)) return known;
        slots[i] = s;
        return s;
    }
}
