package dev.tripline.cli;

import dev.tripline.model.Glob;
import dev.tripline.model.Severity;
import dev.tripline.output.AlertFilter;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The alert filters of {@code correlate}: they choose what is written; the rules still see every event. */
public final class AlertFilterOptions {
    @Option(names = "--min-severity", paramLabel = "LEVEL",
            description = "Write only alerts of this severity or higher: informational, low, medium, high, critical.")
    String minSeverity;

    @Option(names = "--since", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Write only alerts at or after TIME (2024-03-05T09:00:00Z, 2024-03-05 09:00, 2024-03-05; no zone = UTC).")
    Long since;

    @Option(names = "--until", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Write only alerts before TIME (same forms as --since).")
    Long until;

    @Option(names = "--host", paramLabel = "GLOB",
            description = "Write only alerts on a host matching GLOB (* and ?, case-insensitive; a correlation matches by any of its hosts). Repeatable.")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--rule", paramLabel = "ID|GLOB",
            description = "Write only alerts of rules whose id or title matches (* and ?, case-insensitive). Repeatable.")
    List<String> rules = new ArrayList<>();

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE) CommandLine.Model.CommandSpec spec;

    /** The filter; an unknown level or an empty time range is a usage error (exit 2). */
    public AlertFilter filter() {
        Optional<Severity> level = Optional.empty();
        if (minSeverity != null) {
            level = Severity.parse(minSeverity);
            if (level.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown --min-severity '" + minSeverity + "' (known: informational, low, medium, high, critical)");
        }
        if (since != null && until != null && until <= since) throw new CommandLine.ParameterException(spec.commandLine(),
                "--until must be after --since");
        return new AlertFilter(level, Optional.ofNullable(since), Optional.ofNullable(until),
                hosts.stream().map(Glob::new).toList(), rules.stream().map(Glob::new).toList());
    }
}
