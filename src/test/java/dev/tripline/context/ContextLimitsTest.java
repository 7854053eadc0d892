package dev.tripline.context;

import dev.tripline.model.IdentityRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hostile context and allowlist files are a ContextFileException naming file and reason; real inventories load. */
class ContextLimitsTest {
    @TempDir Path tmp;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test void rowsOfTheWrongShapeAreContextErrorsNotCrashes() throws Exception {
        for (String doc : List.of("rows: 42\n", "rows: [a, b]\n", "rows:\n")) {
            Path f = write("inv.yaml", doc);
            assertThatThrownBy(() -> InventoryLoader.load(f)).as(doc).isInstanceOf(ContextFileException.class)
                    .hasMessageStartingWith(f + ": ").hasMessageContaining("rows");
            Path a = write("allow.yaml", doc);
            assertThatThrownBy(() -> AllowlistLoader.load(a)).as(doc).isInstanceOf(ContextFileException.class)
                    .hasMessageStartingWith(a + ": ");
        }
        // near miss: rows as a list of maps is the CSV-like form and loads
        Path ok = write("inv.yaml", "rows:\n  - {type: identity, name: 'CORP\\svc', kind: service}\n");
        assertThat(InventoryLoader.load(ok)).singleElement().isInstanceOf(IdentityRecord.class);
    }

    @Test void deepYamlIsRejectedWithoutAStackOverflow() throws Exception {
        Path f = write("deep.yaml", "identities: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
        assertThatThrownBy(() -> InventoryLoader.load(f)).isInstanceOf(ContextFileException.class)
                .hasMessageContaining("nested deeper than 64 levels");
    }

    @Test void aLargeRealisticInventoryLoadsAsYamlAndAsCsv() throws Exception {
        int n = 100_000;
        String yaml = IntStream.range(0, n).mapToObj(i -> "  - {name: 'CORP\\user" + i + "', sid: 'S-1-5-21-1004336348-1177238915-682003330-" + (10_000 + i)
                + "', kind: user, owner: team" + (i % 50) + "}").collect(Collectors.joining("\n", "identities:\n", "\n"));
        Path y = write("big.yaml", yaml);
        assertThat(Files.size(y)).isGreaterThan(3L << 20); // over the parser's old default limit
        assertThat(InventoryLoader.load(y)).hasSize(n);
        String csv = IntStream.range(0, n).mapToObj(i -> "identity,CORP\\user" + i + ",user")
                .collect(Collectors.joining("\n", "type,name,kind\n", "\n"));
        assertThat(InventoryLoader.load(write("big.csv", csv))).hasSize(n);
    }

    @Test void aFileOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        Path f = tmp.resolve("huge.yaml");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(1L << 30); // sparse: 1 GiB that is never written or read
        }
        assertThatThrownBy(() -> InventoryLoader.load(f)).isInstanceOf(ContextFileException.class)
                .hasMessage(f + ": over limit: 1024 MiB; context and allowlist files are limited to 64 MiB (about 900k identities)");
    }

    @Test void notUtf8IsSaidSo() throws Exception {
        Path f = tmp.resolve("latin1.csv");
        Files.write(f, "type,name,kind\nidentity,caf\u00e9,user\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> InventoryLoader.load(f)).isInstanceOf(ContextFileException.class).hasMessageContaining("not UTF-8");
    }
}
