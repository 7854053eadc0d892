package dev.tripline.ingest;

import static dev.tripline.ingest.BadInputTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON Lines, arrays and back-to-back objects; folders and stdin; where each record is said to come from. */
class InputFormatsTest {
    @TempDir Path dir;

    private static final String PRETTY = """
            {
              "Channel": "Microsoft-Windows-Sysmon/Operational",
              "EventID": 1,
              "UtcTime": "2024-01-01 10:00:00.000",
              "Image": "C:\\\\Windows\\\\System32\\\\cmd.exe",
              "CommandLine": "%s"
            }
            """;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private static RecordingListener read(List<String> inputs) {
        RecordingListener out = new RecordingListener();
        Ingest.read(inputs, Optional.empty(), IngestOptions.defaults(), out);
        return out;
    }

    private static RecordingListener read(Path file) {
        return read(List.of(file.toString()));
    }

    @Test
    void prettyPrintedObjectsBackToBackStartWhereTheirBraceIs() throws IOException {
        Path f = write("dump.json", PRETTY.formatted("one") + PRETTY.formatted("two") + "\n" + PRETTY.formatted("three"));

        RecordingListener out = read(f);

        assertThat(out.events).extracting(e -> e.getCommandLine(), e -> e.getSource().line())
                .containsExactly(tuple("one", 1L), tuple("two", 8L), tuple("three", 16L));
        assertThat(out.rejected).isEmpty();
        assertThat(out.closed).containsEntry(f.toString(), 22L);
    }

    @Test
    void aBrokenPrettyPrintedObjectDoesNotSwallowTheRest() throws IOException {
        String broken = "{\n  \"Channel\": \"Microsoft-Windows-Sysmon/Operational\",\n  \"EventID\": 1,\n  \"Image\": \"C:\\\\x";
        Path f = write("dump.json", PRETTY.formatted("one") + broken + "\n" + PRETTY.formatted("three"));

        RecordingListener out = read(f);

        assertThat(out.events).extracting(e -> e.getCommandLine(), e -> e.getSource().line())
                .containsExactly(tuple("one", 1L), tuple("three", 12L));
        assertThat(out.rejected).extracting(r -> r.reason()).containsExactly("invalid JSON");
        assertThat(out.rejected.get(0).source().line()).isBetween(8L, 11L);
    }

    @Test
    void aTooLargePrettyPrintedObjectIsRejectedWithoutLosingTheNext() throws IOException {
        Path f = write("dump.json", PRETTY.formatted("x".repeat(5000)) + PRETTY.formatted("small"));
        RecordingListener out = new RecordingListener();

        Ingest.read(List.of(f.toString()), Optional.empty(), new IngestOptions(1000), out);

        assertThat(out.events).extracting(e -> e.getCommandLine()).containsExactly("small");
        assertThat(out.rejected).extracting(r -> r.source().line(), r -> r.reason()).containsExactly(tuple(1L, "record too large"));
    }

    @Test
    void aPrettyPrintedArrayIsStreamedElementByElementWithStartLines() throws IOException {
        String array = "[\n  " + event("one") + ",\n  {\n    \"not\": \"an event\"\n  },\n  " + event("three") + "\n]\n";
        Path f = write("export.json", array);

        RecordingListener out = read(f);

        assertThat(out.events).extracting(e -> e.getCommandLine(), e -> e.getSource().line())
                .containsExactly(tuple("one", 2L), tuple("three", 6L));
        assertThat(out.skipped).extracting(s -> s.source().line(), s -> s.reason()).containsExactly(tuple(3L, "unknown shape"));
        assertThat(out.closed).containsEntry(f.toString(), 7L);
    }

    @Test
    void aOneLineArrayAndItsNonObjectElements() throws IOException {
        Path f = write("export.json", "[" + event("one") + ",42," + event("three") + "]");

        RecordingListener out = read(f);

        assertThat(out.events).extracting(e -> e.getCommandLine()).containsExactly("one", "three");
        assertThat(out.rejected).extracting(r -> r.reason()).containsExactly("not a JSON object");
        assertThat(out.closed).containsEntry(f.toString(), 1L);
    }

