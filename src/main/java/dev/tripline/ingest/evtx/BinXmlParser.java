package dev.tripline.ingest.evtx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads BinXML tokens (MS-EVEN6 2.2.12) out of one chunk into {@link Node} trees. Names and template definitions
 * are addressed by chunk-relative offsets, so one parser serves one chunk and caches both: a template defined in
 * an earlier record of the chunk is parsed once and reused. Every read is bounds-checked and every loop consumes
 * bytes, so damaged input ends in an {@link EvtxFormatException}, never a hang.
 */
final class BinXmlParser {
    /** Templates holding BinXML values holding templates…: deeper than this is damage, not Windows. */
    static final int MAX_DEPTH = 24;
    private static final int NAME_HEADER = 8;
    private static final int TEMPLATE_HEADER = 24;

    private final byte[] chunk;
    private final int limit;
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, Node.Template> templates = new HashMap<>();
    /** Position after the last template instance read (a second return value). */
    private int after;

    BinXmlParser(byte[] chunk, int limit) {
        this.chunk = chunk;
        this.limit = limit;
    }

    byte[] bytes() { return chunk; }

    int limit() { return limit; }

    /** The BinXML in {@code [start, end)}: a record body or a template body. */
    List<Node> fragment(int start, int end, int depth) throws EvtxFormatException {
        return fragment(start, end, depth, false);
    }

    /**
     * As {@link #fragment(int, int, int)}; {@code inValue} for a BinXML substitution value (type 0x21), whose
     * element starts carry no dependency identifier (libevtx, "Element start").
     */
    List<Node> fragment(int start, int end, int depth, boolean inValue) throws EvtxFormatException {
        if (depth > MAX_DEPTH) throw new EvtxFormatException("BinXML nested deeper than " + MAX_DEPTH);
        if (end > limit) throw new EvtxFormatException("BinXML runs past the chunk");
        List<Node> top = new ArrayList<>(1);
        ArrayDeque<Node.Element> open = new ArrayDeque<>();
        Node.Attribute attribute = null;
        int pos = start;
        while (pos < end) {
            int token = chunk[pos] & 0xff;
            int base = token & ~0x40;
            switch (base) {
                case 0x00 -> { return top; }
                case 0x0f -> pos += 4; // fragment header: token, major, minor, flags
                case 0x0c -> {
                    Node.TemplateInstance instance = templateInstance(pos, end, depth);
                    target(top, open, attribute).add(instance);
                    pos = after;
                }
                case 0x01 -> {
                    int header = elementHeader(pos, end, inValue);
                    int nameOffset = Bytes.i32(chunk, end, pos + header - 4);
                    pos += header;
                    String name = name(nameOffset, pos);
                    if (nameOffset == pos) pos = after;
                    if ((token & 0x40) != 0) pos += 4; // attribute list size
                    Node.Element element = new Node.Element(name);
                    (open.isEmpty() ? top : open.peek().content).add(element);
                    open.push(element);
                    attribute = null;
                }
                case 0x02 -> { attribute = null; pos++; }
                case 0x03, 0x04 -> {
                    if (open.isEmpty()) throw new EvtxFormatException("end of element without an element at " + pos);
                    open.pop();
                    attribute = null;
                    pos++;
                }
                case 0x06 -> {
                    if (open.isEmpty()) throw new EvtxFormatException("attribute outside an element at " + pos);
                    int nameOffset = Bytes.i32(chunk, end, pos + 1);
                    pos += 5;
                    String name = name(nameOffset, pos);
                    if (nameOffset == pos) pos = after;
                    attribute = new Node.Attribute(name);
                    open.peek().attributes.add(attribute);
                }
                case 0x05 -> {
                    int type = Bytes.u8(chunk, end, pos + 1);
                    if (type == Values.NULL) {
                        pos += 2;
                    } else if (type == Values.STRING) {
                        int chars = Bytes.u16(chunk, end, pos + 2);
                        target(top, open, attribute).add(new Node.Text(Bytes.utf16(chunk, end, pos + 4, chars)));
                        pos += 4 + 2 * chars;
                    } else {
                        throw new EvtxFormatException("value token of type 0x" + Integer.toHexString(type) + " at " + pos);
                    }
                }
                case 0x0d, 0x0e -> {
                    int index = Bytes.u16(chunk, end, pos + 1);
                    int type = Bytes.u8(chunk, end, pos + 3);
                    target(top, open, attribute).add(new Node.Substitution(index, type, base == 0x0e));
                    pos += 4;
                }
                case 0x08 -> {
                    int c = Bytes.u16(chunk, end, pos + 1);
                    target(top, open, attribute).add(new Node.Text(String.valueOf((char) c)));
                    pos += 3;
                }
                case 0x09 -> {
                    int nameOffset = Bytes.i32(chunk, end, pos + 1);
                    pos += 5;
                    String name = name(nameOffset, pos);
                    if (nameOffset == pos) pos = after;
                    target(top, open, attribute).add(new Node.Text(entity(name)));
                }
                case 0x07 -> {
                    int chars = Bytes.u16(chunk, end, pos + 1);
                    target(top, open, attribute).add(new Node.Text(Bytes.utf16(chunk, end, pos + 3, chars)));
                    pos += 3 + 2 * chars;
                }
                case 0x0a -> { // processing instruction target: not part of the event
                    int nameOffset = Bytes.i32(chunk, end, pos + 1);
                    pos += 5;
                    name(nameOffset, pos);
                    if (nameOffset == pos) pos = after;
                }
                case 0x0b -> pos += 3 + 2 * Bytes.u16(chunk, end, pos + 1);
                default -> throw new EvtxFormatException("unknown BinXML token 0x" + Integer.toHexString(token) + " at " + pos);
            }
        }
        return top;
    }

