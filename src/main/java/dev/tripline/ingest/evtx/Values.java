package dev.tripline.ingest.evtx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Substitution values (MS-EVEN6 2.2.18, libevtx "Value types") as the JSON values {@code evtx_dump} writes:
 * integers as numbers, hex integers and {@code size_t} as {@code "0x…"}, GUIDs upper case without braces, SIDs
 * as {@code S-1-…}, FILETIME and SYSTEMTIME as ISO-8601 UTC with microseconds, binary as upper-case hex, arrays
 * as JSON arrays. A BinXML value (type 0x21) is parsed into nodes and returned as a {@code List<Node>}.
 */
final class Values {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Charset ANSI = Charset.forName("windows-1252");
    private static final long FILETIME_EPOCH_OFFSET = 11_644_473_600L;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    static final int NULL = 0x00, STRING = 0x01, ANSI_STRING = 0x02, BINXML = 0x21, ARRAY = 0x80;

    private Values() {}

    /** The value of {@code type} in the {@code size} bytes at {@code offset} of the parser's chunk. */
    static Object decode(BinXmlParser parser, int type, int offset, int size, int depth) throws EvtxFormatException {
        byte[] b = parser.bytes();
        if (type == BINXML) return size == 0 ? JSON.nullNode() : parser.fragment(offset, offset + size, depth + 1, true);
        if ((type & ARRAY) != 0) return array(b, type & ~ARRAY, offset, size);
        return scalar(b, type, offset, size);
    }

    private static JsonNode scalar(byte[] b, int type, int o, int size) throws EvtxFormatException {
        return switch (type) {
            case NULL -> JSON.nullNode();
            case STRING -> JSON.textNode(trimNul(Bytes.utf16(b, o + size, o, size / 2)).stripTrailing());
            case ANSI_STRING -> JSON.textNode(trimNul(new String(b, o, size, ANSI)));
            case 0x03 -> JSON.numberNode(b[need(o, size, 1)]);
            case 0x04 -> JSON.numberNode(b[need(o, size, 1)] & 0xff);
            case 0x05 -> JSON.numberNode((short) Bytes.u16(b, o + size, o));
            case 0x06 -> JSON.numberNode(Bytes.u16(b, o + size, o));
            case 0x07 -> JSON.numberNode(Bytes.i32(b, o + size, o));
            case 0x08 -> JSON.numberNode(Bytes.i32(b, o + size, o) & 0xffffffffL);
            case 0x09 -> JSON.numberNode(Bytes.i64(b, o + size, o));
            case 0x0a -> unsigned(Bytes.i64(b, o + size, o));
            case 0x0b -> real(Float.intBitsToFloat(Bytes.i32(b, o + size, o)));
            case 0x0c -> real(Double.longBitsToDouble(Bytes.i64(b, o + size, o)));
            case 0x0d -> JSON.booleanNode(anyNonZero(b, o, size));
            case 0x0f -> JSON.textNode(guid(b, o, size));
            case 0x10 -> JSON.textNode(size == 4 ? hex(Bytes.i32(b, o + size, o) & 0xffffffffL) : hex(Bytes.i64(b, o + size, o)));
            case 0x11 -> JSON.textNode(fileTime(Bytes.i64(b, o + size, o)));
            case 0x12 -> JSON.textNode(systemTime(b, o, size));
            case 0x13 -> JSON.textNode(sid(b, o, size));
            case 0x14 -> JSON.textNode(hex(Bytes.i32(b, o + size, o) & 0xffffffffL));
            case 0x15 -> JSON.textNode(hex(Bytes.i64(b, o + size, o)));
            default -> JSON.textNode(binary(b, o, size)); // 0x0e binary; EvtHandle, EvtXml and unknown types as bytes
        };
    }

    /** Arrays: strings separated by NUL, fixed-width items back to back, SIDs each with its own length. */
    private static JsonNode array(byte[] b, int type, int o, int size) throws EvtxFormatException {
        ArrayNode out = JSON.arrayNode();
        int end = o + size;
        switch (type) {
            case STRING -> {
                int start = o;
                for (int p = o; p + 1 < end; p += 2) {
                    if (b[p] == 0 && b[p + 1] == 0) {
                        out.add(Bytes.utf16(b, end, start, (p - start) / 2));
                        start = p + 2;
                    }
                }
                if (start + 1 < end) out.add(Bytes.utf16(b, end, start, (end - start) / 2));
            }
            case ANSI_STRING -> {
                int start = o;
                for (int p = o; p < end; p++) {
                    if (b[p] == 0) {
                        out.add(new String(b, start, p - start, ANSI));
                        start = p + 1;
                    }
                }
                if (start < end) out.add(new String(b, start, end - start, ANSI));
            }
            case 0x13 -> {
                for (int p = o; p + 8 <= end; ) {
                    int n = 8 + 4 * (b[p + 1] & 0xff);
                    out.add(sid(b, p, Math.min(n, end - p)));
                    p += n;
                }
            }
            default -> {
                int width = width(type, size);
                if (width == 0) return JSON.textNode(binary(b, o, size));
                for (int p = o; p + width <= end; p += width) out.add(scalar(b, type, p, width));
            }
        }
        return out;
    }

