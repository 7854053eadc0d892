package dev.tripline.ingest.evtx;

/**
 * Little-endian reads from a chunk's bytes with bounds checks: every read that would leave {@code [0, limit)}
 * is a format error, never an {@link ArrayIndexOutOfBoundsException}.
 */
final class Bytes {
    private Bytes() {}

    static void check(byte[] b, int limit, int offset, int length) throws EvtxFormatException {
        if (offset < 0 || length < 0 || offset > limit - length || limit > b.length) {
            throw new EvtxFormatException("read of " + length + " bytes at offset " + offset + " leaves the data (" + limit + " bytes)");
        }
    }

    static int u8(byte[] b, int limit, int offset) throws EvtxFormatException {
        check(b, limit, offset, 1);
        return b[offset] & 0xff;
    }

    static int u16(byte[] b, int limit, int offset) throws EvtxFormatException {
        check(b, limit, offset, 2);
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8;
    }

    static int i32(byte[] b, int limit, int offset) throws EvtxFormatException {
        check(b, limit, offset, 4);
        return le32(b, offset);
    }

    static long i64(byte[] b, int limit, int offset) throws EvtxFormatException {
        check(b, limit, offset, 8);
        return le64(b, offset);
    }

    /** Unchecked: the caller has checked the range. */
    static int le32(byte[] b, int offset) {
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8 | (b[offset + 2] & 0xff) << 16 | (b[offset + 3] & 0xff) << 24;
    }

    static long le64(byte[] b, int offset) {
        return (le32(b, offset) & 0xffffffffL) | (long) le32(b, offset + 4) << 32;
    }

    /** {@code chars} UTF-16LE code units at {@code offset}. */
    static String utf16(byte[] b, int limit, int offset, int chars) throws EvtxFormatException {
        check(b, limit, offset, chars * 2);
        char[] out = new char[chars];
        for (int i = 0; i < chars; i++) out[i] = (char) ((b[offset + 2 * i] & 0xff) | (b[offset + 2 * i + 1] & 0xff) << 8);
        return new String(out);
    }

    static boolean startsWith(byte[] b, int limit, int offset, byte[] magic) {
        if (offset < 0 || offset > limit - magic.length) return false;
        for (int i = 0; i < magic.length; i++) if (b[offset + i] != magic[i]) return false;
        return true;
    }
}
