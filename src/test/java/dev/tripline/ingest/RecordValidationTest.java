package dev.tripline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records that parse but cannot be true: what they claim is checked before they become facts. */
class RecordValidationTest {
    @TempDir Path dir;

    private RecordingListener read(Optional<EventShape> forced, String... lines) throws IOException {
        Path f = dir.resolve("in.jsonl");
        Files.writeString(f, String.join("\n", lines) + "\n");
        RecordingListener out = new RecordingListener();
        Ingest.read(List.of(f.toString()), forced, IngestOptions.defaults(), out);
        return out;
    }

    private RecordingListener read(String... lines) throws IOException {
        return read(Optional.empty(), lines);
    }

    private static ObjectNode sample(String name) {
        return (ObjectNode) ShapeSamples.load(name).deepCopy();
    }

    private static String withEventId(String sample, String rawId) throws IOException {
        ObjectNode r = sample(sample);
        JsonNode id = Json.MAPPER.readTree(rawId);
        if (r.has("Event")) ((ObjectNode) r.at("/Event/System")).set("EventID", id);
        else r.set("EventID", id);
        return r.toString();
    }

    @Test
    void eventIdsThatAreNotEventIdsAreRejectedNotTakenAsNoId() throws IOException {
        List<String> bad = List.of("\"abc\"", "1.5", "-1", "\"0x1\"", "1e23", "[1,2]", "true", "70000", "\"+1\"");
        for (String sample : List.of("sysmon", "sysmon-evtx", "security-4688")) {
            String[] lines = bad.stream().map(id -> {
                try { return withEventId(sample, id); } catch (IOException e) { throw new IllegalStateException(e); }
            }).toArray(String[]::new);

            RecordingListener out = read(lines);

            assertThat(out.facts).as(sample).isEmpty();
            assertThat(out.rejected).as(sample).hasSize(bad.size()).extracting(r -> r.reason()).containsOnly("invalid event id");
            assertThat(out.rejected.get(0).detail()).contains("abc");
        }
    }

    @Test
    void realEventIdsWhetherNumberOrTextOrAbsentAreRead() throws IOException {
        ObjectNode noId = sample("sysmon");
        noId.remove("EventID");

        RecordingListener out = read(withEventId("sysmon", "1"), withEventId("sysmon", "\"1\""), withEventId("sysmon", "\" 1 \""),
                noId.toString(), withEventId("security-4688", "\"4688\""));

        assertThat(out.rejected).isEmpty();
        assertThat(out.events).hasSize(5);
    }

    private static String sysmonAt(String utcTime) {
        ObjectNode r = sample("sysmon");
        r.put("UtcTime", utcTime);
        return r.toString();
    }

    @Test
    void timesBefore1990OrMoreThanADayAheadAreRejectedAsImplausible() throws IOException {
        String soon = Instant.now().plus(2, ChronoUnit.HOURS).toString();
        String tooLate = Instant.now().plus(3, ChronoUnit.DAYS).toString();

        RecordingListener out = read(sysmonAt("9999-12-31 23:59:59.999"), sysmonAt("1601-01-01 00:00:00.000"),
                sysmonAt("0001-01-01 00:00:00.000"), sysmonAt(tooLate), sysmonAt("1989-12-31 23:59:59.999"),
                sysmonAt("1990-01-01 00:00:00.000"), sysmonAt(soon), sysmonAt("2024-03-05 09:00:00.000"));

        assertThat(out.rejected).extracting(r -> r.source().line(), r -> r.reason()).containsExactly(
                tuple(1L, "implausible time"), tuple(2L, "implausible time"), tuple(3L, "implausible time"),
                tuple(4L, "implausible time"), tuple(5L, "implausible time"));
        assertThat(out.rejected.get(0).detail()).contains("9999-12-31").contains("future");
        assertThat(out.rejected.get(1).detail()).contains("before 1990");
        assertThat(out.events).extracting(e -> e.getSource().line()).containsExactly(6L, 7L, 8L);
    }

    @Test
    void implausibleTimesOfLogonsAndServiceInstallsAreRejectedToo() throws IOException {
        ObjectNode logon = sample("security-4624-nxlog-network");
        logon.put("EventTime", "9999-12-31 00:00:00").put("@timestamp", "9999-12-31T00:00:00Z").put("TimeCreated", "9999-12-31T00:00:00Z");

        RecordingListener out = read(logon.toString());

        assertThat(out.rejected).extracting(r -> r.reason()).containsExactly("implausible time");
    }

    @Test
    void aSecurity4688WithoutCommandLineIsAProcessEventWithAnEmptyOne() throws IOException {
        ObjectNode flat = sample("security-4688");
        flat.remove("CommandLine");
        ObjectNode dash = sample("security-4688");
        dash.put("CommandLine", "-");
        ObjectNode sysmon = sample("sysmon");
        sysmon.remove("CommandLine");

        RecordingListener out = read(flat.toString(), dash.toString(), sysmon.toString());

        assertThat(out.events).extracting(e -> e.getCommandLine(), e -> e.getImage())
                .containsExactly(tuple("", "C:\\Windows\\System32\\backgroundTaskHost.exe"), tuple("", "C:\\Windows\\System32\\backgroundTaskHost.exe"));
        assertThat(out.events.get(0).getActor().getName()).isEqualTo("pgustavo");
        assertThat(out.rejected).as("Sysmon always logs the command line: one missing is a broken record")
                .extracting(r -> r.source().line(), r -> r.reason()).containsExactly(tuple(3L, "missing command line"));
    }

    @Test
    void aForcedShapeSaysARecordIsNotThatShapeRatherThanNotAProcessCreation() throws IOException {
        RecordingListener out = read(EventShape.byName("security-4688"), sample("sysmon").toString(), sample("security-4688").toString());

        assertThat(out.skipped).extracting(s -> s.reason()).containsExactly("not the forced shape security-4688 (a sysmon record)");
        assertThat(out.events).extracting(e -> e.getSchema()).containsExactly("security-4688");
    }

    @Test
    void aLoneSurrogateIsRejectedAndAPairIsText() throws IOException {
        String lone = sample("sysmon").put("CommandLine", "net user X /add").toString().replace("X", "\\ud800");
        String pair = sample("sysmon").put("CommandLine", "net user X /add").toString().replace("X", "\\ud83d\\ude00");
        String loneKey = sample("sysmon").toString().replace("\"Image\"", "\"Im\\udc00age\"");

        RecordingListener out = read(lone, pair, loneKey);

        assertThat(out.events).extracting(e -> e.getCommandLine()).containsExactly("net user \ud83d\ude00 /add");
        assertThat(out.rejected).extracting(r -> r.source().line()).containsExactly(1L, 3L);
        assertThat(out.rejected.get(0).reason()).isEqualTo("invalid Unicode");
        assertThat(out.rejected.get(1).reason()).as("in a field name the parser itself refuses it").isIn("invalid Unicode", "invalid JSON");
        assertThat(out.rejected.get(0).detail()).contains("\\uD800");
    }
}
