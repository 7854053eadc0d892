package dev.tripline.cli;

import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;

/** The {@code tripline} command: verbs are subcommands, one class each. */
@Command(name = "tripline", mixinStandardHelpOptions = true, versionProvider = TriplineCommand.Version.class,
        description = "Rules-based security correlation on Drools: Windows process events in, explained and escalated alerts out.",
        subcommands = {CorrelateCommand.class, ValidateCommand.class, TestCommand.class, NewRuleCommand.class,
                WatchCommand.class, SigmaCommand.class, EvtxCommand.class, CommandLine.HelpCommand.class})
public final class TriplineCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: tripline correlate --help)");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with UTF-8 stdout and stderr whatever the platform locale: alerts carry names like "Système". */
    public static CommandLine commandLine() {
        return new CommandLine(new TriplineCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = TriplineCommand.class.getPackage().getImplementationVersion();
            return new String[] {"tripline " + (v == null ? "dev" : v)};
        }
    }
}
