package dev.tripline.output;

import dev.tripline.model.Alert;
import dev.tripline.model.Glob;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which alerts a run writes ({@code --min-severity}, {@code --since}, {@code --until}, {@code --host},
 * {@code --rule}). It looks at finished alerts only: the rules have seen every event, so a correlation still
 * counts detections that the filter then hides. Every condition given must hold; a repeated {@code --host} or
 * {@code --rule} matches any of its patterns.
 *
 * @param since  alerts at or after this time (epoch ms), if given
 * @param until  alerts before this time (epoch ms, exclusive), if given
 * @param hosts  wildcard patterns ({@code *}, {@code ?}, case-insensitive) matched against every host of the alert
 * @param rules  wildcard patterns matched against the rule id and the rule title
 */
public record AlertFilter(Optional<Severity> minSeverity, Optional<Long> since, Optional<Long> until, List<Glob> hosts,
                          List<Glob> rules) {
    public AlertFilter {
        hosts = List.copyOf(hosts);
        rules = List.copyOf(rules);
    }

    public static AlertFilter none() {
        return new AlertFilter(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return minSeverity.isEmpty() && since.isEmpty() && until.isEmpty() && hosts.isEmpty() && rules.isEmpty();
    }

    public boolean test(Alert a) {
        if (minSeverity.isPresent() && a.severity().ordinal() < minSeverity.get().ordinal()) return false;
        if (since.isPresent() && a.time() < since.get()) return false;
        if (until.isPresent() && a.time() >= until.get()) return false;
        if (!hosts.isEmpty() && hostsOf(a).stream().noneMatch(h -> hosts.stream().anyMatch(g -> g.matches(h)))) return false;
        return rules.isEmpty() || rules.stream().anyMatch(g -> g.matches(a.rule().id()) || g.matches(a.rule().title()));
    }

    private static List<String> hostsOf(Alert a) {
        List<String> hs = new ArrayList<>();
        if (a.host() != null) hs.add(a.host());
        for (ProcessEvent e : a.events()) if (e.getHost() != null && !hs.contains(e.getHost())) hs.add(e.getHost());
        return hs;
    }
}
