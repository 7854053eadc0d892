package dev.tripline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tripline evtx …}: look at .evtx files the way Tripline reads them. */
@Command(name = "evtx", mixinStandardHelpOptions = true, description = "Work with Windows .evtx files.",
        subcommands = {EvtxDumpCommand.class})
public final class EvtxCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "an evtx command is required (try: tripline evtx dump --help)");
    }
}
