package dev.tripline.sigma;

import dev.tripline.engine.RuleFile;
import dev.tripline.ingest.Ingest;
import dev.tripline.ingest.IngestListener;
import dev.tripline.ingest.IngestOptions;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import dev.tripline.sigma.runtime.SigmaCandidate;
import dev.tripline.sigma.runtime.SigmaPrefilter;
import dev.tripline.testing.SharedData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * JMH, not a test: the Sigma prefilter's matcher ({@link SigmaPrefilter#candidates}: one Aho–Corasick pass per
 * folded field, then the rules whose every clause is met) over the real process events of the shared datasets,
 * with the {@code @prefilter} literals of the first 1, 10, 100 or all converted SigmaHQ process-creation rules
 * (file-name order, as bench/rulecount.sh). One operation is one event, taken in turn. {@code foldedFields} is
 * the part of it that only reads the event's folded values. Run with {@code bench/prefilter-jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class PrefilterJmh {
    private static final Pattern PREFILTER = Pattern.compile("^    @prefilter\\( (\".*\") \\)$", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("^rule (\".*\")$", Pattern.MULTILINE);

    @Param({"1", "10", "100", "all"})
    public String rules;

    private SigmaPrefilter prefilter;
    private ProcessEvent[] events;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path corpus = SharedData.require("sigma").resolve("rules/windows/process_creation");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        if (!rules.equals("all")) files = files.subList(0, Integer.parseInt(rules));
        Map<String, String> sources = new LinkedHashMap<>();
        for (Path p : files) sources.put(p.getFileName().toString(), Files.readString(p));
        ConversionResult r = SigmaConverter.defaults().convert(sources);
        Map<String, String> requirements = new LinkedHashMap<>();
        for (RuleFile f : r.files()) {
            Matcher p = PREFILTER.matcher(f.content()), n = NAME.matcher(f.content());
            if (p.find() && n.find()) requirements.put(unquote(n.group(1)), unquote(p.group(1)));
        }
        prefilter = SigmaPrefilter.build("tripline.sigma", requirements);

        List<String> inputs;
        try (Stream<Path> s = Files.list(SharedData.require("datasets"))) {
            inputs = s.filter(p -> p.toString().endsWith(".jsonl.gz")).sorted().map(Path::toString).toList();
        }
        List<ProcessEvent> read = new ArrayList<>();
        Ingest.read(inputs, Optional.empty(), IngestOptions.defaults(), new IngestListener() {
            @Override public void onFact(TimedFact fact) { if (fact instanceof ProcessEvent e) read.add(e); }
            @Override public void onSkipped(SourceRef source, String reason) {}
            @Override public void onRejected(SourceRef source, String reason, String detail) {}
        });
        events = read.toArray(new ProcessEvent[0]);
        long candidates = 0;
        for (ProcessEvent e : events) candidates += prefilter.candidates(e).size();
        System.out.printf("%n%d rules prefiltered, %d events, %.2f candidates per event%n",
                prefilter.prefiltered().size(), events.length, candidates / (double) events.length);
    }

    private ProcessEvent nextEvent() {
        ProcessEvent e = events[next];
        next = next + 1 == events.length ? 0 : next + 1;
        return e;
    }

    @Benchmark
    public List<SigmaCandidate> candidates() {
        return prefilter.candidates(nextEvent());
    }

    @Benchmark
    public void foldedFields(Blackhole bh) {
        ProcessEvent e = nextEvent();
        bh.consume(e.getImageLower());
        bh.consume(e.getOriginalFileNameLower());
        bh.consume(e.getCommandLineLower());
        bh.consume(e.getParentImageLower());
        bh.consume(e.getParentCommandLineLower());
        bh.consume(e.getUserLower());
        bh.consume(e.getIntegrityLevelLower());
        bh.consume(e.getLogonIdLower());
        bh.consume(e.getCurrentDirectoryLower());
        bh.consume(e.getHashesLower());
        bh.consume(e.getDescriptionLower());
        bh.consume(e.getProductLower());
        bh.consume(e.getCompanyLower());
        bh.consume(e.getFileVersionLower());
        bh.consume(e.getParentUserLower());
    }

    /** A DRL string literal's value. */
    private static String unquote(String literal) { return PrefilterBenchmark.SigmaPrefilterAccess.text(literal); }
}
