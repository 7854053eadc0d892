package dev.tripline.ingest.evtx;

import static dev.tripline.ingest.evtx.EvtxWriter.u16le;
import static dev.tripline.ingest.evtx.EvtxWriter.u32le;
import static dev.tripline.ingest.evtx.EvtxWriter.u64le;
import static dev.tripline.ingest.evtx.EvtxWriter.utf16;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.ingest.evtx.EvtxWriter.Attr;
import dev.tripline.ingest.evtx.EvtxWriter.El;
import dev.tripline.ingest.evtx.EvtxWriter.Rec;
import dev.tripline.ingest.evtx.EvtxWriter.Sub;
import dev.tripline.ingest.evtx.EvtxWriter.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every substitution value type (MS-EVEN6 2.2.18), written into a valid file and read back as evtx_dump shows it. */
class EvtxValueTypesTest {
    @TempDir Path dir;

    /** name → (type, bytes): one {@code <Data Name="name">} per entry, in order. */
    private final Map<String, Value> values = new LinkedHashMap<>();

    private void put(String name, int type, byte[] bytes) { values.put(name, Value.of(type, bytes)); }

    private JsonNode eventData() throws IOException {
        List<Object> data = new ArrayList<>();
        List<Value> vals = new ArrayList<>();
        for (Map.Entry<String, Value> e : values.entrySet()) {
            data.add(new El("Data", List.of(new Attr("Name", e.getKey())), List.of(new Sub(vals.size(), e.getValue().type()))));
            vals.add(e.getValue());
        }
        El event = El.of("Event", El.of("System", El.of("EventID", "1")), new El("EventData", List.of(), data));
        Path f = dir.resolve("types.evtx");
        Files.write(f, EvtxWriter.file(List.of(new Rec(7, 0, event, vals))));
        Collected c = Collected.read(f);
        assertThat(c.problems).isEmpty();
        assertThat(c.records).singleElement().satisfies(r -> assertThat(r.recordId()).isEqualTo(7));
        return c.records.get(0).json().path("Event").path("EventData");
    }

    @Test
    void scalarValuesAreTypedAsEvtxDumpTypesThem() throws IOException {
        put("String", 0x01, utf16("C:\\Windows\\net.exe \0"));
        put("Ansi", 0x02, "caf\u00e9\0".getBytes(StandardCharsets.ISO_8859_1));
        put("Int8", 0x03, new byte[] {-5});
        put("UInt8", 0x04, new byte[] {(byte) 250});
        put("Int16", 0x05, u16le(-300));
        put("UInt16", 0x06, u16le(60000));
        put("Int32", 0x07, u32le(-70000));
        put("UInt32", 0x08, u32le((int) 4_000_000_000L));
        put("Int64", 0x09, u64le(-5_000_000_000_000L));
        put("UInt64", 0x0a, u64le(0x8000000000000005L));
        put("Real32", 0x0b, u32le(Float.floatToIntBits(1.5f)));
        put("Real64", 0x0c, u64le(Double.doubleToLongBits(2.25)));
        put("Bool", 0x0d, u32le(1));
        put("BoolOdd", 0x0d, u32le(0x100)); // irregular, non-zero: true
        put("Binary", 0x0e, new byte[] {(byte) 0xde, (byte) 0xad, 0x0b});
        put("Guid", 0x0f, new byte[] {0x5f, 0x38, 0x70, 0x57, 0x2a, (byte) 0xc2, (byte) 0xe0, 0x43, (byte) 0xbf, 0x4c, 0x06, (byte) 0xf5, 0x69, (byte) 0x8f, (byte) 0xfb, (byte) 0xd9});
        put("SizeT", 0x10, u64le(0x1f40));
        put("FileTime", 0x11, u64le(133_500_000_001_234_567L));
        put("SysTime", 0x12, systemTime(2024, 3, 5, 9, 1, 2, 345));
        put("Sid", 0x13, new byte[] {1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0x20, 0x02, 0, 0});
        put("Hex32", 0x14, u32le(0x3e7));
        put("Hex64", 0x15, u64le(0x8020000000000000L));
        put("Null", 0x00, new byte[0]);

        JsonNode d = eventData();

        assertThat(d.get("String").textValue()).isEqualTo("C:\\Windows\\net.exe");
        assertThat(d.get("Ansi").textValue()).isEqualTo("caf\u00e9");
        assertThat(d.get("Int8").asInt()).isEqualTo(-5);
        assertThat(d.get("UInt8").asInt()).isEqualTo(250);
        assertThat(d.get("Int16").asInt()).isEqualTo(-300);
        assertThat(d.get("UInt16").asInt()).isEqualTo(60000);
        assertThat(d.get("Int32").asInt()).isEqualTo(-70000);
        assertThat(d.get("UInt32").asLong()).isEqualTo(4_000_000_000L);
        assertThat(d.get("Int64").asLong()).isEqualTo(-5_000_000_000_000L);
        assertThat(d.get("UInt64").bigIntegerValue()).hasToString("9223372036854775813");
        assertThat(d.get("Real32").doubleValue()).isEqualTo(1.5);
        assertThat(d.get("Real64").doubleValue()).isEqualTo(2.25);
        assertThat(d.get("Bool").booleanValue()).isTrue();
        assertThat(d.get("BoolOdd").booleanValue()).isTrue();
        assertThat(d.get("Binary").textValue()).isEqualTo("DEAD0B");
        assertThat(d.get("Guid").textValue()).isEqualTo("5770385F-C22A-43E0-BF4C-06F5698FFBD9");
        assertThat(d.get("SizeT").textValue()).isEqualTo("0x1f40");
        assertThat(d.get("FileTime").textValue()).isEqualTo("2024-01-17T21:20:00.123456Z"); // 1705526400 s after 1970, + 0.1234567 s
        assertThat(d.get("SysTime").textValue()).isEqualTo("2024-03-05T09:01:02.345000Z");
        assertThat(d.get("Sid").textValue()).isEqualTo("S-1-5-32-544");
        assertThat(d.get("Hex32").textValue()).isEqualTo("0x3e7");
        assertThat(d.get("Hex64").textValue()).isEqualTo("0x8020000000000000");
        assertThat(d.get("Null").isNull()).isTrue();
        assertThat(d.get("Int8").isNumber() && d.get("UInt64").isNumber() && d.get("Real32").isNumber()).isTrue();
    }

