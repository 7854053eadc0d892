package dev.tripline.sigma;

import dev.tripline.engine.RuleFile;
import dev.tripline.model.ProcessEvent;
import dev.tripline.sigma.runtime.SigmaPrefilter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The matcher alone, not a test: the prefilter of all converted SigmaHQ process-creation rules over the
 * regression events of the corpus, in a loop: CPU time per event and candidates per event. Run with
 * {@code java -cp target/classes:target/test-classes:<test classpath> dev.tripline.sigma.PrefilterBenchmark}
 * or {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.tripline.sigma.PrefilterBenchmark}.
 */
public final class PrefilterBenchmark {
    private static final Pattern PREFILTER = Pattern.compile("^    @prefilter\\( (\".*\") \\)$", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("^rule (\".*\")$", Pattern.MULTILINE);

    public static void main(String[] args) throws Exception {
        ConversionResult r = SigmaConverter.defaults().convertDirectory(SigmaTestSupport.corpus());
        Map<String, String> requirements = new LinkedHashMap<>();
        for (RuleFile f : r.files()) {
            Matcher p = PREFILTER.matcher(f.content()), n = NAME.matcher(f.content());
            if (p.find() && n.find()) requirements.put(n.group(1), SigmaPrefilterAccess.text(p.group(1)));
        }
        long t0 = System.nanoTime();
        SigmaPrefilter prefilter = SigmaPrefilter.build("tripline.sigma", requirements);
        double buildMs = (System.nanoTime() - t0) / 1e6;
        List<ProcessEvent> events = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(SigmaTestSupport.regression())) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> jsons = Files.list(dir)) {
                    for (Path j : jsons.filter(x -> x.toString().endsWith(".json")).sorted().toList()) events.addAll(SigmaTestSupport.events(j));
                }
            }
        }
        long candidates = 0;
        for (int warm = 0; warm < 200; warm++) for (ProcessEvent e : events) candidates += prefilter.candidates(e).size();
        int rounds = 2000;
        candidates = 0;
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        t0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < rounds; i++) for (ProcessEvent e : events) candidates += prefilter.candidates(e).size();
        double ns = (threads.getCurrentThreadCpuTime() - t0) / (double) rounds / events.size(); // CPU time: steady on a busy machine
        System.out.printf(Locale.ROOT, "%d rules prefiltered, automata built in %.0f ms; %d regression events: %.0f ns of CPU per event (%,.0f events per CPU-s), %.2f candidates per event%n",
                prefilter.prefiltered().size(), buildMs, events.size(), ns, 1e9 / ns, candidates / (double) rounds / events.size());
    }

    /** The DRL literal of an annotation as its value. */
    static final class SigmaPrefilterAccess {
        static String text(String drlLiteral) {
            // The generated DRL literal escapes only \\, \", \n, \r, \t and \\uXXXX: undo them.
            StringBuilder b = new StringBuilder();
            String s = drlLiteral.substring(1, drlLiteral.length() - 1);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != '\\') { b.append(c); continue; }
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> { b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16)); i += 4; }
                    default -> b.append(n);
                }
            }
            return b.toString();
        }
    }
}
