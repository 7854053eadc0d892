package dev.tripline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input loses nothing but itself: every bad line is reported, every good one after it still read. */
class BadInputTest {
    @TempDir Path dir;

    static String event(String commandLine) {
        return "{\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"EventID\":1,\"Computer\":\"ws1\","
                + "\"UtcTime\":\"2024-01-01 10:00:00.000\",\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\","
                + "\"CommandLine\":\"" + commandLine + "\",\"User\":\"LAB\\\\bob\"}";
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        return p;
    }

    private static RecordingListener read(Path... files) {
        return read(IngestOptions.defaults(), files);
    }

    private static RecordingListener read(IngestOptions options, Path... files) {
        RecordingListener out = new RecordingListener();
        Ingest.read(Arrays.stream(files).map(Path::toString).toList(), Optional.empty(), options, out);
        return out;
    }

    private static List<String> commandLines(RecordingListener out) {
        return out.events.stream().map(e -> e.getCommandLine()).toList();
    }

    @Test
    void truncatedJsonMidFileIsRejectedAndTheFollowingLinesStillParse() throws IOException {
        Path f = write("a.jsonl", event("one") + "\n{\"a\":\n" + event("three") + "\n");

        RecordingListener out = read(f);

        assertThat(commandLines(out)).containsExactly("one", "three");
        assertThat(out.events.get(1).getSource().line()).isEqualTo(3);
        assertThat(out.rejected).extracting(r -> r.source().line(), r -> r.reason()).containsExactly(tuple(2L, "invalid JSON"));
        assertThat(out.rejected.get(0).detail()).isNotBlank();
        assertThat(out.closed).containsEntry(f.toString(), 3L);
    }

    @Test
    void truncatedJsonAtEndOfFileIsRejected() throws IOException {
        Path f = write("a.jsonl", event("one") + "\n{\"a\":");

        RecordingListener out = read(f);

        assertThat(commandLines(out)).containsExactly("one");
        assertThat(out.rejected).extracting(r -> r.source().line(), r -> r.reason()).containsExactly(tuple(2L, "invalid JSON"));
        assertThat(out.closed).containsEntry(f.toString(), 2L);
    }

    @Test
    void textLinesAreRejectedOneByOne() throws IOException {
        Path f = write("a.jsonl", "Windows Event Log export\n" + event("two") + "\n--- end ---\n");

        RecordingListener out = read(f);

        assertThat(commandLines(out)).containsExactly("two");
        assertThat(out.rejected).extracting(r -> r.source().line(), r -> r.reason())
                .containsExactly(tuple(1L, "invalid JSON"), tuple(3L, "invalid JSON"));
    }

    @Test
    void invalidUtf8RejectsOnlyItsLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((event("one") + "\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes("{\"CommandLine\":\"caf".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        b.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes((event("three") + "\n").getBytes(StandardCharsets.UTF_8));
        Path f = write("a.jsonl", b.toByteArray());

        RecordingListener out = read(f);

        assertThat(commandLines(out)).containsExactly("one", "three");
        assertThat(out.rejected).extracting(r -> r.source().line(), r -> r.reason()).containsExactly(tuple(2L, "invalid UTF-8"));
    }

    @Test
    void binaryGarbageRejectsOnlyItsLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0, 1, 2, (byte) 0x89, 'P', 'N', 'G', '\r', '\n'});
        b.writeBytes((event("two") + "\n").getBytes(StandardCharsets.UTF_8));
        Path f = write("a.jsonl", b.toByteArray());

        RecordingListener out = read(f);

