package dev.tripline.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * What an input holds, told from its first bytes before any reader sees them: the one place that sniffs content.
 * Gzip is unwrapped first (by magic bytes, not by name); then the head decides between UTF-8 text (with or
 * without BOM), UTF-16 text (BOM, or the zero bytes of ASCII-heavy UTF-16 without one: PowerShell 5.1 writes
 * UTF-16LE), a Windows event log file ({@code ElfFile\0}), another binary file (said once, not as one rejected
 * line per newline byte), and an empty input. Only text goes on to {@link InputReader}.
 */
final class InputContent {
    enum Kind {
        /** UTF-8 (or ASCII) text; a UTF-8 BOM is skipped by the reader. */
        TEXT,
        /** UTF-16 text, re-encoded to UTF-8 on the way to the reader. */
        UTF16,
        /** A native Windows event log ({@code ElfFile\0} magic). */
        EVTX,
        /** Not text: {@link #description} says what it looks like. */
        BINARY,
        /** No bytes at all. */
        EMPTY
    }

    static final int HEAD = 1 << 16;
    private static final int BUFFER = 1 << 16;
    private static final byte[] EVTX_MAGIC = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};

    private final Kind kind;
    private final InputStream stream;
    private final String description;

    private InputContent(Kind kind, InputStream stream, String description) {
        this.kind = kind;
        this.stream = stream;
        this.description = description;
    }

    Kind kind() { return kind; }

    /** The content, decompressed, from its first byte; for {@link Kind#UTF16}, already re-encoded as UTF-8. */
    InputStream stream() { return stream; }

    /** What was found, for messages: {@code "UTF-16LE (BOM)"}, {@code "a ZIP archive"}. */
    String description() { return description; }

    /** Reads the head of {@code raw} (decompressing gzip) and decides; the returned stream starts at byte 0. */
    static InputContent open(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        boolean gzip = false;
        in.mark(2);
        int b1 = in.read(), b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            in = new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
            gzip = true;
        }
        byte[] head = new byte[HEAD];
        in.mark(HEAD);
        int n = in.readNBytes(head, 0, HEAD);
        in.reset();
        String packing = gzip ? " (in gzip)" : "";
        if (n == 0) return new InputContent(Kind.EMPTY, in, "empty" + packing);
        if (startsWith(head, n, EVTX_MAGIC)) return new InputContent(Kind.EVTX, in, "a Windows event log file (.evtx)" + packing);
        boolean utf32 = n >= 4 && (bom(head, 0xFF, 0xFE, 0, 0) || bom(head, 0, 0, 0xFE, 0xFF)) && mostlyZero(head, 4, n);
        if (utf32) return new InputContent(Kind.BINARY, in, "UTF-32 text (not supported: save it as UTF-8 or UTF-16)" + packing);
        if (n >= 2 && (bom(head, 0xFF, 0xFE) || bom(head, 0xFE, 0xFF))) {
            boolean be = (head[0] & 0xFF) == 0xFE;
            // Trust a BOM only when the text after it looks like UTF-16 too: FF FE or FE FF can also be the
            // garbage start of one bad line in a UTF-8 file.
            if (n < 6 || utf16Order(head, 2, n) == (be ? Order.BIG : Order.LITTLE)) {
                return new InputContent(Kind.UTF16, new Utf16ToUtf8InputStream(in, be), (be ? "UTF-16BE" : "UTF-16LE") + " with BOM" + packing);
            }
        }
        if (!startsWith(head, n, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})) {
            Order order = utf16Order(head, 0, n);
            if (order != Order.NONE) {
                boolean be = order == Order.BIG;
                return new InputContent(Kind.UTF16, new Utf16ToUtf8InputStream(in, be), (be ? "UTF-16BE" : "UTF-16LE") + " without BOM" + packing);
            }
        }
        String binary = binaryKind(head, n);
        if (binary != null) return new InputContent(Kind.BINARY, in, binary + packing);
        return new InputContent(Kind.TEXT, in, "UTF-8 text" + packing);
    }

    private enum Order { LITTLE, BIG, NONE }

    /**
     * ASCII-heavy UTF-16 (JSON is) has a zero in every other byte. Little-endian: odd bytes zero, even bytes
     * not; big-endian the reverse. A few NUL bytes in UTF-8 text (padding before one line) are far from that.
     */
    private static Order utf16Order(byte[] b, int from, int n) {
        int end = from + Math.min(n - from, 4096) / 2 * 2;
        int pairs = (end - from) / 2;
        if (pairs < 4) return Order.NONE;
        int zeroEven = 0, zeroOdd = 0;
        for (int i = from; i < end; i += 2) {
            if (b[i] == 0) zeroEven++;
            if (b[i + 1] == 0) zeroOdd++;
        }
        if (zeroOdd >= pairs * 0.7 && zeroEven <= pairs * 0.1) return Order.LITTLE;
        if (zeroEven >= pairs * 0.7 && zeroOdd <= pairs * 0.1) return Order.BIG;
        return Order.NONE;
    }

    /**
     * Known binary formats by magic, and anything whose head is more than 5% control bytes other than white
     * space and NUL (JSON text has none; NUL padding alone does not make a file binary, its lines are
     * rejected one by one and the rest is read).
     */
    private static String binaryKind(byte[] b, int n) {
        if (startsWith(b, n, new byte[] {'P', 'K', 3, 4})) return "a ZIP archive";
        if (startsWith(b, n, new byte[] {'M', 'Z'}) && controlRatio(b, n) > 0.01) return "a Windows executable";
        if (startsWith(b, n, new byte[] {0x7f, 'E', 'L', 'F'})) return "an ELF executable";
        if (startsWith(b, n, new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C})) return "a 7-Zip archive";
        if (startsWith(b, n, new byte[] {'R', 'a', 'r', '!'})) return "a RAR archive";
        if (startsWith(b, n, new byte[] {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', 0})) return "an SQLite database";
        if (startsWith(b, n, new byte[] {(byte) 0x89, 'P', 'N', 'G'})) return "a PNG image";
        if (startsWith(b, n, new byte[] {'%', 'P', 'D', 'F'})) return "a PDF document";
        if (startsWith(b, n, new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0})) return "an xz archive";
        if (startsWith(b, n, new byte[] {'B', 'Z', 'h'}) && controlRatio(b, n) > 0.01) return "a bzip2 archive";
        if (startsWith(b, n, new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD})) return "a zstd archive";
        if (n >= 16 && controlRatio(b, n) > 0.05) return "binary data (not UTF-8 or UTF-16 text)";
        return null;
    }

    private static double controlRatio(byte[] b, int n) {
        int control = 0, counted = 0;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            if (c == 0) continue;
            counted++;
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) || c == 0x7f) control++;
        }
        return counted == 0 ? 0 : (double) control / counted;
    }

    /** UTF-32 of ASCII-heavy text is three quarters zero bytes; UTF-8 text after stray BOM-like bytes is not. */
    private static boolean mostlyZero(byte[] b, int from, int n) {
        int end = Math.min(n, from + 4096), zeros = 0;
        for (int i = from; i < end; i++) if (b[i] == 0) zeros++;
        return end - from < 8 || zeros >= (end - from) * 0.6;
    }

    private static boolean bom(byte[] b, int... bytes) {
        for (int i = 0; i < bytes.length; i++) if ((b[i] & 0xFF) != bytes[i]) return false;
        return true;
    }

    private static boolean startsWith(byte[] b, int n, byte[] magic) {
        if (n < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if (b[i] != magic[i]) return false;
        return true;
    }
}
