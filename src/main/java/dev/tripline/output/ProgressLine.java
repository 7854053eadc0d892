package dev.tripline.output;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * One stderr line that updates in place while a long run reads: bytes and events read, events/s, alerts so far,
 * and an ETA when the inputs' total size is known. Redrawn at most once per interval of the given clock, so it
 * costs a clock read per event. Only for a terminal: the caller decides (never in a pipe, under CI or --quiet).
 */
public final class ProgressLine implements RunStats.Observer {
    public static final long DEFAULT_INTERVAL_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final OptionalLong totalBytes;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final long startNanos;
    private long lastDraw;
    private int drawn;
    private int width;

    public ProgressLine(PrintWriter err, OptionalLong totalBytes, LongSupplier nanoClock, long intervalNanos) {
        this.err = err;
        this.totalBytes = totalBytes;
        this.nanoClock = nanoClock;
        this.intervalNanos = intervalNanos;
        this.startNanos = nanoClock.getAsLong();
        this.lastDraw = startNanos;
    }

    public static ProgressLine onTerminal(PrintWriter err, OptionalLong totalBytes) {
        return new ProgressLine(err, totalBytes, System::nanoTime, DEFAULT_INTERVAL_NANOS);
    }

    @Override public void changed(RunStats stats) {
        long now = nanoClock.getAsLong();
        if (now - lastDraw < intervalNanos) return;
        lastDraw = now;
        String text = render(stats, now - startNanos);
        // Overwrite the previous text, padding with spaces where it was longer.
        err.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
        err.flush();
        width = text.length();
        drawn++;
    }

    /** Times the line was redrawn. */
    public int redraws() { return drawn; }

    /** Clears the line, so the run summary starts on a clean one. */
    public void finish() {
        if (width == 0) return;
        err.print("\r" + " ".repeat(width) + "\r");
        err.flush();
        width = 0;
    }

    /**
     * {@code downstream}, clearing the line before each alert: for alerts written to the same terminal, so an alert
     * never lands after the progress text. The line is drawn again at its next interval.
     */
    public AlertSink clearingBefore(AlertSink downstream) {
        return new AlertSink() {
            @Override public void write(dev.tripline.model.Alert a) throws java.io.IOException {
                finish();
                downstream.write(a);
            }

            @Override public void close() throws java.io.IOException { downstream.close(); }
        };
    }

    /** The line's text after {@code elapsedNanos} of run. */
    public String render(RunStats s, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? s.events() / seconds : 0;
        StringBuilder b = new StringBuilder("tripline: ");
        b.append(bytes(s.bytes()));
        if (totalBytes.isPresent() && totalBytes.getAsLong() > 0) {
            long total = totalBytes.getAsLong();
            b.append(" of ").append(bytes(total)).append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, s.bytes() * 100 / total)));
        }
        b.append(String.format(Locale.ROOT, ", %,d events, %,.0f events/s, %,d alert(s)", s.events(), rate,
                s.alerts()));
        if (totalBytes.isPresent() && s.bytes() > 0 && seconds > 0) {
            double bytesPerSecond = s.bytes() / seconds;
            long left = Math.max(0, totalBytes.getAsLong() - s.bytes());
            b.append(", ETA ").append(duration((long) (left / bytesPerSecond)));
        }
        return b.toString();
    }

    static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        if (n < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
    }

    static String duration(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
