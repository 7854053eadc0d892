package dev.tripline.output;

import dev.tripline.model.Account;
import dev.tripline.model.Alert;
import dev.tripline.model.RuleInfo;
import dev.tripline.model.Severity;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress line, on a clock the test moves: throttled redraws, the numbers it shows, and a clean finish. */
class ProgressLineTest {
    private static final long MS = 1_000_000L;

    @Test void redrawsAtMostOncePerInterval() {
        AtomicLong clock = new AtomicLong();
        StringWriter out = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(out), OptionalLong.empty(), clock::get, 250 * MS);
        RunStats stats = new RunStats();
        stats.observe(line);

        for (int i = 0; i < 1000; i++) {
            clock.addAndGet(MS);   // 1000 events over one second
            stats.event(0L);
        }

        assertThat(line.redraws()).isEqualTo(4);
        assertThat(out.toString().chars().filter(c -> c == '\r')).hasSize(4);
        assertThat(out.toString()).endsWith("1,000 events, 1,000 events/s, 0 alert(s)");
    }

    @Test void showsBytesEventsRateAlertsAndAnEtaWhenTheSizeIsKnown() {
        RunStats stats = new RunStats();
        stats.bytesRead(512 * 1024);
        for (int i = 0; i < 200; i++) stats.event(0L);

        String known = new ProgressLine(new PrintWriter(new StringWriter()), OptionalLong.of(2048 * 1024), () -> 0L, 250 * MS)
                .render(stats, 10_000 * MS);
        String unknown = new ProgressLine(new PrintWriter(new StringWriter()), OptionalLong.empty(), () -> 0L, 250 * MS)
                .render(stats, 10_000 * MS);

        // 0.5 MiB of 2 MiB in 10 s: 1.5 MiB to go at 51.2 KiB/s is 30 s.
        assertThat(known).isEqualTo("tripline: 512.0 KiB of 2.0 MiB (25%), 200 events, 20 events/s, 0 alert(s), ETA 0:30");
        assertThat(unknown).isEqualTo("tripline: 512.0 KiB, 200 events, 20 events/s, 0 alert(s)");
    }

    @Test void finishClearsTheLineAndNothingIsDrawnBeforeTheFirstInterval() {
        AtomicLong clock = new AtomicLong();
        StringWriter out = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(out), OptionalLong.empty(), clock::get, 250 * MS);
        RunStats stats = new RunStats();
        stats.observe(line);

        stats.event(0L);
        line.finish();
        assertThat(out.toString()).isEmpty();

        clock.addAndGet(300 * MS);
        stats.event(0L);
        int drawn = out.toString().length();
        line.finish();
        assertThat(out.toString().substring(drawn)).isEqualTo("\r" + " ".repeat(drawn - 1) + "\r");
    }

    @Test void anAlertToTheSameTerminalClearsTheLineFirst() throws Exception {
        AtomicLong clock = new AtomicLong();
        StringWriter terminal = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(terminal), OptionalLong.empty(), clock::get, 250 * MS);
        RunStats stats = new RunStats();
        stats.observe(line);
        AlertSink table = new AlertSink() {
            @Override public void write(Alert a) { terminal.write("ALERT " + a.rule().title() + "\n"); }
            @Override public void close() {}
        };
        clock.addAndGet(300 * MS);
        stats.event(0L);
        String drawn = terminal.toString();

        line.clearingBefore(table).write(new Alert("detection", new RuleInfo("n", "id", "Title", Severity.HIGH, List.of(), List.of()),
                Severity.HIGH, 0, "h", Account.unknown(), List.of(), List.of(), List.of(), null, 1, 0, 0));

        assertThat(drawn).startsWith("\rtripline: 0 B, 1 events");
        assertThat(terminal.toString()).isEqualTo(drawn + "\r" + " ".repeat(drawn.length() - 1) + "\rALERT Title\n");
    }
}
