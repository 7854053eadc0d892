package dev.tripline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every line read is accounted for, per input: in JSON Lines {@code lines = normalized + skipped + rejected + blank},
 * no line counted twice, over the whole bad-input corpus, each kind in a file of its own between good lines and
 * all kinds in one file; in JSON arrays every element is one outcome.
 */
class LineAccountingTest {
    private static final int LIMIT = 64 * 1024;

    @TempDir Path dir;

    private static RecordingListener read(IngestOptions options, Path... files) {
        RecordingListener out = new RecordingListener();
        Ingest.read(java.util.Arrays.stream(files).map(Path::toString).toList(), Optional.empty(), options, out);
        return out;
    }

    private static void assertAccounted(RecordingListener out, Path f, String what) {
        String name = f.toString();
        long lines = out.closed.get(name);
        long facts = out.facts.stream().filter(x -> x.getSource().file().equals(name)).count();
        long skipped = out.skipped.stream().filter(x -> x.source().file().equals(name)).count();
        long rejected = out.rejected.stream().filter(x -> x.source().file().equals(name)).count();
        assertThat(facts + skipped + rejected + out.blank.get(name)).as("%s: lines = normalized + skipped + rejected + blank", what)
                .isEqualTo(lines);
        Set<Long> seen = new HashSet<>();
        out.facts.stream().filter(x -> x.getSource().file().equals(name)).forEach(x -> assertThat(seen.add(x.getSource().line())).as("%s: one outcome per line", what).isTrue());
        out.skipped.stream().filter(x -> x.source().file().equals(name)).forEach(x -> assertThat(seen.add(x.source().line())).as("%s: one outcome per line", what).isTrue());
        out.rejected.stream().filter(x -> x.source().file().equals(name)).forEach(x -> assertThat(seen.add(x.source().line())).as("%s: one outcome per line", what).isTrue());
    }

    @Test
    void eachKindOfBadInputBetweenGoodLinesIsAccountedLineByLine() throws IOException {
        Map<String, byte[]> kinds = BadInputCorpus.kinds(LIMIT);
        assertThat(kinds).hasSizeGreaterThanOrEqualTo(25);
        int i = 0;
        for (Map.Entry<String, byte[]> kind : kinds.entrySet()) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes((BadInputCorpus.good("before") + "\n").getBytes(StandardCharsets.UTF_8));
            b.writeBytes(kind.getValue());
            b.writeBytes((BadInputCorpus.good("after") + "\n").getBytes(StandardCharsets.UTF_8));
            Path f = dir.resolve("kind-" + i++ + ".jsonl");
            Files.write(f, b.toByteArray());

            RecordingListener out = read(new IngestOptions(LIMIT), f);

            assertThat(out.unreadable).as(kind.getKey()).isEmpty();
            assertThat(out.events).as("%s: the good lines around it", kind.getKey()).extracting(e -> e.getCommandLine())
                    .startsWith("before").endsWith("after");
            assertAccounted(out, f, kind.getKey());
        }
    }

    @Test
    void allKindsInOneFileAndInGzipAreAccountedLineByLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] kind : BadInputCorpus.kinds(LIMIT).values()) {
            b.writeBytes((BadInputCorpus.good("between") + "\n").getBytes(StandardCharsets.UTF_8));
            b.writeBytes(kind);
        }
        Path plain = dir.resolve("all.jsonl");
        Files.write(plain, b.toByteArray());
        Path gz = dir.resolve("all.jsonl.gz");
        try (OutputStream z = new GZIPOutputStream(Files.newOutputStream(gz))) {
            z.write(b.toByteArray());
        }

        RecordingListener out = read(new IngestOptions(LIMIT), plain, gz);

        assertAccounted(out, plain, "all kinds");
        assertAccounted(out, gz, "all kinds, gzip");
        assertThat(out.closed.get(gz.toString())).isEqualTo(out.closed.get(plain.toString()));
        assertThat(out.rejected).extracting(r -> r.reason()).contains("invalid UTF-8", "invalid JSON", "invalid Unicode",
                "invalid event id", "implausible time", "unparseable time", "record too large", "not a JSON object");
    }

    @Test
    void aTruncatedGzipCountsTheLinesItRead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(b)) {
            for (int i = 0; i < 3000; i++) z.write((BadInputCorpus.good("n" + i) + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] gz = b.toByteArray();
        Path f = dir.resolve("cut.jsonl.gz");
        Files.write(f, java.util.Arrays.copyOf(gz, gz.length * 2 / 3));

        RecordingListener out = read(IngestOptions.defaults(), f);

        assertThat(out.unreadable).containsOnlyKeys(f.toString());
        assertThat(out.events).hasSizeGreaterThan(100);
        // The last line may be cut mid-record: it is then rejected, and still accounted.
        assertAccounted(out, f, "truncated gzip");
    }

    @Test
    void everyElementOfABrokenArrayIsOneOutcome() throws IOException {
        StringBuilder array = new StringBuilder("[\n");
        for (int i = 0; i < 50; i++) {
            String element = switch (i % 10) {
                case 3 -> BadInputCorpus.good("e" + i).replace("\"e" + i + "\"", "\"\\ud800\"");
                case 5 -> "42";
                case 7 -> "{\"msg\":\"not an event\"}";
                case 9 -> BadInputCorpus.good("e" + i).replace("\"UtcTime\":\"2024", "\"UtcTime\":\"9999");
                default -> BadInputCorpus.good("e" + i);
            };
            array.append(i == 0 ? "  " : ",\n  ").append(element);
        }
        array.append("\n]\n");
        byte[] bytes = array.toString().getBytes(StandardCharsets.UTF_8);
        bytes[array.indexOf("\"e11\"") + 2] = (byte) 0xC0; // overlong lead byte in element 12
        Path f = dir.resolve("array.json");
        Files.write(f, bytes);

        RecordingListener out = read(IngestOptions.defaults(), f);

        assertThat(out.records()).isEqualTo(50);
        assertThat(out.events).hasSize(29);
        assertThat(out.skipped).hasSize(5);
        assertThat(out.rejectionsByReason()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "invalid Unicode", 5, "not a JSON object", 5, "implausible time", 5, "invalid UTF-8", 1));
        assertThat(out.closed).containsEntry(f.toString(), 52L);
    }

    @Test
    void aFolderWalkCountsOnlyTheLinesOfTheFilesItReads() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("a.jsonl"), BadInputCorpus.good("a") + "\n");
        Files.writeString(logs.resolve("README.md"), "one\ntwo\nthree\n");
        Files.write(logs.resolve("SHA256SUMS"), List.of("abc  a.jsonl"));

        RecordingListener out = read(IngestOptions.defaults(), logs);

        assertThat(out.closed).containsOnlyKeys(logs + "/a.jsonl");
        assertThat(out.records()).isEqualTo(1);
        assertThat(out.notes).singleElement().asString().contains("2 file(s) not read");
    }
}
