package dev.tripline.ingest;

import static dev.tripline.ingest.BadInputTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input written by whoever owns the host: no byte sequence may end the run, make the parser guess an encoding,
 * or cost more than its own record. Each case here once broke today's reader (issue 10, issue 11 item 4).
 */
class HostileInputTest {
    @TempDir Path dir;

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        return b.toByteArray();
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
        Ingest.read(java.util.Arrays.stream(files).map(Path::toString).toList(), Optional.empty(), options, out);
        return out;
    }

    private static List<String> commandLines(RecordingListener out) {
        return out.events.stream().map(e -> e.getCommandLine()).toList();
    }

    @Test
    void linesThatLookLikeUcs4ToAParserAreRejectedOneByOneWithTheirLine() throws IOException {
        byte[][] heads = {
                {0, 0, 0, 0}, {0, 'A', 0, 0}, {0, 0, 'A', 0}, {(byte) 0xFE, (byte) 0xFF, 0, 0}, {(byte) 0xFF, (byte) 0xFE, 0, 0}};
        for (byte[] head : heads) {
            // As the file's first line (where encoding detection looks) and in the middle.
            Path first = write("first.jsonl", concat(head, utf8(event("padded") + "\n" + event("two") + "\n")));
            Path middle = write("middle.jsonl", concat(utf8(event("one") + "\n"), head, utf8(event("padded") + "\n" + event("three") + "\n")));

            RecordingListener out = read(first, middle);

            assertThat(commandLines(out)).as("head %s", java.util.Arrays.toString(head)).containsExactly("two", "one", "three");
            assertThat(out.rejected).extracting(r -> r.source().toString()).containsExactly(first + ":1", middle + ":2");
            assertThat(out.rejected).extracting(r -> r.reason()).allMatch(r -> r.equals("invalid JSON") || r.equals("invalid UTF-8"));
            assertThat(out.unreadable).isEmpty();
        }
    }

    @Test
    void overlongUtf8IsRejectedNotDecodedAsASlash() throws IOException {
        byte[] overlong = concat(utf8(event("net").replace("\"net\"", "\"C:")), new byte[] {(byte) 0xC0, (byte) 0xAF}, utf8("net.exe user\"}"));
        Path f = write("a.jsonl", concat(overlong, utf8("\n" + event("ok") + "\n")));

        RecordingListener out = read(f);

        assertThat(commandLines(out)).containsExactly("ok");
        assertThat(out.rejected).extracting(r -> r.source().line(), r -> r.reason()).containsExactly(tuple(1L, "invalid UTF-8"));
        assertThat(out.rejected.get(0).detail()).contains("0xC0").contains("overlong");
    }

    @Test
    void aValidNoBreakSpaceIsTextAndALoneLeadByteIsInvalidUtf8() throws IOException {
        byte[] nbspInside = utf8(event("net\u00a0user") + "\n");
        byte[] nbspOutside = utf8("\u00a0" + event("x") + "\n");
        byte[] loneC3 = concat(utf8(event("y").replace("\"y\"", "\"y")), new byte[] {(byte) 0xC3}, utf8("\"}\n"));
        byte[] loneC3AtEnd = concat(utf8(event("z")), new byte[] {(byte) 0xC3, '\n'});
        Path f = write("a.jsonl", concat(nbspInside, nbspOutside, loneC3, loneC3AtEnd));

        RecordingListener out = read(f);

        assertThat(commandLines(out)).containsExactly("net\u00a0user");
        assertThat(out.rejected).extracting(r -> r.source().line(), r -> r.reason())
                .containsExactly(tuple(2L, "invalid JSON"), tuple(3L, "invalid UTF-8"), tuple(4L, "invalid UTF-8"));
    }

    @Test
    void oneLineHasOneOutcome() throws IOException {
        String a = event("a"), b = event("b");
        byte[] content = concat(
                utf8(a + b + "\n"),                 // 1 two values on one line
                utf8(a + " garbage\n"),             // 2 trailing garbage
                concat(utf8(a), new byte[] {0, 0, '\n'}), // 3 trailing NUL padding
                utf8(event("ok") + "\n"));          // 4
        Path f = write("a.jsonl", content);

        RecordingListener out = read(f);

        assertThat(commandLines(out)).containsExactly("ok");
        assertThat(out.rejected).extracting(r -> r.source().line()).containsExactly(1L, 2L, 3L);
        assertThat(out.records()).isEqualTo(4);
        assertThat(out.closed).containsEntry(f.toString(), 4L);
    }

    @Test
    void carriageReturnsAloneEndLines() throws IOException {
        Path f = write("mac.jsonl", utf8(event("one") + "\r" + event("two") + "\r\r" + event("four") + "\r"));

        RecordingListener out = read(f);

        assertThat(out.events).extracting(e -> e.getCommandLine(), e -> e.getSource().line())
                .containsExactly(tuple("one", 1L), tuple("two", 2L), tuple("four", 4L));
        assertThat(out.closed).containsEntry(f.toString(), 4L);
        assertThat(out.blank).containsEntry(f.toString(), 1L);
    }

    @Test
    void blankLinesAreCounted() throws IOException {
        Path f = write("a.jsonl", utf8("\n" + event("two") + "\r\n  \t\r\n\n" + event("five") + "\n\n"));

        RecordingListener out = read(f);

        assertThat(out.closed).containsEntry(f.toString(), 6L);
        assertThat(out.blank).containsEntry(f.toString(), 4L);
    }

    @Test
    void aBadByteInOneElementOfAnArrayCostsOnlyThatElement() throws IOException {
        StringBuilder array = new StringBuilder("[\n");
        for (int i = 1; i <= 10_000; i++) array.append(i == 1 ? "" : ",\n").append(event(i == 3 ? "BAD" : "e" + i));
        array.append("\n]\n");
        byte[] bytes = utf8(array.toString());
        int bad = array.indexOf("BAD");
        bytes[bad + 1] = (byte) 0xFF;
        Path f = write("export.json", bytes);

        RecordingListener out = read(f);

        assertThat(out.events).hasSize(9_999);
        assertThat(out.events.get(9_998).getCommandLine()).isEqualTo("e10000");
        assertThat(out.rejected).extracting(r -> r.source().line(), r -> r.reason()).containsExactly(tuple(4L, "invalid UTF-8"));
        assertThat(out.closed).containsEntry(f.toString(), 10_002L);
    }

    @Test
    void anArrayElementOverTheLimitIsDroppedWhileStreamingAndTheNextIsRead() throws IOException {
        // 30 million characters in one string: more than the record limit, and more than Jackson takes in one value.
        Path f = dir.resolve("huge.json");
        try (var w = Files.newBufferedWriter(f)) {
            w.write("[\n" + event("one") + ",\n{\"CommandLine\":\"");
            char[] block = new char[1 << 20];
            java.util.Arrays.fill(block, 'A');
            for (int i = 0; i < 30; i++) w.write(block);
            w.write("\"},\n" + event("three") + "\n]\n");
        }

        RecordingListener out = read(f);

        assertThat(commandLines(out)).containsExactly("one", "three");
        assertThat(out.rejected).extracting(r -> r.source().line(), r -> r.reason()).containsExactly(tuple(3L, "record too large"));
    }

    @Test
    void aStructurallyBrokenArrayElementResumesAtTheNextRecordAndSaysWhatWasSkipped() throws IOException {
        String array = "[\n  " + event("one") + ",\n"
                + "  {\"CommandLine\": \"unterminated,\n"          // 3: a string that runs past its line
                + "    \"Image\": \"x\"},\n"                      // 4: skipped
                + "  " + event("two") + ",\n"                     // 5: resumes here
                + "  {\"a\": [1, 2}},\n"                          // 6: a bracket closing the wrong opener
                + "  " + event("three") + "\n]\n";
        Path f = write("broken.json", utf8(array));

        RecordingListener out = read(f);

        assertThat(commandLines(out)).containsExactly("one", "two", "three");
        assertThat(out.rejected).extracting(r -> r.source().line(), r -> r.reason())
                .containsExactly(tuple(3L, "invalid JSON"), tuple(6L, "invalid JSON"));
        assertThat(out.rejected.get(0).detail()).contains("line 4 skipped").contains("resumed at line 5");
    }

    @Test
    void utf16FromPowerShellIsReadWithOrWithoutBom() throws IOException {
        String text = event("one") + "\r\n" + event("caf\u00e9 \ud83d\ude00") + "\r\n";
        Path leBom = write("le-bom.json", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE)));
        Path beBom = write("be-bom.json", text.getBytes(StandardCharsets.UTF_16)); // Java writes a BE BOM
        Path le = write("le.json", text.getBytes(StandardCharsets.UTF_16LE));
        Path be = write("be.json", text.getBytes(StandardCharsets.UTF_16BE));
        Path utf8Bom = write("utf8-bom.json", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(text)));

        for (Path f : List.of(leBom, beBom, le, be, utf8Bom)) {
            RecordingListener out = read(f);

            assertThat(out.events).as(f.getFileName().toString()).extracting(e -> e.getCommandLine(), e -> e.getSource().line())
                    .containsExactly(tuple("one", 1L), tuple("caf\u00e9 \ud83d\ude00", 2L));
            assertThat(out.rejected).isEmpty();
            assertThat(out.closed).containsEntry(f.toString(), 2L);
        }
        assertThat(read(le).notes).singleElement().asString().contains("UTF-16LE without BOM");
    }

    @Test
    void aLoneSurrogateInUtf16RejectsItsLine() throws IOException {
        byte[] bad = (event("x") + "\n").getBytes(StandardCharsets.UTF_16LE);
        int at = (event("x").indexOf("\"x\"") + 1) * 2;
        bad[at] = 0x00;
        bad[at + 1] = (byte) 0xD8; // U+D800, a high surrogate with no low one after it
        Path f = write("lone.json", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, bad, (event("ok") + "\n").getBytes(StandardCharsets.UTF_16LE)));

        RecordingListener out = read(f);

        assertThat(commandLines(out)).containsExactly("ok");
        assertThat(out.rejected).extracting(r -> r.source().line(), r -> r.reason()).containsExactly(tuple(1L, "invalid UTF-16"));
    }

    @Test
    void aFileInAnotherEncodingIsNamedOnceBesideItsRejectedLines() throws IOException {
        StringBuilder latin1 = new StringBuilder();
        for (int i = 0; i < 130; i++) latin1.append(event("caf\u00e9 " + i)).append('\n');
        Path f = write("latin1.jsonl", latin1.toString().getBytes(StandardCharsets.ISO_8859_1));

        RecordingListener out = read(f);

        assertThat(out.rejected).hasSize(130).extracting(r -> r.reason()).containsOnly("invalid UTF-8");
        assertThat(out.notes).singleElement().asString().contains("130 line(s) are not UTF-8").contains("Windows-1252");
    }

    @Test
    void binaryFilesAreNamedOnceAsUnreadable() throws IOException {
        byte[] random = new byte[4096];
        new java.util.Random(7).nextBytes(random);
        // (.evtx is read natively since the EVTX reader landed: its damage cases are EvtxDamageTest's.)
        Path evtx = write("setup.exe.log", concat(new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0}, random));
        Path zip = write("logs.zip", concat(new byte[] {'P', 'K', 3, 4}, random));
        Path noise = write("noise.json", random);
        Path ok = write("ok.jsonl", utf8(event("one") + "\n"));

        RecordingListener out = read(evtx, zip, noise, ok);

        assertThat(out.unreadable).containsOnlyKeys(evtx.toString(), zip.toString(), noise.toString());
        assertThat(out.unreadable.get(evtx.toString())).startsWith("not event text");
        assertThat(out.unreadable.get(zip.toString())).contains("ZIP");
        assertThat(out.rejected).isEmpty();
        assertThat(commandLines(out)).containsExactly("one");
        assertThat(out.closed).containsEntry(evtx.toString(), 0L).containsEntry(zip.toString(), 0L);
    }

    @Test
    void anEmptyInputAndAFolderWithoutEventFilesSaySo() throws IOException {
        Path empty = write("empty.jsonl", new byte[0]);
        write("docs/README.md", utf8("read me\n"));
        write("docs/hashes.txt", utf8("abc\n"));

        RecordingListener out = read(empty, dir.resolve("docs"));

        assertThat(out.notes).anySatisfy(n -> assertThat(n).startsWith(empty + ": ").contains("empty"));
        assertThat(out.notes).anySatisfy(n -> assertThat(n).contains("2 file(s) not read").contains("README.md"));
        assertThat(out.notes).anySatisfy(n -> assertThat(n).contains("no event files"));
        assertThat(out.skipped).as("files a folder walk passes over are not records").isEmpty();
    }

    @Test
    void stdinWithHostileBytesIsReadLikeAFile() {
        byte[] input = concat(new byte[] {0, 'A', 0, 0, '\n'}, utf8(event("piped") + "\n"));
        RecordingListener out = new RecordingListener();

        Ingest.read(List.of("-"), Optional.empty(), IngestOptions.defaults(), out, new ByteArrayInputStream(input));

        assertThat(out.events).extracting(e -> e.getSource().toString()).containsExactly("-:2");
        assertThat(out.rejected).extracting(r -> r.source().toString()).containsExactly("-:1");
    }
}