    @Test
    void arraysBecomeJsonArrays() throws IOException {
        put("Strings", 0x81, utf16("net.exe\0whoami.exe\0"));
        put("Ansis", 0x82, "a\0bc\0".getBytes(StandardCharsets.ISO_8859_1));
        put("UInt16s", 0x86, concat(u16le(1), u16le(65535)));
        put("Int32s", 0x87, concat(u32le(-1), u32le(7)));
        put("UInt64s", 0x8a, concat(u64le(1), u64le(2)));
        put("Bools", 0x8d, concat(u32le(0), u32le(1)));
        put("Hex64s", 0x95, concat(u64le(0x10), u64le(0xff)));
        put("Sids", 0x93, concat(new byte[] {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0}, new byte[] {1, 1, 0, 0, 0, 0, 0, 5, 19, 0, 0, 0}));
        put("Guids", 0x8f, new byte[32]);
        put("FileTimes", 0x91, concat(u64le(116_444_736_000_000_000L), u64le(116_444_736_010_000_000L)));
        put("SizeTs", 0x90, concat(u64le(1), u64le(0x20)));

        JsonNode d = eventData();

        assertThat(d.get("Strings")).hasToString("[\"net.exe\",\"whoami.exe\"]");
        assertThat(d.get("Ansis")).hasToString("[\"a\",\"bc\"]");
        assertThat(d.get("UInt16s")).hasToString("[1,65535]");
        assertThat(d.get("Int32s")).hasToString("[-1,7]");
        assertThat(d.get("UInt64s")).hasToString("[1,2]");
        assertThat(d.get("Bools")).hasToString("[false,true]");
        assertThat(d.get("Hex64s")).hasToString("[\"0x10\",\"0xff\"]");
        assertThat(d.get("Sids")).hasToString("[\"S-1-5-18\",\"S-1-5-19\"]");
        assertThat(d.get("Guids")).hasToString("[\"00000000-0000-0000-0000-000000000000\",\"00000000-0000-0000-0000-000000000000\"]");
        assertThat(d.get("FileTimes")).hasToString("[\"1970-01-01T00:00:00.000000Z\",\"1970-01-01T00:00:01.000000Z\"]");
        assertThat(d.get("SizeTs")).hasToString("[\"0x1\",\"0x20\"]");
    }

    /** BinXML inside a substitution (type 0x21): its elements are content of the element that holds it. */
    @Test
    void binXmlNestedInASubstitutionBecomesChildElements() throws IOException {
        El inner = El.of("LogonEvent", El.of("TargetUser", "CORP\\alice"), El.of("Type", "10"));
        values.put("Nested", Value.binxml(inner));

        JsonNode d = eventData();

        assertThat(d.get("Nested")).hasToString("{\"LogonEvent\":{\"TargetUser\":\"CORP\\\\alice\",\"Type\":\"10\"}}");
    }

    @Test
    void aTemplateDefinedInAnEarlierRecordIsReusedByLaterOnes() throws IOException {
        El template = El.of("Event", El.of("System", El.of("EventID", new Sub(0, 0x06))), new El("EventData", List.of(),
                List.of(new El("Data", List.of(new Attr("Name", "CommandLine")), List.of(new Sub(1, 0x01))))));
        List<Rec> recs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) recs.add(new Rec(i, 0, template, List.of(Value.of(0x06, u16le(4688)), Value.of(0x01, utf16("whoami /" + i)))));
        Path f = dir.resolve("reuse.evtx");
        byte[] bytes = EvtxWriter.file(recs);
        Files.write(f, bytes);

        Collected c = Collected.read(f);

        assertThat(c.problems).isEmpty();
        assertThat(c.records).extracting(r -> r.json().at("/Event/EventData/CommandLine").asText())
                .containsExactly("whoami /1", "whoami /2", "whoami /3");
        assertThat(c.records).extracting(r -> r.json().at("/Event/System/EventID").asInt()).containsOnly(4688);
        // Only the first record carries the definition: later records are much shorter.
        assertThat(c.records.get(1).fileOffset() - c.records.get(0).fileOffset())
                .isGreaterThan(c.records.get(2).fileOffset() - c.records.get(1).fileOffset());
    }

    private static byte[] systemTime(int y, int mo, int d, int h, int mi, int s, int ms) {
        return concat(u16le(y), u16le(mo), u16le(2), u16le(d), u16le(h), u16le(mi), u16le(s), u16le(ms));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
