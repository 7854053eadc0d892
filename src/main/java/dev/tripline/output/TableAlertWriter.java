package dev.tripline.output;

import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Instant;

/** For people at a terminal: one row per alert, the reasons and the command lines underneath. */
public final class TableAlertWriter implements AlertSink {
    private static final String ROW = "%-24s %-9s %-11s %-22s %-28s %s%n";
    private final PrintWriter out;
    private boolean headerWritten;
    private final boolean colour;

    public TableAlertWriter(Writer out) { this(out, false); }

    /** {@code colour}: severity in ANSI colour, for a terminal (the caller decides: never in a pipe, never under NO_COLOR). */
    public TableAlertWriter(Writer out, boolean colour) {
        this.out = new PrintWriter(out);
        this.colour = colour;
    }

    @Override public void write(Alert a) {
        if (!headerWritten) {
            out.printf(ROW, "TIME", "SEVERITY", "KIND", "HOST", "USER", "RULE");
            headerWritten = true;
        }
        out.printf(ROW, Instant.ofEpochMilli(a.time()), SeverityColour.paint(a.severity(), String.format("%-9s", a.severity().label()), colour), a.kind(), clip(a.host(), 22),
                clip(a.user().display(), 28), TerminalText.escape(a.rule().title()));
        if (a.count() > 1) out.printf("    seen %d times, %s .. %s%n", a.count(), Instant.ofEpochMilli(a.firstSeen()), Instant.ofEpochMilli(a.lastSeen()));
        for (String r : a.reasons()) out.printf("    why: %s%n", TerminalText.escape(r));
        for (String c : a.context()) out.printf("    context: %s%n", TerminalText.escape(c));
        if (a.suppressed()) out.printf("    suppressed: %s%n", TerminalText.escape(a.suppressedBecause()));
        for (ProcessEvent e : a.events()) out.printf("    %s  %s%n", TerminalText.escape(e.getSource()), TerminalText.escape(e.getCommandLine()));
        out.flush();
    }

    /** Escaped first, so a column never holds a control character and its width is what the terminal shows. */
    private static String clip(String raw, int width) {
        if (raw == null) return "-";
        String s = TerminalText.escape(raw);
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    @Override public void close() { out.flush(); }
}
