package dev.tripline.ingest.evtx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Test support: writes small, valid .evtx files (one chunk, correct checksums) from element trees with
 * substitutions, so every value type can be tested and fixtures can be made from data the project owns. The
 * first record using a template defines it in place; later ones point back to it, as Windows does.
 */
final class EvtxWriter {
    /** An element of a template: attributes and content are literals (String), substitutions or elements. */
    record El(String name, List<Attr> attributes, List<Object> content) {
        static El of(String name, Object... content) { return new El(name, List.of(), List.of(content)); }
    }

    record Attr(String name, Object value) {}

    record Sub(int index, int type) {}

    /** A substitution value: raw bytes of a type, or (type 0x21) an element written as nested BinXML. */
    record Value(int type, byte[] bytes, El binxml) {
        static Value of(int type, byte[] bytes) { return new Value(type, bytes, null); }

        static Value binxml(El element) { return new Value(0x21, null, element); }
    }

    record Rec(long id, long fileTime, El template, List<Value> values) {}

    private final byte[] chunk = new byte[65536];
    private int pos = 512;
    private final Map<El, Integer> definitions = new IdentityHashMap<>();

    private EvtxWriter() {}

    static byte[] file(List<Rec> records) {
        EvtxWriter w = new EvtxWriter();
        List<Integer> offsets = new ArrayList<>();
        for (Rec r : records) offsets.add(w.record(r));
        byte[] chunk = w.chunk;
        System.arraycopy("ElfChnk\0".getBytes(StandardCharsets.ISO_8859_1), 0, chunk, 0, 8);
        long first = records.get(0).id(), last = records.get(records.size() - 1).id();
        le64(chunk, 8, 1);
        le64(chunk, 16, records.size());
        le64(chunk, 24, first);
        le64(chunk, 32, last);
        le32(chunk, 40, 128);
        le32(chunk, 44, offsets.get(offsets.size() - 1));
        le32(chunk, 48, w.pos);
        CRC32 crc = new CRC32();
        crc.update(chunk, 512, w.pos - 512);
        le32(chunk, 52, (int) crc.getValue());
        le32(chunk, 124, ChunkParser.headerChecksum(chunk));

        byte[] file = new byte[4096 + 65536];
        System.arraycopy("ElfFile\0".getBytes(StandardCharsets.ISO_8859_1), 0, file, 0, 8);
        le64(file, 24, last + 1);
        le32(file, 32, 128);
        le16(file, 36, 1);
        le16(file, 38, 3);
        le16(file, 40, 4096);
        le16(file, 42, 1);
        crc = new CRC32();
        crc.update(file, 0, 120);
        le32(file, 124, (int) crc.getValue());
        System.arraycopy(chunk, 0, file, 4096, 65536);
        return file;
    }

    private int record(Rec r) {
        int start = pos;
        u32(0x00002a2a);
        int size = pos;
        u32(0);
        u64(r.id());
        u64(r.fileTime());
        u8(0x0f); u8(1); u8(1); u8(0);
        u8(0x0c); u8(1); u32(0);
        Integer defined = definitions.get(r.template());
        if (defined != null) {
            u32(defined);
        } else {
            int def = pos + 4;
            u32(def);
            definitions.put(r.template(), def);
            u32(0);
            for (int i = 0; i < 16; i++) u8(i);
            int dataSize = pos;
            u32(0);
            int body = pos;
            u8(0x0f); u8(1); u8(1); u8(0);
            element(r.template(), true);
            u8(0x00);
            le32(chunk, dataSize, pos - body);
        }
        u32(r.values().size());
        int descriptors = pos;
        for (int i = 0; i < r.values().size(); i++) { u16(0); u8(r.values().get(i).type()); u8(0); }
        for (int i = 0; i < r.values().size(); i++) {
            Value v = r.values().get(i);
            int at = pos;
            if (v.binxml() != null) {
                u8(0x0f); u8(1); u8(1); u8(0);
                element(v.binxml(), false);
                u8(0x00);
            } else {
                for (byte b : v.bytes()) u8(b);
            }
            le16(chunk, descriptors + 4 * i, pos - at);
        }
        u32(pos - start + 4);
        le32(chunk, size, pos - start);
        return start;
    }

    private void element(El e, boolean dependencyId) {
        int start = pos;
        u8(e.attributes().isEmpty() ? 0x01 : 0x41);
        if (dependencyId) u16(0xffff);
        int size = pos;
        u32(0);
        name(e.name());
        if (!e.attributes().isEmpty()) {
            int listSize = pos;
            u32(0);
            for (int i = 0; i < e.attributes().size(); i++) {
                Attr a = e.attributes().get(i);
                u8(i < e.attributes().size() - 1 ? 0x46 : 0x06);
                name(a.name());
                value(a.value(), dependencyId);
            }
            le32(chunk, listSize, pos - listSize - 4);
        }
        if (e.content().isEmpty()) {
            u8(0x03);
        } else {
            u8(0x02);
            for (Object c : e.content()) value(c, dependencyId);
            u8(0x04);
        }
        le32(chunk, size, pos - size - 4);
    }

    private void value(Object v, boolean dependencyId) {
        if (v instanceof El child) {
            element(child, dependencyId);
        } else if (v instanceof Sub s) {
            u8(0x0d); u16(s.index()); u8(s.type());
        } else {
            String text = (String) v;
            u8(0x05); u8(0x01); u16(text.length());
            for (char c : text.toCharArray()) u16(c);
        }
    }

    /** Names are written in place: the offset points right after itself. */
    private void name(String name) {
        u32(pos + 4);
        u32(0);
        u16(0);
        u16(name.length());
        for (char c : name.toCharArray()) u16(c);
        u16(0);
    }

    private void u8(int v) { chunk[pos++] = (byte) v; }
    private void u16(int v) { le16(chunk, pos, v); pos += 2; }
    private void u32(int v) { le32(chunk, pos, v); pos += 4; }
    private void u64(long v) { le64(chunk, pos, v); pos += 8; }

    static void le16(byte[] b, int at, int v) { b[at] = (byte) v; b[at + 1] = (byte) (v >>> 8); }
    static void le32(byte[] b, int at, int v) { for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (8 * i)); }
    static void le64(byte[] b, int at, long v) { for (int i = 0; i < 8; i++) b[at + i] = (byte) (v >>> (8 * i)); }

    static byte[] u16le(int v) { byte[] b = new byte[2]; le16(b, 0, v); return b; }
    static byte[] u32le(int v) { byte[] b = new byte[4]; le32(b, 0, v); return b; }
    static byte[] u64le(long v) { byte[] b = new byte[8]; le64(b, 0, v); return b; }

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }
}
