package dev.tripline.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kinds of bad JSON Lines content seen in real exports or built to attack a reader, each as the bytes of one
 * or a few lines (with their line breaks). Every kind is hostile on its own; the line-accounting test and the
 * fuzzer put them between good lines.
 */
final class BadInputCorpus {
    private BadInputCorpus() {}

    static String good(String commandLine) {
        return BadInputTest.event(commandLine);
    }

    private static byte[] b(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            else if (p instanceof byte[] bytes) out.writeBytes(bytes);
            else if (p instanceof Integer i) out.write(i);
            else throw new IllegalArgumentException(String.valueOf(p));
        }
        return out.toByteArray();
    }

    private static String withField(String field, String rawJson) {
        try {
            ObjectNode r = (ObjectNode) Json.MAPPER.readTree(good("x"));
            r.set(field, Json.MAPPER.readTree(rawJson));
            return r.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Name → bytes (whole lines, each ending in a line break). */
    static Map<String, byte[]> kinds(int maxRecordBytes) {
        String g = good("corpus");
        String cmd = "\"corpus\"";
        Map<String, byte[]> k = new LinkedHashMap<>();
        k.put("nul padding before a record", b(new byte[] {0, 0, 0, 0}, g, "\n"));
        k.put("UCS-4 little-endian look-alike", b(new byte[] {0, 'A', 0, 0}, g, "\n"));
        k.put("UCS-4 big-endian look-alike", b(new byte[] {0, 0, 'A', 0}, g, "\n"));
        k.put("UTF-16 BOM and NULs before a record", b(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 0}, g, "\n"));
        k.put("byte 0xFF in a string", b(g.substring(0, g.indexOf(cmd) + 2), 0xFF, g.substring(g.indexOf(cmd) + 2), "\n"));
        k.put("overlong slash", b(g.substring(0, g.indexOf(cmd) + 2), 0xC0, 0xAF, g.substring(g.indexOf(cmd) + 2), "\n"));
        k.put("lone lead byte at the end", b(g, 0xC3, "\n"));
        k.put("encoded surrogate (CESU-8)", b(g.substring(0, g.indexOf(cmd) + 2), 0xED, 0xA0, 0x80, g.substring(g.indexOf(cmd) + 2), "\n"));
        k.put("truncated JSON", b(g.substring(0, g.length() / 2), "\n"));
        k.put("a text line", b("Windows Event Log export, page 1 of 3\n"));
        k.put("two values on one line", b(g, g, "\n"));
        k.put("a value and garbage", b(g, " ,garbage\n"));
        k.put("trailing NUL padding", b(g, new byte[] {0, 0, 0}, "\n"));
        k.put("CR-only line ends", b(g, "\r", g, "\r", g, "\r"));
        k.put("blank and white-space lines", b("\n \t \n\r\n"));
        k.put("values that are not objects", b("[1,2]\n42\n\"x\"\nnull\ntrue\n"));
        k.put("an escaped lone surrogate", b(g.replace(cmd, "\"\\ud800\""), "\n"));
        k.put("event id that is text", b(withField("EventID", "\"abc\""), "\n"));
        k.put("event id that is an array", b(withField("EventID", "[1,2]"), "\n"));
        k.put("event id that is a fraction", b(withField("EventID", "1.5"), "\n"));
        k.put("time in the year 9999", b(withField("UtcTime", "\"9999-12-31 23:59:59.999\""), "\n"));
        k.put("time of FILETIME zero", b(withField("UtcTime", "\"1601-01-01 00:00:00.000\""), "\n"));
        k.put("unparseable time", b(withField("UtcTime", "\"yesterday\""), "\n"));
        k.put("nesting 100,000 deep", b("[".repeat(100_000), "\n"));
        k.put("a number of 5,000 digits", b("{\"EventID\":", "9".repeat(5000), "}\n"));
        k.put("a line over the record limit", b("{\"CommandLine\":\"", "A".repeat(maxRecordBytes + 10), "\"}\n"));
        k.put("a UTF-16LE line in a UTF-8 file", b(g.getBytes(StandardCharsets.UTF_16LE), "\n"));
        k.put("raw control characters in a string", b(g.replace("corpus", "\u001b[2J\u001b]0;pwned\u0007"), "\n"));
        k.put("a BOM at the start of a later line", b(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, g, "\n"));
        k.put("a no-break space before the record", b("\u00a0", g, "\n"));
        k.put("a record of an unknown shape", b("{\"msg\":\"user logged in\"}\n"));
        return k;
    }
}
