package dev.tripline.sigma;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.CorrelationSession;
import dev.tripline.engine.RuleFile;
import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The SigmaHQ process-creation corpus as the test: conversion rate, one KieBase, regression data, cross-fires. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusTest {
    private ConversionResult result;
    private CompiledRules compiled;
    private final Map<String, Integer> expected = new TreeMap<>();
    private final Map<String, List<ProcessEvent>> eventsByRule = new TreeMap<>();

    @BeforeAll
    void convertAndCompile() throws Exception {
        Path corpus = SigmaTestSupport.corpus();
        long t0 = System.nanoTime();
        result = SigmaConverter.defaults().convertDirectory(corpus);
        long t1 = System.nanoTime();
        List<RuleFile> files = new ArrayList<>(result.files());
        files.add(SigmaTestSupport.lifetimes());
        compiled = SigmaTestSupport.compile("sigma corpus", files);
        long t2 = System.nanoTime();
        System.out.printf("corpus: %d rules converted, %d rejected; conversion %d ms, KieBase build %d ms%n",
                result.files().size(), result.rejections().size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        System.out.println("rejections by reason: " + result.rejectionCounts());
        result.rejections().forEach(r -> System.out.println("  rejected: " + r));

        try (Stream<Path> dirs = Files.list(SigmaTestSupport.regression())) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Map<?, ?> info = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(dir.resolve("info.yml")));
                String id = String.valueOf(((Map<?, ?>) ((List<?>) info.get("rule_metadata")).get(0)).get("id"));
                // 8 folders give no match_count: SigmaHQ's regression runner then expects one match.
                Object mc = ((Map<?, ?>) ((List<?>) info.get("regression_tests_info")).get(0)).get("match_count");
                int count = mc == null ? 1 : ((Number) mc).intValue();
                expected.put(id, count);
                List<ProcessEvent> evs = new ArrayList<>();
                try (Stream<Path> jsons = Files.list(dir)) {
                    for (Path j : jsons.filter(p -> p.toString().endsWith(".json")).sorted().toList()) evs.addAll(SigmaTestSupport.events(j));
                }
                eventsByRule.put(id, evs);
            }
        }
    }

    @Test
    void atLeast99PercentOfTheCorpusConvertsAndCompilesInOneKieBase() {
        int total = result.files().size() + result.rejections().size();
        assertThat(total).isEqualTo(1183);
        assertThat(compiled.rules()).hasSizeGreaterThanOrEqualTo(result.files().size());
        assertThat(result.files().size() * 100.0 / total).isGreaterThanOrEqualTo(99.0);
        // Every rejection says why, with its file.
        assertThat(result.rejections()).allSatisfy(r -> {
            assertThat(r.file()).isNotBlank();
            assertThat(r.reason()).isNotBlank();
        });
    }

    /** Rule id → detections per regression folder, each folder replayed in its own session. */
    private Map<String, Map<String, Integer>> replayAll() {
        Map<String, Map<String, Integer>> firesByFolder = new TreeMap<>();
        for (var e : eventsByRule.entrySet()) {
            Map<String, Integer> fires = new TreeMap<>();
            try (CorrelationSession s = CorrelationSession.replay(compiled)) {
                List<Alert> alerts = new ArrayList<>();
                for (ProcessEvent ev : e.getValue()) alerts.addAll(s.accept(ev));
                alerts.addAll(s.finish());
                for (Alert a : alerts) if (a.kind().equals("detection")) fires.merge(a.rule().id(), 1, Integer::sum);
            }
            firesByFolder.put(e.getKey(), fires);
        }
        return firesByFolder;
    }

    @Test
    void eachRuleFiresExactlyMatchCountOnItsRegressionEventsAndCrossFiresAreTheKnownSet() {
        assertThat(expected).hasSize(68);
        Map<String, Map<String, Integer>> fires = replayAll();
        List<String> mismatches = new ArrayList<>();
        TreeSet<String> crossFires = new TreeSet<>();
        for (var e : expected.entrySet()) {
            int got = fires.get(e.getKey()).getOrDefault(e.getKey(), 0);
            if (got != e.getValue()) mismatches.add(e.getKey() + ": expected " + e.getValue() + ", fired " + got);
            fires.get(e.getKey()).forEach((rule, n) -> { if (!rule.equals(e.getKey())) crossFires.add(e.getKey() + " data -> " + rule + " x" + n); });
        }
        System.out.println("regression mismatches: " + mismatches);
        System.out.println("cross-fires (" + crossFires.size() + "):");
        crossFires.forEach(c -> System.out.println("  " + c));
        assertThat(mismatches).isEmpty();
        assertThat(crossFires).containsExactlyInAnyOrderElementsOf(KnownCrossFires.EXPECTED);
    }

    /**
     * The same regression folders read from their .evtx through the real ingest layer (native reader, shape
     * detection, the Sysmon normalizer): each rule fires exactly its match_count there too.
     */
    @Test
    void eachRuleFiresExactlyMatchCountOnItsRegressionEvtx() throws Exception {
        List<String> mismatches = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(SigmaTestSupport.regression())) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String id = null;
                List<ProcessEvent> evs = new ArrayList<>();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path evtx : files.filter(p -> p.toString().endsWith(".evtx")).sorted().toList()) {
                        id = evtx.getFileName().toString().replace(".evtx", "");
                        evs.addAll(SigmaTestSupport.evtxEvents(evtx));
                    }
                }
                assertThat(evs).as(dir.toString()).isNotEmpty().allSatisfy(e -> assertThat(e.getSource().hasRecord()).isTrue());
                int fired = 0;
                try (CorrelationSession s = CorrelationSession.replay(compiled)) {
                    List<Alert> alerts = new ArrayList<>();
                    for (ProcessEvent ev : evs) alerts.addAll(s.accept(ev));
                    alerts.addAll(s.finish());
                    for (Alert a : alerts) if (a.kind().equals("detection") && a.rule().id().equals(id)) fired++;
                }
                if (fired != expected.get(id)) mismatches.add(id + ": expected " + expected.get(id) + ", fired " + fired);
            }
        }
        assertThat(expected).hasSize(68);
        assertThat(mismatches).isEmpty();
    }
}
