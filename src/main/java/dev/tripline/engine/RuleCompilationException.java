package dev.tripline.engine;

import java.util.List;
import java.util.stream.Collectors;

/** The rules did not compile; every error of every file, each with its file and line. */
public final class RuleCompilationException extends Exception {
    private final List<RuleDiagnostic> diagnostics;

    public RuleCompilationException(List<RuleDiagnostic> diagnostics) {
        super(diagnostics.stream().map(RuleDiagnostic::toString).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<RuleDiagnostic> diagnostics() { return diagnostics; }
}
