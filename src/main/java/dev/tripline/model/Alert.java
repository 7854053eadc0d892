package dev.tripline.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Tripline reports: a finding with its final severity and every reason that raised it.
 * {@code events} are in time order; a detection has one, a correlation all its contributing events.
 * Serializable (with everything it holds) because a batch spills the alerts it holds for ordering to disk.
 */
public record Alert(String kind, RuleInfo rule, Severity severity, long time, String host, Account user,
                    List<String> reasons, List<String> context, List<ProcessEvent> events, String suppressedBecause,
                    int count, long firstSeen, long lastSeen) implements java.io.Serializable {
    public Alert {
        reasons = List.copyOf(reasons);
        context = List.copyOf(context);
        events = List.copyOf(events);
    }

    /**
     * A finding as an alert: severity is the highest of the rule's level and the escalations', reasons list each
     * distinct escalation ("high: why"), lowest first; context notes distinct and sorted. Tripline's engine and the
     * KJAR's REST collector both build alerts here, so they agree.
     */
    public static Alert of(Finding f, List<Escalation> raisedBy, List<String> context, String suppressedBecause) {
        Severity severity = f.getLevel();
        Map<String, Escalation> unique = new LinkedHashMap<>();
        raisedBy.stream().sorted(Comparator.comparing(Escalation::getSeverity).thenComparing(Escalation::getReason))
                .forEach(e -> unique.putIfAbsent(e.getSeverity() + e.getReason(), e));
        List<String> reasons = new ArrayList<>();
        for (Escalation e : unique.values()) {
            severity = severity.max(e.getSeverity());
            reasons.add(e.getSeverity().label() + ": " + e.getReason());
        }
        List<String> sortedContext = context.stream().distinct().sorted().toList();
        return new Alert(f.kind(), f.getRule(), severity, f.getTime(), f.getHost(), f.getActor(), reasons, sortedContext,
                f.getEvents(), suppressedBecause, 1, f.getTime(), f.getTime());
    }

    public boolean suppressed() { return suppressedBecause != null; }

    /** The same alert standing for {@code n} occurrences between {@code first} and {@code last} (deduplication). */
    public Alert merged(Severity sev, List<String> allReasons, List<String> allContext, List<ProcessEvent> allEvents, int n, long first, long last) {
        return new Alert(kind, rule, sev, time, host, user, allReasons, allContext, allEvents, suppressedBecause, n, first, last);
    }
}
