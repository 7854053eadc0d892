package dev.tripline.sigma;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.CorrelationSession;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleFile;
import dev.tripline.engine.RuleSource;
import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import dev.tripline.output.AlertSink;
import dev.tripline.pipeline.BatchRun;
import dev.tripline.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prefilter changes nothing but speed: the whole SigmaHQ process-creation corpus, converted with and without
 * it, each beside the engine's own rules (events, context, escalation, correlation; the bundled detections are
 * left out as in {@code correlate --sigma}), gives the same alerts, field for field, on every event of the
 * shared datasets (all 6,892 records of the five files) and on every regression folder of the corpus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrefilterEquivalenceTest {
    private CompiledRules prefiltered;
    private CompiledRules plain;
    private ConversionResult converted;

    @BeforeAll
    void compileBothWays() throws Exception {
        Path corpus = SigmaTestSupport.corpus();
        converted = SigmaConverter.defaults().convertDirectory(corpus);
        ConversionResult unfiltered = SigmaConverter.defaults().withPrefilter(false).convertDirectory(corpus);
        assertThat(unfiltered.files()).hasSameSizeAs(converted.files());
        assertThat(unfiltered.support()).isEmpty();
        RuleSource engine = engineRules();
        prefiltered = RuleCompiler.compile(SigmaConverter.merge(engine, converted));
        plain = RuleCompiler.compile(SigmaConverter.merge(engine, unfiltered));
    }

    private static RuleSource engineRules() throws Exception {
        List<RuleFile> files = new ArrayList<>();
        for (RuleFile f : RuleSource.directory(SigmaTestSupport.rulesDrl()).files()) {
            if (!f.relativePath().startsWith("tripline/detection/")) files.add(f);
        }
        return RuleSource.of("engine rules", files);
    }

    @Test
    void almostEveryConvertedRuleIsPrefiltered() {
        long withPrefilter = converted.files().stream().filter(f -> f.content().contains("@prefilter(")).count();
        System.out.printf("prefiltered: %d of %d converted rules%n", withPrefilter, converted.files().size());
        assertThat(converted.support()).singleElement().satisfies(f -> assertThat(f.relativePath()).isEqualTo("tripline/sigma/sigma_prefilter.drl"));
        assertThat(withPrefilter * 100.0 / converted.files().size()).isGreaterThanOrEqualTo(95.0);
    }

    @Test
    void theSharedDatasetsGiveTheSameAlertsWithAndWithoutThePrefilter() throws Exception {
        Path datasets = SharedData.require("datasets");
        List<String> inputs;
        try (Stream<Path> files = Files.list(datasets)) {
            inputs = files.filter(p -> p.toString().endsWith(".jsonl.gz")).sorted().map(Path::toString).toList();
        }
        List<String> fast = run(prefiltered, inputs), slow = run(plain, inputs);
        System.out.printf("shared datasets: %d alerts either way%n", slow.size());
        assertThat(slow).as("the datasets raise Sigma alerts at all").hasSizeGreaterThan(50);
        assertThat(fast).containsExactlyElementsOf(slow);
    }

    @Test
    void everyRegressionFolderGivesTheSameAlertsWithAndWithoutThePrefilter() throws Exception {
        Map<String, List<String>> fast = new TreeMap<>(), slow = new TreeMap<>();
        int folders = 0;
        try (Stream<Path> dirs = Files.list(SigmaTestSupport.regression())) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<ProcessEvent> events = new ArrayList<>();
                try (Stream<Path> jsons = Files.list(dir)) {
                    for (Path j : jsons.filter(p -> p.toString().endsWith(".json")).sorted().toList()) events.addAll(SigmaTestSupport.events(j));
                }
                fast.put(dir.getFileName().toString(), replay(prefiltered, events));
                slow.put(dir.getFileName().toString(), replay(plain, events));
                folders++;
            }
        }
        assertThat(folders).isEqualTo(68);
        assertThat(slow.values().stream().mapToInt(List::size).sum()).isGreaterThanOrEqualTo(68);
        assertThat(fast).isEqualTo(slow);
    }

    private static List<String> run(CompiledRules rules, List<String> inputs) {
        List<String> out = new ArrayList<>();
        AlertSink collect = new AlertSink() {
            @Override public void write(Alert a) { out.add(describe(a)); }
            @Override public void close() {}
        };
        BatchRun.run(rules, inputs, BatchRun.Options.defaults(), collect);
        out.sort(null);
        return out;
    }

    private static List<String> replay(CompiledRules rules, List<ProcessEvent> events) {
        List<String> out = new ArrayList<>();
        try (CorrelationSession s = CorrelationSession.replay(rules)) {
            for (ProcessEvent e : events) s.accept(e).forEach(a -> out.add(describe(a)));
            s.finish().forEach(a -> out.add(describe(a)));
        }
        out.sort(null);
        return out;
    }

    /** Everything an alert says, with its events by source record. */
    private static String describe(Alert a) {
        return String.join(" | ", a.kind(), a.rule().id(), a.rule().name(), String.valueOf(a.severity()), String.valueOf(a.time()),
                String.valueOf(a.host()), String.valueOf(a.user()), String.valueOf(a.reasons()), String.valueOf(a.context()),
                String.valueOf(a.events().stream().map(e -> String.valueOf(e.getSource())).toList()), String.valueOf(a.suppressedBecause()),
                String.valueOf(a.count()), String.valueOf(a.firstSeen()), String.valueOf(a.lastSeen()));
    }
}
