package dev.tripline.ingest.evtx;

import static dev.tripline.ingest.evtx.EvtxWriter.u32le;
import static dev.tripline.ingest.evtx.EvtxWriter.u64le;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tripline.ingest.evtx.EvtxWriter.Attr;
import dev.tripline.ingest.evtx.EvtxWriter.El;
import dev.tripline.ingest.evtx.EvtxWriter.Rec;
import dev.tripline.ingest.evtx.EvtxWriter.Sub;
import dev.tripline.ingest.evtx.EvtxWriter.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Test support: turns records in evtx_dump's JSON layout back into a valid .evtx (one template per record shape,
 * values typed as Windows types them: numbers, {@code 0x…} hex, GUIDs, SIDs, FILETIME), so a fixture the project
 * owns can be bundled as .evtx. {@code main} writes {@code fixtures/shape-sysmon-evtx-native/events.evtx}.
 */
final class EvtxFixture {
    static final Path SOURCE = Path.of("fixtures/shape-sysmon-evtx-dump/events.json");
    static final Path TARGET = Path.of("fixtures/shape-sysmon-evtx-native/events.evtx");
    private static final Pattern GUID = Pattern.compile("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-f]+");
    private static final Pattern SID = Pattern.compile("S-1-\\d+(-\\d+)*");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");

    private EvtxFixture() {}

    public static void main(String[] args) throws IOException {
        Files.createDirectories(TARGET.getParent());
        Files.write(TARGET, evtx(records(SOURCE)));
        System.out.println("wrote " + TARGET);
    }

    static List<JsonNode> records(Path json) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new ObjectMapper().readerFor(JsonNode.class).readValues(json.toFile())) {
            while (it.hasNext()) out.add(it.next());
        }
        return out;
    }

    static byte[] evtx(List<JsonNode> records) {
        List<Rec> recs = new ArrayList<>();
        for (JsonNode r : records) {
            List<Value> values = new ArrayList<>();
            El event = element("Event", r.get("Event"), values, false);
            long id = r.at("/Event/System/EventRecordID").asLong();
            recs.add(new Rec(id, fileTime(r.at("/Event/System/TimeCreated/#attributes/SystemTime").asText()), event, values));
        }
        return EvtxWriter.file(recs);
    }

    private static El element(String name, JsonNode v, List<Value> values, boolean eventData) {
        if (v == null || v.isNull()) return new El(name, List.of(), List.of());
        if (!v.isObject()) return new El(name, List.of(), List.of(sub(v, values)));
        List<Attr> attrs = new ArrayList<>();
        List<Object> content = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("#attributes")) {
                e.getValue().fields().forEachRemaining(a -> attrs.add(new Attr(a.getKey(),
                        name.equals("Event") ? a.getValue().asText() : sub(a.getValue(), values))));
            } else if (e.getKey().equals("#text")) {
                content.add(sub(e.getValue(), values));
            } else if (name.equals("EventData")) {
                content.add(new El("Data", List.of(new Attr("Name", e.getKey())), List.of(sub(e.getValue(), values))));
            } else {
                content.add(element(e.getKey(), e.getValue(), values, eventData));
            }
        }
        return new El(name, attrs, content);
    }

    /** The value as Windows would type it. */
    private static Sub sub(JsonNode v, List<Value> values) {
        Value value;
        String t = v.asText();
        if (v.isIntegralNumber()) value = v.asLong() >= 0 && v.asLong() <= 0xffffffffL ? Value.of(0x08, u32le((int) v.asLong())) : Value.of(0x0a, u64le(v.asLong()));
        else if (HEX.matcher(t).matches()) value = Value.of(0x15, u64le(Long.parseUnsignedLong(t.substring(2), 16)));
        else if (GUID.matcher(t).matches()) value = Value.of(0x0f, guid(t));
        else if (SID.matcher(t).matches()) value = Value.of(0x13, sid(t));
        else if (TIME.matcher(t).matches()) value = Value.of(0x11, u64le(fileTime(t)));
        else value = Value.of(0x01, EvtxWriter.utf16(t));
        values.add(value);
        return new Sub(values.size() - 1, value.type());
    }

    private static long fileTime(String iso) {
        Instant i = Instant.parse(iso);
        return (i.getEpochSecond() + 11_644_473_600L) * 10_000_000L + i.getNano() / 100;
    }

    private static byte[] guid(String g) {
        String h = g.replace("-", "");
        byte[] b = new byte[16];
        int[] order = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
        for (int i = 0; i < 16; i++) b[i] = (byte) Integer.parseInt(h.substring(2 * order[i], 2 * order[i] + 2), 16);
        return b;
    }

    private static byte[] sid(String s) {
        String[] p = s.split("-");
        int subs = p.length - 3;
        byte[] b = new byte[8 + 4 * subs];
        b[0] = (byte) Integer.parseInt(p[1]);
        b[1] = (byte) subs;
        long authority = Long.parseLong(p[2]);
        for (int i = 0; i < 6; i++) b[7 - i] = (byte) (authority >>> (8 * i));
        for (int i = 0; i < subs; i++) EvtxWriter.le32(b, 8 + 4 * i, (int) Long.parseLong(p[3 + i]));
        return b;
    }
}