    private static int width(int type, int size) {
        return switch (type) {
            case 0x03, 0x04 -> 1;
            case 0x05, 0x06 -> 2;
            case 0x07, 0x08, 0x0b, 0x0d, 0x14 -> 4;
            case 0x09, 0x0a, 0x0c, 0x11, 0x15 -> 8;
            case 0x0f, 0x12 -> 16;
            case 0x10 -> size % 8 == 0 ? 8 : 4;
            default -> 0;
        };
    }

    private static int need(int offset, int size, int n) throws EvtxFormatException {
        if (size < n) throw new EvtxFormatException("value of " + size + " bytes, expected " + n);
        return offset;
    }

    private static String trimNul(String s) {
        int n = s.length();
        while (n > 0 && s.charAt(n - 1) == 0) n--;
        return n == s.length() ? s : s.substring(0, n);
    }

    private static JsonNode unsigned(long v) {
        return v >= 0 ? JSON.numberNode(v) : JSON.numberNode(new BigInteger(Long.toUnsignedString(v)));
    }

    /** JSON has no NaN or infinities: those stay text. */
    private static JsonNode real(double v) {
        return Double.isFinite(v) ? JSON.numberNode(v) : JSON.textNode(Double.toString(v));
    }

    private static JsonNode real(float v) {
        return Float.isFinite(v) ? JSON.numberNode(v) : JSON.textNode(Float.toString(v));
    }

    private static boolean anyNonZero(byte[] b, int o, int size) {
        for (int i = 0; i < size; i++) if (b[o + i] != 0) return true;
        return false;
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    static String binary(byte[] b, int o, int size) {
        char[] out = new char[2 * size];
        for (int i = 0; i < size; i++) {
            out[2 * i] = HEX[(b[o + i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[b[o + i] & 0xf];
        }
        return new String(out);
    }

    static String guid(byte[] b, int o, int size) throws EvtxFormatException {
        Bytes.check(b, o + size, o, 16);
        StringBuilder s = new StringBuilder(36);
        hexLe(s, b, o, 4).append('-');
        hexLe(s, b, o + 4, 2).append('-');
        hexLe(s, b, o + 6, 2).append('-');
        hexBe(s, b, o + 8, 2).append('-');
        hexBe(s, b, o + 10, 6);
        return s.toString();
    }

    private static StringBuilder hexLe(StringBuilder s, byte[] b, int o, int n) {
        for (int i = n - 1; i >= 0; i--) s.append(HEX[(b[o + i] >> 4) & 0xf]).append(HEX[b[o + i] & 0xf]);
        return s;
    }

    private static StringBuilder hexBe(StringBuilder s, byte[] b, int o, int n) {
        for (int i = 0; i < n; i++) s.append(HEX[(b[o + i] >> 4) & 0xf]).append(HEX[b[o + i] & 0xf]);
        return s;
    }

    /** {@code S-revision-authority-sub…}: authority is 48-bit big-endian, sub-authorities 32-bit little-endian. */
    static String sid(byte[] b, int o, int size) throws EvtxFormatException {
        Bytes.check(b, o + size, o, 8);
        int count = b[o + 1] & 0xff;
        Bytes.check(b, o + size, o + 8, 4 * count);
        long authority = 0;
        for (int i = 2; i < 8; i++) authority = authority << 8 | (b[o + i] & 0xff);
        StringBuilder s = new StringBuilder(48).append("S-").append(b[o] & 0xff).append('-').append(authority);
        for (int i = 0; i < count; i++) s.append('-').append(Bytes.le32(b, o + 8 + 4 * i) & 0xffffffffL);
        return s.toString();
    }

    /** 100-ns ticks since 1601-01-01 UTC, shown to the microsecond as {@code evtx_dump} does. */
    static String fileTime(long ticks) {
        long seconds = Long.divideUnsigned(ticks, 10_000_000L) - FILETIME_EPOCH_OFFSET;
        int micros = (int) (Long.remainderUnsigned(ticks, 10_000_000L) / 10);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        return iso(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), micros);
    }

    /** The 100-ns FILETIME as epoch milliseconds. */
    static long fileTimeMillis(long ticks) {
        return Long.divideUnsigned(ticks, 10_000L) - FILETIME_EPOCH_OFFSET * 1000L;
    }

    private static String systemTime(byte[] b, int o, int size) throws EvtxFormatException {
        Bytes.check(b, o + size, o, 16);
        return iso(Bytes.u16(b, o + 16, o), Bytes.u16(b, o + 16, o + 2), Bytes.u16(b, o + 16, o + 6),
                Bytes.u16(b, o + 16, o + 8), Bytes.u16(b, o + 16, o + 10), Bytes.u16(b, o + 16, o + 12),
                Bytes.u16(b, o + 16, o + 14) * 1000);
    }

    private static String iso(int year, int month, int day, int hour, int minute, int second, int micros) {
        StringBuilder s = new StringBuilder(27);
        pad(s, year, 4).append('-');
        pad(s, month, 2).append('-');
        pad(s, day, 2).append('T');
        pad(s, hour, 2).append(':');
        pad(s, minute, 2).append(':');
        pad(s, second, 2).append('.');
        return pad(s, micros, 6).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder s, int v, int width) {
        String digits = Integer.toString(v);
        for (int i = digits.length(); i < width; i++) s.append('0');
        return s.append(digits);
    }
}