    /**
     * The length of an element start: token, dependency id (2), data size (4), name offset (4). BinXML values
     * (type 0x21) and some forwarded-event records leave the dependency id out; the layout whose data size and
     * name offset make sense wins, the expected one first.
     */
    private int elementHeader(int pos, int end, boolean inValue) throws EvtxFormatException {
        int expected = inValue ? 9 : 11, other = inValue ? 11 : 9;
        if (plausibleElement(pos, expected, end)) return expected;
        return plausibleElement(pos, other, end) ? other : expected;
    }

    private boolean plausibleElement(int pos, int header, int end) {
        if (pos > end - header) return false;
        int size = Bytes.le32(chunk, pos + header - 8);
        int name = Bytes.le32(chunk, pos + header - 4);
        boolean sizeFits = size >= 0 && size <= end - (pos + header - 4);
        boolean nameFits = name == pos + header || (name >= 0 && name <= pos - NAME_HEADER);
        return sizeFits && nameFits;
    }

    private static List<Node> target(List<Node> top, ArrayDeque<Node.Element> open, Node.Attribute attribute) {
        if (attribute != null) return attribute.value;
        return open.isEmpty() ? top : open.peek().content;
    }

    /**
     * A template instance at {@code pos}: token, unknown byte, template id, definition offset; the definition
     * follows in place when the offset points right after it, else it was given earlier in the chunk. Then the
     * value count, the (size, type) descriptors, and the values. Sets {@link #after}.
     */
    private Node.TemplateInstance templateInstance(int pos, int end, int depth) throws EvtxFormatException {
        int definition = Bytes.i32(chunk, end, pos + 6);
        int p = pos + 10;
        Node.Template template = template(definition, depth);
        if (definition == p) p += TEMPLATE_HEADER + Bytes.i32(chunk, limit, definition + 20);
        int count = Bytes.i32(chunk, end, p);
        if (count < 0 || count > (end - p - 4) / 4) throw new EvtxFormatException("template instance with " + Integer.toUnsignedString(count) + " values at " + pos);
        int descriptors = p + 4;
        int data = descriptors + 4 * count;
        Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
            int size = Bytes.u16(chunk, end, descriptors + 4 * i);
            int type = Bytes.u8(chunk, end, descriptors + 4 * i + 2);
            Bytes.check(chunk, end, data, size);
            values[i] = Values.decode(this, type, data, size, depth);
            data += size;
        }
        after = data;
        return new Node.TemplateInstance(template, values);
    }

    private Node.Template template(int offset, int depth) throws EvtxFormatException {
        Node.Template known = templates.get(offset);
        if (known != null) {
            if (known.nodes() == null) throw new EvtxFormatException("template at " + offset + " contains itself");
            return known;
        }
        int size = Bytes.i32(chunk, limit, offset + 20);
        int body = offset + TEMPLATE_HEADER;
        if (size < 0 || body > limit - size) throw new EvtxFormatException("template at " + offset + " runs past the chunk");
        templates.put(offset, new Node.Template(offset, null));
        Node.Template parsed;
        try {
            parsed = new Node.Template(offset, fragment(body, body + size, depth + 1));
        } finally {
            templates.remove(offset);
        }
        templates.put(offset, parsed);
        return parsed;
    }

    /** The name at {@code offset}; when it is stored in place ({@code offset == pos}), sets {@link #after} past it. */
    private String name(int offset, int pos) throws EvtxFormatException {
        String known = names.get(offset);
        int chars = Bytes.u16(chunk, limit, offset + 6);
        if (known == null) {
            known = Bytes.utf16(chunk, limit, offset + NAME_HEADER, chars);
            names.put(offset, known);
        }
        if (offset == pos) after = offset + NAME_HEADER + 2 * chars + 2;
        return known;
    }

    private static String entity(String name) {
        return switch (name) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> "&" + name + ";";
        };
    }
}
