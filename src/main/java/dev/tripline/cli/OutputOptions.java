package dev.tripline.cli;

import dev.tripline.output.OutputFormat;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How {@code correlate} shows its results: the alert format, colour, the HTML report and the progress line. */
public final class OutputOptions {
    /** {@code --color}: auto (a terminal without NO_COLOR), always or never. */
    public enum ColorMode { AUTO, ALWAYS, NEVER }

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Alert format: jsonl, json, table or csv. Default: table when stdout is a terminal, JSON Lines "
                    + "otherwise (a pipe, a file, -o).")
    OutputFormat format;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour severities in the table: auto (default: on a terminal, unless NO_COLOR is set), always, never.")
    ColorMode color;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write one self-contained HTML report (timeline, alerts by rule, technique and account, "
                    + "suppressed alerts) to FILE at the end of the run, beside any --format.")
    Path report;

    /** The format asked for, else table on a terminal and JSON Lines elsewhere. */
    public OutputFormat format(boolean toTerminal) {
        if (format != null) return format;
        return toTerminal ? OutputFormat.TABLE : OutputFormat.JSONL;
    }

    /** Whether the table gets colour: always/never as asked; auto only on a colour-capable terminal without NO_COLOR. */
    public boolean colour(boolean toTerminal, Terminal terminal) {
        return switch (color) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> toTerminal && !terminal.noColorRequested() && !terminal.dumb();
        };
    }

    /** The progress line: stderr a terminal, not under CI, not dumb, not --quiet. */
    public static boolean progress(Terminal terminal, boolean quiet) {
        return !quiet && terminal.stderrIsTerminal() && !terminal.underCi() && !terminal.dumb();
    }

    public Path report() { return report; }
}
