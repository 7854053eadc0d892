package dev.tripline.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Eight bytes at a time: the scans every input byte goes through (line breaks, UTF-8 checks) stay cheap. */
final class Bytes {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Bytes() {}

    static long word(byte[] b, int i) { return (long) LONG.get(b, i); }

    /** Whether any byte of the word is zero. */
    static boolean hasZero(long w) { return ((w - ONES) & ~w & HIGHS) != 0; }

    /** Whether any byte of the word is {@code x}. */
    static boolean has(long w, byte x) { return hasZero(w ^ (ONES * (x & 0xFF))); }

    /**
     * The high bit of each byte of the word that is {@code x}, and no other bit: exact per byte (unlike
     * {@link #hasZero}, whose borrow can mark a byte above a match), so the bits can be walked.
     */
    static long where(long w, byte x) {
        long v = w ^ (ONES * (x & 0xFF));
        return ~(((v & ~HIGHS) + ~HIGHS) | v | ~HIGHS);
    }

    /** Whether every byte of the word is ASCII (below 0x80). */
    static boolean ascii(long w) { return (w & HIGHS) == 0; }
}