    @Test
    void aTruncatedArrayKeepsTheElementsBeforeTheBreakAndCountsAllLines() throws IOException {
        Path f = write("export.json", "[\n" + event("one") + ",\n{\"Image\":\n\n");

        RecordingListener out = read(f);

        assertThat(out.events).extracting(e -> e.getCommandLine()).containsExactly("one");
        assertThat(out.rejected).extracting(r -> r.reason()).containsExactly("invalid JSON");
        assertThat(out.closed).containsEntry(f.toString(), 4L);
    }

    @Test
    void theAdvancedHuntingApiWrapperIsUnwrapped() throws IOException {
        String defender = Json.MAPPER.writeValueAsString(ShapeSamples.load("defender"));
        Path f = write("ah.json", "{\"Schema\":[{\"Name\":\"Timestamp\",\"Type\":\"DateTime\"}],\"Results\":[" + defender + "," + defender + "]}\n");

        RecordingListener out = read(f);

        assertThat(out.events).hasSize(2).allSatisfy(e -> assertThat(e.getSchema()).isEqualTo("defender"));
    }

    @Test
    void aFolderIsReadRecursivelyInPathOrderSkippingHiddenEntries() throws IOException {
        write("logs/b/2.jsonl", event("b2") + "\n");
        write("logs/a.jsonl", event("a") + "\n");
        write("logs/b/1.jsonl", event("b1") + "\n");
        write("logs/.hidden.jsonl", event("hidden") + "\n");
        write("logs/.git/objects.jsonl", event("git") + "\n");

        RecordingListener out = read(List.of(dir.resolve("logs").toString()));

        assertThat(out.events).extracting(e -> e.getCommandLine()).containsExactly("a", "b1", "b2");
        String logs = dir.resolve("logs").toString();
        assertThat(out.events).extracting(e -> e.getSource().file())
                .containsExactly(logs + "/a.jsonl", logs + "/b/1.jsonl", logs + "/b/2.jsonl");
        assertThat(out.opened).containsExactly(logs + "/a.jsonl", logs + "/b/1.jsonl", logs + "/b/2.jsonl");
    }

    @Test
    void aRelativeFolderNameIsKeptAsTheUserWroteIt() throws IOException {
        write("logs/a/b.jsonl", event("x") + "\n");
        // FolderWalk names entries from the input string, whatever the working directory.
        List<FolderWalk.Entry> entries = FolderWalk.list("logs", dir.resolve("logs"));

        assertThat(entries).extracting(FolderWalk.Entry::name).containsExactly("logs/a/b.jsonl");
    }

    @Test
    void dashReadsStdinAndNamesIt() {
        RecordingListener out = new RecordingListener();
        byte[] input = (event("piped") + "\n").getBytes(StandardCharsets.UTF_8);

        Ingest.read(List.of("-"), Optional.empty(), IngestOptions.defaults(), out, new ByteArrayInputStream(input));

        assertThat(out.events).extracting(e -> e.getSource().toString()).containsExactly("-:1");
        assertThat(out.closed).containsEntry("-", 1L);
    }

    @Test
    void aForcedShapeIsUsedWithoutDetection() throws IOException {
        // No provider, channel or event id: detection cannot tell, the user can.
        Path f = write("bare.jsonl", "{\"UtcTime\":\"2024-01-01 10:00:00\",\"Image\":\"C:\\\\a.exe\",\"CommandLine\":\"a.exe\"}\n");
        RecordingListener out = new RecordingListener();

        Ingest.read(List.of(f.toString()), EventShape.byName("sysmon"), IngestOptions.defaults(), out);

        assertThat(out.events).extracting(e -> e.getSchema()).containsExactly("sysmon");
        assertThat(read(f).skipped).extracting(s -> s.reason()).containsExactly("unknown shape");
    }

    @Test
    void aByteOrderMarkDoesNotBreakTheFirstRecord() throws IOException {
        Path f = write("bom.jsonl", "\uFEFF" + event("one") + "\n");

        assertThat(read(f).events).hasSize(1);
    }
}