        assertThat(commandLines(out)).containsExactly("two");
        assertThat(out.rejected).extracting(r -> r.source().line()).containsExactly(1L);
        assertThat(out.rejected.get(0).reason()).isIn("invalid JSON", "invalid UTF-8");
    }

    @Test
    void blankLinesAreCountedButAreNotErrors() throws IOException {
        Path f = write("a.jsonl", "\n" + event("two") + "\r\n  \t\r\n\n" + event("five") + "\n\n");

        RecordingListener out = read(f);

        assertThat(out.events).extracting(e -> e.getSource().line()).containsExactly(2L, 5L);
        assertThat(out.rejected).isEmpty();
        assertThat(out.skipped).isEmpty();
        assertThat(out.closed).containsEntry(f.toString(), 6L);
    }

    @Test
    void aTenMegabyteLineIsRejectedAsTooLargeAndReadingGoesOn() throws IOException {
        StringBuilder huge = new StringBuilder(10_500_000).append("{\"CommandLine\":\"");
        huge.append("A".repeat(10 * 1024 * 1024)).append("\"}");
        Path f = write("a.jsonl", event("one") + "\n" + huge + "\n" + event("three"));

        RecordingListener out = read(f);

        assertThat(commandLines(out)).containsExactly("one", "three");
        assertThat(out.rejected).extracting(r -> r.source().line(), r -> r.reason()).containsExactly(tuple(2L, "record too large"));
        assertThat(out.closed).containsEntry(f.toString(), 3L);
    }

    @Test
    void aLineJustOverASmallLimitIsTooLargeEvenWhenItFitsTheBuffer() throws IOException {
        Path f = write("a.jsonl", event("x".repeat(300)) + "\n" + event("ok") + "\n");

        RecordingListener out = read(new IngestOptions(300), f);

        assertThat(commandLines(out)).containsExactly("ok");
        assertThat(out.rejected).extracting(r -> r.reason()).containsExactly("record too large");
    }

    @Test
    void jsonThatIsNotAnObjectIsRejected() throws IOException {
        Path f = write("a.jsonl", "[1,2]\n42\n\"x\"\nnull\n" + event("five") + "\n");

        RecordingListener out = read(f);

        assertThat(commandLines(out)).containsExactly("five");
        assertThat(out.rejected).extracting(r -> r.source().line(), r -> r.reason()).containsExactly(
                tuple(1L, "not a JSON object"), tuple(2L, "not a JSON object"),
                tuple(3L, "not a JSON object"), tuple(4L, "not a JSON object"));
    }

    @Test
    void recordsOfUnknownShapeAreSkippedAndCountedByReason() throws IOException {
        Path f = write("a.jsonl", "{\"msg\":\"user logged in\",\"level\":\"info\"}\n" + event("two") + "\n");

        RecordingListener out = read(f);

        assertThat(commandLines(out)).containsExactly("two");
        assertThat(out.skipped).extracting(s -> s.source().line(), s -> s.reason()).containsExactly(tuple(1L, "unknown shape"));
    }

    @Test
    void missingTimeAndMissingCommandLineAreRejected() throws IOException {
        String noTime = event("one").replace("\"UtcTime\":\"2024-01-01 10:00:00.000\",", "");
        String noCommand = event("");
        Path f = write("a.jsonl", noTime + "\n" + noCommand + "\n" + event("three") + "\n");

        RecordingListener out = read(f);

        assertThat(commandLines(out)).containsExactly("three");
        assertThat(out.rejected).extracting(r -> r.source().line(), r -> r.reason())
                .containsExactly(tuple(1L, "missing time"), tuple(2L, "missing command line"));
    }

    @Test
    void anEmptyFileHasNoLinesAndNoErrors() throws IOException {
        Path f = write("empty.jsonl", "");

        RecordingListener out = read(f);

        assertThat(out.records()).isZero();
        assertThat(out.unreadable).isEmpty();
        assertThat(out.closed).containsExactly(org.assertj.core.api.Assertions.entry(f.toString(), 0L));
    }

    @Test
    void aMissingFileIsUnreadableAndTheNextInputIsStillRead() throws IOException {
        Path missing = dir.resolve("nope.jsonl");
        Path f = write("a.jsonl", event("one") + "\n");

        RecordingListener out = read(missing, f);

        assertThat(out.unreadable).containsExactly(org.assertj.core.api.Assertions.entry(missing.toString(), "no such file or directory"));
        assertThat(commandLines(out)).containsExactly("one");
    }

    @Test
    void aFileWithoutReadPermissionIsUnreadable() throws IOException {
        Path f = write("secret.jsonl", event("one") + "\n");
        f.toFile().setReadable(false, false);
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(f), "running as root: permissions are not enforced");

        RecordingListener out = read(f);

        assertThat(out.unreadable).containsEntry(f.toString(), "permission denied");
    }

    @Test
    void aFileThatVanishesFromAFolderIsUnreadable() throws IOException {
        Path dangling = dir.resolve("logs/gone.jsonl");
        Files.createDirectories(dangling.getParent());
        Files.createSymbolicLink(dangling, dir.resolve("does-not-exist"));
        write("logs/ok.jsonl", event("one") + "\n");

        RecordingListener out = read(dir.resolve("logs"));

        assertThat(out.unreadable).containsOnlyKeys(dir.resolve("logs") + "/gone.jsonl");
        assertThat(commandLines(out)).containsExactly("one");
    }

    @Test
    void aCorruptGzipIsUnreadableAndTheNextInputIsStillRead() throws IOException {
        Path bad = write("bad.jsonl.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 'g', 'a', 'r', 'b', 'a', 'g', 'e'});
        Path f = write("a.jsonl", event("one") + "\n");

        RecordingListener out = read(bad, f);

        assertThat(out.unreadable).containsOnlyKeys(bad.toString());
        assertThat(out.closed).containsEntry(bad.toString(), 0L);
        assertThat(commandLines(out)).containsExactly("one");
    }

    @Test
    void aTruncatedGzipIsUnreadableAfterDeliveringWhatItHad() throws IOException {
        byte[] gz = gzip((event("one") + "\n").repeat(2000));
        Path truncated = write("t.jsonl.gz", Arrays.copyOf(gz, gz.length / 2));

        RecordingListener out = read(truncated);

        assertThat(out.unreadable).containsOnlyKeys(truncated.toString());
        assertThat(out.events).isNotEmpty().allSatisfy(e -> assertThat(e.getCommandLine()).isEqualTo("one"));
        assertThat(out.closed.get(truncated.toString())).as("the lines it did read are counted")
                .isGreaterThanOrEqualTo(out.events.size()).isLessThanOrEqualTo(out.events.size() + 1L);
        assertThat(out.unreadable.get(truncated.toString())).contains("after line");
    }

    @Test
    void gzipIsRecognizedByMagicBytesNotByName() throws IOException {
        Path gz = write("really-gzip.json", gzip(event("zipped") + "\n"));
        Path plain = write("not-really.gz", event("plain") + "\n");

        RecordingListener out = read(gz, plain);

        assertThat(commandLines(out)).containsExactly("zipped", "plain");
        assertThat(out.rejected).isEmpty();
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(b)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }
}
