package dev.tripline.bench;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.CorrelationSession;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.engine.StateLimit;
import dev.tripline.ingest.Ingest;
import dev.tripline.ingest.IngestListener;
import dev.tripline.ingest.IngestOptions;
import dev.tripline.model.CommandTally;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.*;

/**
 * A probe, not a test (surefire does not pick it up by name): 8.3 h of the soak stream straight into one session,
 * with a weak reference to every CommandTally made, then how many are still reachable but not in working memory,
 * by state and by the rule that deleted them. Before the burst and spread rules got their second pattern it found
 * 1,598 of 5,894 kept after they left working memory, parked in the burst rule's fired matches
 * (DroolsAlphaTerminalTest); now it finds none. See README, Benchmark (soak).
 */
class SoakLeakProbe {
    @Test void probe() throws Exception {
        CompiledRules rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
        CorrelationSession s = CorrelationSession.replay(rules, List.of(), StateLimit.of(1_000_000));
        var m = CorrelationSession.class.getDeclaredMethod("kieSession"); m.setAccessible(true);
        KieSession ks = (KieSession) m.invoke(s);
        List<WeakReference<CommandTally>> made = new ArrayList<>();
        Map<Object, String> how = Collections.synchronizedMap(new WeakHashMap<>());
        ks.addEventListener(new org.kie.api.event.rule.DefaultRuleRuntimeEventListener() {
            @Override public void objectInserted(org.kie.api.event.rule.ObjectInsertedEvent e) { if (e.getObject() instanceof CommandTally t) made.add(new WeakReference<>(t)); }
            @Override public void objectDeleted(org.kie.api.event.rule.ObjectDeletedEvent e) {
                if (e.getOldObject() instanceof CommandTally t) how.put(t, e.getRule() == null ? "engine" : e.getRule().getName());
            }
        });
        SoakEvents stream = new SoakEvents(1_500_000, 20, 400, 15, 16, h -> {});
        Ingest.read(List.of("-"), Optional.empty(), IngestOptions.defaults(), new IngestListener() {
            @Override public void onFact(TimedFact fact) { s.accept(fact); }
            @Override public void onSkipped(SourceRef source, String reason) {}
            @Override public void onRejected(SourceRef source, String reason, String detail) {}
        }, stream);
        System.gc(); Thread.sleep(200); System.gc();
        Set<Object> inWm = Collections.newSetFromMap(new IdentityHashMap<>());
        inWm.addAll(ks.getObjects(o -> o instanceof CommandTally));
        Map<String, Integer> stats = new TreeMap<>();
        long now = s.clockMillis();
        for (var w : made) {
            CommandTally t = w.get();
            if (t == null || inWm.contains(t)) continue;
            String k = "open=" + t.isOpen() + " distinct=" + t.getDistinct() + " quiet=" + t.quietAt(now) + " deletedBy=" + how.get(t);
            stats.merge(k, 1, Integer::sum);
        }
        System.out.println("PROBE made=" + made.size() + " inWM=" + inWm.size() + " leaked=" + stats);
        s.close();
        afterDispose = made;
    }

    private static List<WeakReference<CommandTally>> afterDispose;

    @org.junit.jupiter.api.AfterAll static void afterTheSessionIsGone() throws Exception {
        System.gc(); Thread.sleep(200); System.gc();
        System.out.println("PROBE after the session is disposed and unreachable: " + afterDispose.stream().filter(w -> w.get() != null).count() + " still reachable");
    }
}
