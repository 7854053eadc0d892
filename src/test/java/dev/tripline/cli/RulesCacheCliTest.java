package dev.tripline.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code correlate --sigma} with the compiled-rules cache: the second run with the same files reads the entry and
 * writes what the first wrote (alerts and stderr); a changed file is compiled again; a corrupt entry, an unwritable
 * cache folder and a turned-off cache all still run.
 */
class RulesCacheCliTest {
    @TempDir Path tmp;
    private Path sigma;
    private Path cache;
    private final Path events = Path.of("fixtures/burst-one-alert-per-burst/events.jsonl");

    @BeforeEach
    void copySigmaRules() throws Exception {
        sigma = Files.createDirectories(tmp.resolve("sigma"));
        for (String folder : List.of("duplicates", "correlations")) {
            Path from = Path.of(getClass().getResource("/sigma/" + folder).toURI());
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : files.toList()) Files.copy(f, sigma.resolve(f.getFileName()));
            }
        }
        cache = tmp.resolve("cache");
    }

    private CliRun run(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("correlate", "--dedup-window", "0s", "--sigma", sigma.toString()));
        args.addAll(List.of(extra));
        args.add(events.toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    /** stderr without the run's duration and rate, which differ from run to run */
    private static String said(CliRun run) {
        return run.err().lines().filter(l -> !l.contains("events/s")).collect(java.util.stream.Collectors.joining("\n"));
    }

    private List<Path> entries() throws Exception {
        if (!Files.isDirectory(cache)) return List.of();
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.toString().endsWith(".rules")).sorted().toList();
        }
    }

    @Test
    void theSecondRunReadsTheEntryAndWritesWhatTheFirstWrote() throws Exception {
        CliRun first = run("--rules-cache", cache.toString());
        assertThat(first.exit()).isEqualTo(ExitCodes.OK);
        assertThat(first.alertLines()).isPositive();
        assertThat(entries()).hasSize(1);
        Path entry = entries().get(0);
        // a hit touches the entry (the most recently used are kept): set it in the past to see the second run read it
        Files.setLastModifiedTime(entry, FileTime.fromMillis(0));

        CliRun second = run("--rules-cache", cache.toString());

        assertThat(second.exit()).isEqualTo(ExitCodes.OK);
        assertThat(Files.getLastModifiedTime(entry).toMillis()).as("the entry was read").isPositive();
        assertThat(entries()).containsExactly(entry);
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(said(second)).isEqualTo(said(first)).contains("loaded twice");
    }

    @Test
    void aChangedRuleFileIsCompiledAgain() throws Exception {
        CliRun first = run("--rules-cache", cache.toString());
        // the first correlation of the file (it fires on these events) at another level
        Path rule = sigma.resolve("discovery_correlations.yml");
        Files.writeString(rule, Files.readString(rule).replaceFirst("level: high", "level: low"));

        CliRun second = run("--rules-cache", cache.toString());

        assertThat(second.exit()).isEqualTo(ExitCodes.OK);
        assertThat(entries()).as("one entry per rule set").hasSize(2);
        String burst = "\"id\":\"3f0b1d7e-6a52-4c1e-9f3a-2b8d5e7c1a01\",\"title\":\"Burst of discovery commands by one user on one host\",\"level\":";
        assertThat(first.out()).contains(burst + "\"high\"");
        assertThat(second.out()).as("the edited level, from a fresh compile").contains(burst + "\"low\"").doesNotContain(burst + "\"high\"");
    }

    @Test
    void aCorruptEntryIsRebuiltAndTheRunSucceeds() throws Exception {
        CliRun fresh = run("--rules-cache", cache.toString());
        Path entry = entries().get(0);
        byte[] bytes = Files.readAllBytes(entry);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) bytes[i] ^= 0x5a;
        Files.write(entry, bytes);

        CliRun afterCorruption = run("--rules-cache", cache.toString());

        assertThat(afterCorruption.exit()).isEqualTo(ExitCodes.OK);
        assertThat(afterCorruption.out()).isEqualTo(fresh.out());
        assertThat(afterCorruption.err().lines().filter(l -> l.contains("could not be read"))).singleElement()
                .asString().contains("compiling the rules again");
        CliRun again = run("--rules-cache", cache.toString());
        assertThat(said(again)).as("the rebuilt entry reads").doesNotContain("could not be read").isEqualTo(said(fresh));
        assertThat(again.out()).isEqualTo(fresh.out());
    }

    @Test
    void withTheCacheOffNothingIsKeptAndTheRunIsTheSame() throws Exception {
        CliRun cached = run("--rules-cache", tmp.resolve("other").toString());

        CliRun off = run("--rules-cache", cache.toString(), "--no-rules-cache");

        assertThat(off.exit()).isEqualTo(ExitCodes.OK);
        assertThat(entries()).isEmpty();
        assertThat(off.out()).isEqualTo(cached.out());
        assertThat(said(off)).isEqualTo(said(cached));
    }

    @Test
    void aCacheFolderThatCannotBeWrittenIsOneLineAndTheRunSucceeds() throws Exception {
        CliRun fresh = run("--no-rules-cache");
        Path notAFolder = Files.writeString(tmp.resolve("not-a-folder"), "x");

        CliRun run = run("--rules-cache", notAFolder.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).isEqualTo(fresh.out());
        assertThat(run.err().lines().filter(l -> l.contains("not cached"))).singleElement();
    }

    @Test
    void onlyTheVerbsThatRunRulesOfferTheCacheOptions() {
        for (String verb : List.of("correlate", "watch")) {
            assertThat(CliRun.of(verb, "--help").out()).as(verb).contains("--rules-cache", "--no-rules-cache");
        }
        for (String verb : List.of("validate", "test")) {
            assertThat(CliRun.of(verb, "--help").out()).as(verb).doesNotContain("rules-cache");
            assertThat(CliRun.of(verb, "--no-rules-cache").exit()).as(verb + " --no-rules-cache").isEqualTo(ExitCodes.USAGE);
        }
    }
}
