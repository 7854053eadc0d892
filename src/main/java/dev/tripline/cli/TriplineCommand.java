package dev.tripline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;

/** The {@code tripline} command: verbs are subcommands, one class each. */
@Command(name = "tripline", mixinStandardHelpOptions = true, versionProvider = TriplineCommand.Version.class,
        description = "Rules-based security correlation on Drools: Windows process events in, explained and escalated alerts out.",
        subcommands = {CorrelateCommand.class, ValidateCommand.class, TestCommand.class, NewRuleCommand.class,
                WatchCommand.class, SigmaCommand.class, EvtxCommand.class, KieCommand.class, CommandLine.HelpCommand.class})
public final class TriplineCommand implements Runnable {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an internal error (exit " + ExitCodes.INTERNAL_ERROR + "), also print the stack trace.")
    boolean debug;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: tripline correlate --help)");
    }

    public static void main(String[] args) {
        int code;
        try {
            // Take the heap reserve now: loaded lazily, its class would first be initialised when memory has run out.
            Emergency.holding();
            RulesOption.prefetchFor(args); // the bundled rules are read while the command line starts up
            code = commandLine().execute(args);
        } catch (Throwable t) {
            // Past every handler: e.g. the heap ran out while a class was initialised (NoClassDefFoundError) or
            // inside the error path itself. Still the documented code, never the JVM's 1 for an uncaught throwable.
            Emergency.release();
            code = ExitCodes.INTERNAL_ERROR;
            try {
                System.err.println("tripline: internal error: " + Emergency.describe(t) + " (run with --debug for the stack trace)");
                if (Arrays.asList(args).contains("--debug")) t.printStackTrace();
            } catch (Throwable ignored) {
                // nothing more can be said; the exit code still is
            }
        }
        System.exit(code);
    }

    /**
     * The command line with UTF-8 stdout and stderr whatever the platform locale (alerts carry names like
     * "Système"), and every failure mapped to a documented exit code: an exception or error no verb handled
     * (out of memory included) is {@link ExitCodes#INTERNAL_ERROR} with one line on stderr.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new TriplineCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true))
                .setExecutionStrategy(TriplineCommand::executeCatchingErrors)
                .setExecutionExceptionHandler(TriplineCommand::internalError);
    }

    /** picocli hands exceptions to the handler but lets errors (OutOfMemoryError, StackOverflowError) escape. */
    private static int executeCatchingErrors(CommandLine.ParseResult parseResult) {
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } catch (Error e) {
            Emergency.release();
            CommandLine last = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
            throw new CommandLine.ExecutionException(last, String.valueOf(e), e);
        }
    }

    private static int internalError(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        Throwable t = ex instanceof CommandLine.ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
        if (t instanceof RulesOption.BadRulesPath bad) {
            cmd.getErr().println("tripline: " + bad.getMessage());
            return ExitCodes.USAGE;
        }
        if (Emergency.outOfMemory(t) != null) Emergency.release();
        report(cmd.getErr(), t, debug(parseResult));
        return ExitCodes.INTERNAL_ERROR;
    }

    /** One line for an internal error; the stack trace only with {@code --debug}. */
    static void report(PrintWriter err, Throwable t, boolean debug) {
        err.println("tripline: internal error: " + Emergency.describe(t)
                + (debug ? "" : " (run with --debug for the stack trace)"));
        if (debug) t.printStackTrace(err);
        err.flush();
    }

    /** {@code --debug} given anywhere on the command line (it is inherited by every verb). */
    static boolean debug(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--debug")) return true;
        }
        return false;
    }

    /** The project version, filtered into version.properties by the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            return new String[] {"tripline " + projectVersion()};
        }

        static String projectVersion() {
            Properties p = new Properties();
            try (InputStream in = TriplineCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) p.load(in);
            } catch (IOException e) {
                // fall through to the manifest
            }
            String v = p.getProperty("version");
            if (v == null || v.startsWith("${")) v = TriplineCommand.class.getPackage().getImplementationVersion();
            return v == null ? "unknown" : v;
        }
    }
}
