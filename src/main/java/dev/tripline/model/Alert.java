package dev.tripline.model;

import java.util.List;

/**
 * What Tripline reports: a finding with its final severity and every reason that raised it.
 * {@code events} are in time order; a detection has one, a correlation all its contributing events.
 */
public record Alert(String kind, RuleInfo rule, Severity severity, long time, String host, Account user,
                    List<String> reasons, List<ProcessEvent> events) {
    public Alert {
        reasons = List.copyOf(reasons);
        events = List.copyOf(events);
    }
}
