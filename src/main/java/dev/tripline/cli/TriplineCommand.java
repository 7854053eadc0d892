package dev.tripline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tripline} command: verbs are subcommands, one class each. */
@Command(name = "tripline", mixinStandardHelpOptions = true, versionProvider = TriplineCommand.Version.class,
        description = "Rules-based security correlation on Drools: Windows process events in, explained and escalated alerts out.",
        subcommands = {CorrelateCommand.class, ValidateCommand.class, TestCommand.class, NewRuleCommand.class,
                WatchCommand.class, CommandLine.HelpCommand.class})
public final class TriplineCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: tripline correlate --help)");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new TriplineCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = TriplineCommand.class.getPackage().getImplementationVersion();
            return new String[] {"tripline " + (v == null ? "dev" : v)};
        }
    }
}
