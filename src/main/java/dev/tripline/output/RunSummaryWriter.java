package dev.tripline.output;

import dev.tripline.model.Severity;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The run summary on stderr: what was read, what became of every line, what was found, how fast. */
public final class RunSummaryWriter {
    private RunSummaryWriter() {}

    public static void write(RunStats s, PrintWriter out) {
        out.printf(Locale.ROOT, "tripline: %d input(s), %d lines read, %d events normalized, %d skipped, %d rejected, %d blank%n",
                s.inputs(), s.lines(), s.events(), s.skippedCount(), s.rejectedCount(), s.blank());
        section(out, "skipped", s.skipped());
        section(out, "rejected", s.rejected());
        for (Map.Entry<String, String> u : s.unreadable().entrySet()) {
            out.printf("  unreadable: %s: %s%n", TerminalText.escape(u.getKey()), TerminalText.escape(u.getValue()));
        }
        for (String note : s.notes()) out.printf("  note: %s%n", note);
        if (s.notesDropped() > 0) out.printf("  note: %d more note(s) not shown%n", s.notesDropped());
        if (s.withoutCommandLine() > 0) {
            out.printf("  note: %d process event(s) had no command line: Windows logs 4688 without it unless the audit policy "
                    + "setting \"Include command line in process creation events\" is enabled; rules on the image, parent and "
                    + "account still apply, rules on the command line cannot match them%n", s.withoutCommandLine());
        }
        if (s.segments() > 1) {
            out.printf("  replay: event time rewound %d time(s) (concatenated recordings); each segment replayed in its own session%n", s.segments() - 1);
        }
        if (s.lateEvents() > 0) {
            out.printf("  late: %d event(s) older than the reorder window; detected, but correlations may miss them%n", s.lateEvents());
        }
        if (!s.evicted().isEmpty()) {
            StringBuilder kinds = new StringBuilder();
            s.evicted().forEach((k, n) -> kinds.append(kinds.isEmpty() ? "" : ", ").append(n).append(' ').append(k));
            out.printf("  state limit: the session reached its limit of time-bound facts (--max-state) and let the eldest go "
                    + "before their windows ended (%s); correlations over them may be missed. Raise the heap "
                    + "(TRIPLINE_JAVA_OPTS=-Xmx2g) or --max-state%n", kinds);
        }
        if (s.foldsClosedEarly() > 0) {
            out.printf("  dedup: %d fold(s) written before their --dedup-window closed, because 10,000 were open at once; "
                    + "a later repeat of one raises a new alert%n", s.foldsClosedEarly());
        }
        StringBuilder bySeverity = new StringBuilder();
        for (Severity sev : Severity.values()) {
            long n = s.alertsBySeverity().getOrDefault(sev, 0L);
            if (n > 0) bySeverity.append(bySeverity.isEmpty() ? "" : ", ").append(sev.label()).append(' ').append(n);
        }
        out.printf("tripline: %d alert(s)%s%s%s%n", s.alerts(), bySeverity.isEmpty() ? "" : " (" + bySeverity + ")",
                s.suppressed() > 0 ? ", " + s.suppressed() + " suppressed" : "",
                s.folded() > 0 ? ", " + s.folded() + " repeat(s) folded into them" : "");
        if (s.filtered() > 0) out.printf("tripline: %d alert(s) filtered out (--min-severity, --since, --until, --host, --rule)%n", s.filtered());
        out.printf(Locale.ROOT, "tripline: %.2f s, %.0f events/s%n", s.seconds(), s.eventsPerSecond());
        out.flush();
    }

    private static void section(PrintWriter out, String what, Map<String, Tally> tallies) {
        for (Map.Entry<String, Tally> t : tallies.entrySet()) {
            out.printf("  %s: %d × %s, e.g. %s%n", what, t.getValue().count(), TerminalText.escape(t.getKey()),
                    TerminalText.escape(String.join("; ", t.getValue().examples())));
        }
    }
}
