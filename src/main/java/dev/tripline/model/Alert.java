package dev.tripline.model;

import java.util.List;

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

    public boolean suppressed() { return suppressedBecause != null; }

    /** The same alert standing for {@code n} occurrences between {@code first} and {@code last} (deduplication). */
    public Alert merged(Severity sev, List<String> allReasons, List<String> allContext, List<ProcessEvent> allEvents, int n, long first, long last) {
        return new Alert(kind, rule, sev, time, host, user, allReasons, allContext, allEvents, suppressedBecause, n, first, last);
    }
}
