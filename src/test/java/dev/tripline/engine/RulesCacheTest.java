package dev.tripline.engine;

import dev.tripline.scenario.Scenario;
import dev.tripline.scenario.ScenarioResult;
import dev.tripline.scenario.ScenarioRunner;
import dev.tripline.sigma.ConversionResult;
import dev.tripline.sigma.SigmaConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled-rules cache: an entry read back is the same rule set as a fresh compile (every fixture scenario gives
 * the same alerts), any changed input is another key, and an unreadable entry or an unwritable folder costs a note,
 * never the run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesCacheTest {
    private RuleSource source;
    private CompiledRules compiled;
    private Path sigmaDir;

    @TempDir Path tmp;

    @BeforeAll
    void compile(@TempDir Path sigmaCopy) throws Exception {
        // The bundled rules plus Sigma rules: a detection whose @id the bundled pack also has (a duplicate, so the
        // entry must carry it) and the example correlations over the discovery rules.
        sigmaDir = sigmaCopy;
        for (String folder : List.of("duplicates", "correlations")) {
            Path from = Path.of(getClass().getResource("/sigma/" + folder).toURI());
            try (var files = Files.list(from)) {
                for (Path f : files.toList()) Files.copy(f, sigmaDir.resolve(f.getFileName()));
            }
        }
        ConversionResult converted = SigmaConverter.defaults().convert(sigmaDir);
        assertThat(converted.files()).isNotEmpty();
        source = SigmaConverter.merge(RuleSource.bundled(), converted);
        compiled = RuleCompiler.compile(source);
        assertThat(compiled.duplicates()).as("the training rules include a duplicate id").isNotEmpty();
    }

    private RulesCache.Key key() throws Exception {
        return RulesCache.Key.start().source(RuleSource.bundled()).sigmaPath(sigmaDir);
    }

    @Test
    void anEntryReadBackGivesEveryFixtureScenarioTheSameAlertsAsAFreshCompile() throws Exception {
        List<String> notes = new ArrayList<>();
        RulesCache cache = RulesCache.in(tmp.resolve("cache"), notes::add);
        cache.store(key(), compiled, List.of("sigma rule not converted: example"), source.dataFiles());

        RulesCache.Entry hit = cache.load(key()).orElseThrow();

        assertThat(notes).isEmpty();
        assertThat(hit.notes()).containsExactly("sigma rule not converted: example");
        CompiledRules cached = hit.rules();
        assertThat(cached.description()).isEqualTo(compiled.description());
        assertThat(cached.duplicates()).isEqualTo(compiled.duplicates());
        assertThat(cached.warnings()).isEqualTo(compiled.warnings());
        assertThat(cached.contextFacts()).hasSameSizeAs(compiled.contextFacts()).isNotEmpty();
        assertThat(cached.rules()).extracting(r -> r.getPackageName() + "/" + r.getName())
                .containsExactlyInAnyOrderElementsOf(compiled.rules().stream().map(r -> r.getPackageName() + "/" + r.getName()).toList());
        List<Scenario> scenarios = Scenario.all(Path.of("fixtures"));
        assertThat(scenarios).isNotEmpty();
        int alerts = 0;
        for (Scenario s : scenarios) {
            ScenarioResult fresh = ScenarioRunner.run(compiled, s);
            ScenarioResult fromCache = ScenarioRunner.run(cached, s);
            assertThat(fromCache.actual()).as(s.name()).isEqualTo(fresh.actual());
            alerts += fresh.actual().size();
        }
        assertThat(alerts).as("the scenarios raise alerts to compare").isPositive();
    }

    @Test
    void aChangedRuleFileIsAnotherKeyAndMissesTheCache() throws Exception {
        RulesCache cache = RulesCache.in(tmp.resolve("cache"), n -> {});
        cache.store(key(), compiled, List.of(), source.dataFiles());
        String before = key().hex();
        Path copy = tmp.resolve("sigma-edited");
        Files.createDirectories(copy);
        try (var files = Files.list(sigmaDir)) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        RulesCache.Key sameFilesElsewhere = RulesCache.Key.start().source(RuleSource.bundled()).sigmaPath(copy);
        Path one = copy.resolve("whoami_groups_copy.yml");
        Files.writeString(one, Files.readString(one).replace("level: ", "level:  "));
        RulesCache.Key edited = RulesCache.Key.start().source(RuleSource.bundled()).sigmaPath(copy);
        RulesCache.Key otherBase = RulesCache.Key.start().source(RuleSource.bundled().without(f -> f.relativePath().endsWith("discovery_spread.drl")))
                .sigmaPath(sigmaDir);

        assertThat(key().hex()).as("the same files, the same key").isEqualTo(before);
        assertThat(edited.hex()).isNotEqualTo(sameFilesElsewhere.hex()).isNotEqualTo(before);
        assertThat(otherBase.hex()).isNotEqualTo(before);
        assertThat(cache.load(edited)).isEmpty();
        assertThat(cache.load(otherBase)).isEmpty();
        assertThat(cache.load(key())).isPresent();
    }

    @Test
    void aCorruptEntryIsNotedIgnoredAndRebuilt() throws Exception {
        List<String> notes = new ArrayList<>();
        Path dir = tmp.resolve("cache");
        RulesCache cache = RulesCache.in(dir, notes::add);
        cache.store(key(), compiled, List.of(), source.dataFiles());
        Path entry = dir.resolve(key().hex() + ".rules");
        byte[] bytes = Files.readAllBytes(entry);
        // cut in the middle of the packages: a crash or a full disk while it was written by hand, say
        Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        Optional<RulesCache.Entry> loaded = cache.load(key());

        assertThat(loaded).isEmpty();
        assertThat(notes).singleElement().asString().contains("could not be read").contains("compiling the rules again");
        assertThat(entry).doesNotExist();
        cache.store(key(), compiled, List.of(), source.dataFiles());
        assertThat(cache.load(key())).isPresent();
        assertThat(notes).hasSize(1);

        Files.write(entry, "not a cache entry".getBytes());
        assertThat(cache.load(key())).isEmpty();
        assertThat(notes).hasSize(2);
    }

    @Test
    void anEntryOfAnotherKeyIsNotUsed() throws Exception {
        List<String> notes = new ArrayList<>();
        Path dir = tmp.resolve("cache");
        RulesCache cache = RulesCache.in(dir, notes::add);
        RulesCache.Key other = RulesCache.Key.start().text("another rule set");
        cache.store(other, compiled, List.of(), source.dataFiles());
        // an entry renamed (or copied) under the wrong key says whose it is inside
        Files.move(dir.resolve(other.hex() + ".rules"), dir.resolve(key().hex() + ".rules"));

        assertThat(cache.load(key())).isEmpty();
        assertThat(notes).singleElement().asString().contains("written for other rules");
    }

    @Test
    void aFolderThatCannotBeWrittenIsSaidOnceAndNothingFails() throws Exception {
        List<String> notes = new ArrayList<>();
        Path notADirectory = Files.writeString(tmp.resolve("a-file"), "x");
        RulesCache cache = RulesCache.in(notADirectory, notes::add);

        cache.store(key(), compiled, List.of(), source.dataFiles());
        cache.store(key(), compiled, List.of(), source.dataFiles());

        assertThat(notes).singleElement().asString().contains("not cached").contains("the run goes on");
        assertThat(cache.load(key())).isEmpty();
    }

    @Test
    void onlyTheMostRecentlyUsedEntriesAreKept() throws Exception {
        Path dir = tmp.resolve("cache");
        RulesCache cache = RulesCache.in(dir, n -> {});
        CompiledRules small = RuleCompiler.compile(RuleSource.of("one rule", List.of(new RuleFile("a.drl", "tripline/a.drl",
                "package tripline\nrule \"nothing\" when eval(false) then end\n"))));
        for (int i = 0; i < RulesCache.KEEP + 2; i++) {
            cache.store(RulesCache.Key.start().text("set " + i), small, List.of(), List.of());
            Thread.sleep(20); // distinct modification times
        }
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".rules")).count()).isEqualTo(RulesCache.KEEP);
        }
        assertThat(cache.load(RulesCache.Key.start().text("set " + (RulesCache.KEEP + 1)))).isPresent();
        assertThat(Files.exists(dir.resolve(RulesCache.Key.start().text("set 0").hex() + ".rules"))).isFalse();
    }

    @Test
    void theDefaultFolderFollowsTheEnvironment() {
        assertThat(RulesCache.defaultDirectory(Map.of("TRIPLINE_RULES_CACHE", "/x/rules"), null)).contains(Path.of("/x/rules"));
        assertThat(RulesCache.defaultDirectory(Map.of("TRIPLINE_RULES_CACHE", "off"), null)).isEmpty();
        assertThat(RulesCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "/c"), null)).contains(Path.of("/c", "tripline", "rules"));
        assertThat(RulesCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "relative"), null))
                .contains(Path.of(System.getProperty("user.home"), ".cache", "tripline", "rules"));
        assertThat(RulesCache.defaultDirectory(Map.of("TRIPLINE_RULES_CACHE", "/x"), "off")).isEmpty();
    }
}
