package dev.tripline.cli;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompilationException;
import dev.tripline.engine.RuleDiagnostic;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.PrebuiltRules;
import dev.tripline.engine.RuleIdentity;
import dev.tripline.engine.RuleSource;
import dev.tripline.engine.RuleValidation;
import dev.tripline.engine.RulesCache;
import dev.tripline.output.TerminalText;
import dev.tripline.sigma.ConversionResult;
import dev.tripline.sigma.SigmaConverter;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** {@code --rules DIR}, shared by every verb that loads rules; without it, the rules bundled in the jar. */
public final class RulesOption {
    /** The folder {@code new-rule} writes to, and {@code validate} and {@code test} check when it exists. */
    static final Path WORKING_RULES = Path.of("rules-drl");

    @Option(names = {"-r", "--rules"}, paramLabel = "DIR",
            description = "Folder of .drl rules and their .yaml data lists (default: the rules bundled with Tripline).")
    Path rulesDir;

    @Option(names = "--sigma", paramLabel = "RULE",
            description = "Also run these Sigma rules (files or folders), converted to DRL in memory. Repeatable.")
    List<Path> sigma = new ArrayList<>();

    /**
     * For {@code main}, before the command line is parsed: when {@code args} are a {@code correlate} or {@code watch}
     * with the bundled rules (no rules option given), starts reading the prebuilt base while the command line is
     * built and parsed. A guess from the raw arguments: when it is wrong the base is read and not used, never used
     * when the parsed options say otherwise (see {@link #compileOrReport}).
     */
    public static void prefetchFor(String[] args) {
        if (args.length == 0 || !(args[0].equals("correlate") || args[0].equals("watch"))) return;
        if ("false".equals(System.getProperty("tripline.prefetch"))) return; // for measuring what it saves (bench/startup.sh)
        for (String a : args) {
            if (a.equals("--")) break;
            if (a.startsWith("--rules") || a.startsWith("--sigma") || a.startsWith("--kie") || (a.startsWith("-r") && !a.startsWith("--"))
                    || a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) return;
        }
        PrebuiltRules.prefetchBundled();
    }

    /** Display paths of the files converted from --sigma: a compile error in one of them leaves only that rule out. */
    private final Set<String> converted = new HashSet<>();

    /** The DRL rules, plus any --sigma rules converted in memory (rejections go to {@code rejected}). */
    public RuleSource source(Consumer<String> rejected) throws IOException {
        return withSigma(rulesDir == null ? RuleSource.bundled() : RuleSource.directory(rulesDir), rejected);
    }

    /**
     * For {@code validate} and {@code test}: without --rules, the working folder's ./rules-drl when there is one
     * (where {@code new-rule} writes), so a rule being written is the rule checked; else the bundled rules.
     */
    public RuleSource sourceForChecks(Consumer<String> rejected) throws IOException {
        if (rulesDir == null && Files.isDirectory(WORKING_RULES)) return withSigma(RuleSource.directory(WORKING_RULES), rejected);
        return source(rejected);
    }

    private RuleSource withSigma(RuleSource base, Consumer<String> rejected) throws IOException {
        for (Path p : sigma) {
            ConversionResult result = SigmaConverter.defaults().convert(p);
            result.rejections().forEach(r -> rejected.accept("sigma rule not converted: " + TerminalText.escape(r.toString())));
            result.files().forEach(f -> converted.add(f.displayPath()));
            base = SigmaConverter.merge(base, result);
        }
        return base;
    }

    public RuleSource source() throws IOException {
        return source(r -> {});
    }

    public CompiledRules compile(Consumer<String> rejected) throws IOException, RuleCompilationException {
        return compile(source(rejected), rejected);
    }

    /**
     * Compiles {@code source}. A converted Sigma rule that does not compile is left out with its reason and the
     * rest runs; any other error is reported as {@code validate} reports it (a typo in one file is one error,
     * not also "Unable to resolve ObjectType" in the files compiled with it).
     */
    CompiledRules compile(RuleSource source, Consumer<String> rejected) throws RuleCompilationException {
        // The bundled rules as compiled at package time, when these are exactly the files it was made from.
        Optional<CompiledRules> prebuilt = sigma.isEmpty() ? PrebuiltRules.load(source) : Optional.empty();
        if (prebuilt.isPresent()) return prebuilt.get();
        try {
            return RuleCompiler.compile(source);
        } catch (RuleCompilationException e) {
            Map<String, String> badSigma = new LinkedHashMap<>();
            boolean otherErrors = false;
            for (RuleDiagnostic d : e.diagnostics()) {
                if (d.level() != RuleDiagnostic.Level.ERROR) continue;
                if (converted.contains(d.path())) badSigma.putIfAbsent(d.path(), d.message());
                else otherErrors = true;
            }
            if (otherErrors || badSigma.isEmpty()) throw sameAsValidate(source, e);
            badSigma.forEach((path, why) -> rejected.accept("sigma rule not converted: " + TerminalText.escape(path)
                    + ": does not compile: " + TerminalText.escape(why)));
            RuleSource rest = source.without(f -> badSigma.containsKey(f.displayPath()));
            try {
                return RuleCompiler.compile(rest);
            } catch (RuleCompilationException again) {
                throw sameAsValidate(rest, again);
            }
        }
    }

