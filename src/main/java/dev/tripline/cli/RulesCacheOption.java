package dev.tripline.cli;

import dev.tripline.engine.RulesCache;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code --rules-cache DIR} and {@code --no-rules-cache}, for the verbs that run rules ({@code correlate},
 * {@code watch}); {@code validate} and {@code test} always compile what they check, so they do not offer them.
 */
public final class RulesCacheOption {
    @Option(names = "--rules-cache", paramLabel = "DIR",
            description = "Where compiled --rules/--sigma rule sets are kept for the next run with the same files (default: "
                    + "$TRIPLINE_RULES_CACHE, else $XDG_CACHE_HOME/tripline/rules, else ~/.cache/tripline/rules; "
                    + "TRIPLINE_RULES_CACHE=off turns it off).")
    Path cacheDir;

    @Option(names = "--no-rules-cache", description = "Compile the rules given with --rules/--sigma even when an earlier run compiled the same files, and keep nothing.")
    boolean noCache;

    /** The cache for --rules/--sigma rule sets, unless turned off. */
    Optional<RulesCache> open(PrintWriter err) {
        if (noCache) return Optional.empty();
        Optional<Path> dir = cacheDir != null ? Optional.of(cacheDir) : RulesCache.defaultDirectory(System.getenv());
        return dir.map(d -> RulesCache.in(d, err::println));
    }
}
