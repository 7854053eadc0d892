package dev.tripline.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** A correlation rule tied several detections together (a burst, a spread, a sequence). */
public final class CorrelatedFinding extends Finding {
    private final List<Detection> detections;

    public CorrelatedFinding(RuleInfo rule, Collection<? extends Detection> detections) {
        this(rule, sorted(detections));
    }

    private CorrelatedFinding(RuleInfo rule, List<Detection> ordered) {
        super(rule, ordered.get(ordered.size() - 1).getTime(), ordered.get(0).getHost(), ordered.get(0).getActor());
        this.detections = ordered;
    }

    /**
     * For DRL: {@code insert(CorrelatedFinding.of(drools.getRule().getName(), drools.getRule().getMetaData(), $ds))}
     * where {@code $ds} is the accumulated detections (any collection; non-detections are ignored).
     */
    public static CorrelatedFinding of(String ruleName, Map<String, Object> meta, Collection<?> detections) {
        List<Detection> ds = new ArrayList<>();
        for (Object o : detections) if (o instanceof Detection d) ds.add(d);
        if (ds.isEmpty()) throw new IllegalArgumentException("a correlation needs at least one detection");
        return new CorrelatedFinding(info(ruleName, meta), ds);
    }

    private static List<Detection> sorted(Collection<? extends Detection> ds) {
        List<Detection> list = new ArrayList<>(new LinkedHashSet<>(ds));
        list.sort(Comparator.comparingLong(Detection::getTime)
                .thenComparing(d -> d.getSource().file()).thenComparingLong(d -> d.getSource().line())
                .thenComparingLong(d -> d.getSource().record()));
        return List.copyOf(list);
    }

    public List<Detection> getDetections() { return detections; }
    @Override public SourceRef getSource() { return detections.get(detections.size() - 1).getSource(); }
    /** The distinct events behind the detections: one event matched by two rules is listed once. */
    @Override public List<ProcessEvent> getEvents() {
        List<ProcessEvent> events = new ArrayList<>();
        for (Detection d : detections) if (events.stream().noneMatch(e -> e == d.getEvent())) events.add(d.getEvent());
        return events;
    }
    @Override public boolean ranIn(String hostKey, String logonId) {
        for (Detection d : detections) if (d.ranIn(hostKey, logonId)) return true;
        return false;
    }
    @Override public String kind() { return "correlation"; }

    @Override public String toString() { return "CorrelatedFinding[" + getRuleId() + " x" + detections.size() + "]"; }
}