    /** The compile errors {@code validate} would print for {@code source}. */
    static RuleCompilationException sameAsValidate(RuleSource source, RuleCompilationException e) {
        List<RuleDiagnostic> errors = RuleValidation.validate(source).compileErrors();
        return errors.isEmpty() ? e : new RuleCompilationException(errors);
    }

    /**
     * Compiles for a verb that runs the rules: every problem goes to {@code err} as {@code file:line: …}, and an
     * empty result means the verb should exit with {@link ExitCodes#RULES_INVALID}. A --sigma path that does not
     * exist is one line and {@link ExitCodes#USAGE}, thrown as {@link BadRulesPath}.
     */
    public Optional<CompiledRules> compileOrReport(PrintWriter err, RulesCacheOption cacheOption) {
        if (rulesDir == null && sigma.isEmpty()) {
            // The bundled rules as compiled at package time, read from the jar without reading the DRL again.
            Optional<CompiledRules> prebuilt = PrebuiltRules.loadBundled();
            if (prebuilt.isPresent()) return prebuilt;
        }
        Optional<RulesCache> cache = cacheOption.open(err);
        // With --sigma and the bundled rules, the cache key takes the bundled files' fingerprint from the prebuilt
        // file; their DRL is read only when the rules must be compiled.
        Optional<String> bundledFingerprint = rulesDir == null && cache.isPresent() ? PrebuiltRules.bundledFingerprint() : Optional.empty();
        RuleSource base = null;
        if (bundledFingerprint.isEmpty()) {
            base = baseSource();
            if (sigma.isEmpty()) {
                // A --rules folder holding exactly the bundled files: the package-time base.
                Optional<CompiledRules> prebuilt = PrebuiltRules.load(base);
                if (prebuilt.isPresent()) return prebuilt;
            }
        }
        RulesCache.Key key = null;
        if (cache.isPresent()) {
            try {
                key = RulesCache.Key.start();
                if (base == null) key.bundled(bundledFingerprint.get());
                else key.source(base);
                for (Path p : sigma) key.sigmaPath(p);
            } catch (IOException | RuntimeException e) {
                key = null; // a --sigma path that cannot be read: the conversion below says so
            }
            if (key != null) {
                Optional<RulesCache.Entry> hit = cache.get().load(key);
                if (hit.isPresent()) {
                    hit.get().notes().forEach(err::println);
                    return Optional.of(reported(hit.get().rules(), err));
                }
            }
        }
        if (base == null) base = baseSource();
        List<String> said = new ArrayList<>();
        Consumer<String> rejected = line -> {
            said.add(line);
            err.println(line);
        };
        RuleSource source;
        try {
            source = withSigma(base, rejected);
        } catch (IOException e) {
            throw new BadRulesPath(e);
        }
        try {
            CompiledRules compiled = compile(source, rejected);
            if (key != null) cache.get().store(key, compiled, said, source.dataFiles());
            return Optional.of(reported(compiled, err));
        } catch (RuleCompilationException e) {
            report(e, err);
            return Optional.empty();
        }
    }

    private RuleSource baseSource() {
        try {
            return rulesDir == null ? RuleSource.bundled() : RuleSource.directory(rulesDir);
        } catch (IOException e) {
            throw new BadRulesPath(e);
        }
    }

    /** Says what the compile found that the user should know (duplicate ids, warnings), then hands the rules on. */
    private static CompiledRules reported(CompiledRules compiled, PrintWriter err) {
        if (!compiled.duplicates().isEmpty()) err.println("tripline: " + TerminalText.escape(RuleIdentity.describe(compiled.duplicates())));
        compiled.warnings().stream().filter(w -> w.level() == RuleDiagnostic.Level.WARNING)
                .forEach(w -> err.println(TerminalText.escape(w.toString())));
        return compiled;
    }

    static void report(RuleCompilationException e, PrintWriter err) {
        e.diagnostics().forEach(d -> err.println(TerminalText.escape(d.toString())));
        err.println("tripline: the rules do not compile (" + e.diagnostics().size() + " error(s))");
    }

    /** A rules folder or Sigma path that cannot be read: a usage error, said in one line. */
    static final class BadRulesPath extends RuntimeException {
        BadRulesPath(IOException cause) { super(message(cause), cause); }

        static String message(IOException e) {
            String m = e instanceof java.nio.file.NoSuchFileException ? "not found: " + e.getMessage() : e.getMessage();
            return TerminalText.escape(m == null ? e.toString() : m);
        }
    }
}
