package dev.tripline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tripline sigma …}: Sigma rules in, DRL out. */
@Command(name = "sigma", mixinStandardHelpOptions = true, description = "Work with Sigma rules.",
        subcommands = {SigmaConvertCommand.class})
public final class SigmaCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a sigma command is required (try: tripline sigma convert --help)");
    }
}
