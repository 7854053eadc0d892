package dev.tripline.output;

import dev.tripline.model.Severity;

/** ANSI colours for severities on a terminal: the same palette the HTML report uses, as near as 16 colours get. */
public final class SeverityColour {
    private static final String RESET = "\u001b[0m";

    private SeverityColour() {}

    /** {@code text} wrapped in the severity's colour when {@code on}, unchanged otherwise. */
    public static String paint(Severity s, String text, boolean on) {
        if (!on) return text;
        return ansi(s) + text + RESET;
    }

    static String ansi(Severity s) {
        return switch (s) {
            case CRITICAL -> "\u001b[1;97;41m";   // bold white on red
            case HIGH -> "\u001b[1;31m";          // bold red
            case MEDIUM -> "\u001b[33m";          // yellow
            case LOW -> "\u001b[32m";             // green
            case INFORMATIONAL -> "\u001b[2m";    // dim
        };
    }

    /** The colour the HTML report gives a severity. */
    public static String css(Severity s) {
        return switch (s) {
            case CRITICAL -> "#b3001b";
            case HIGH -> "#e8590c";
            case MEDIUM -> "#f0b400";
            case LOW -> "#2f9e44";
            case INFORMATIONAL -> "#868e96";
        };
    }
}
