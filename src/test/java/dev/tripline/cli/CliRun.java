package dev.tripline.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real command line in-process and captures stdout, stderr and the exit code. */
record CliRun(int exit, String out, String err) {
    static CliRun of(String... args) {
        return withStdin(new ByteArrayInputStream(new byte[0]), args);
    }

    static CliRun withStdin(InputStream stdin, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cmd = TriplineCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        InputStream saved = System.in;
        System.setIn(stdin);
        try {
            int exit = cmd.execute(args);
            return new CliRun(exit, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    long alertLines() { return out.lines().filter(l -> l.startsWith("{")).count(); }
}
