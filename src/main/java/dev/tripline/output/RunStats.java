package dev.tripline.output;

import dev.tripline.model.Alert;
import dev.tripline.model.Severity;
import dev.tripline.model.SourceRef;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Everything a run counted: every line read is normalized, skipped or rejected, and said so here. */
public final class RunStats {
    private long inputs;
    private long lines;
    private long events;
    private long lateEvents;
    private long segments;
    private long folded;
    private long suppressed;
    private final Map<String, Tally> skipped = new TreeMap<>();
    private final Map<String, Tally> rejected = new TreeMap<>();
    private final Map<String, String> unreadable = new LinkedHashMap<>();
    private final Map<Severity, Long> alertsBySeverity = new EnumMap<>(Severity.class);
    private final Map<String, Long> alertsByKind = new TreeMap<>();
    private long startNanos = System.nanoTime();
    private long endNanos;

    public void start() { startNanos = System.nanoTime(); }
    public void stop() { endNanos = System.nanoTime(); }
    public void inputOpened() { inputs++; }
    public void linesRead(long n) { lines += n; }
    public void event() { events++; }
    public void late(long n) { lateEvents += n; }
    public void segment() { segments++; }
    public void folded(long n) { folded += n; }
    public void skipped(SourceRef where, String reason) { skipped.computeIfAbsent(reason, r -> new Tally()).add(where, null); }
    public void rejected(SourceRef where, String reason, String detail) { rejected.computeIfAbsent(reason, r -> new Tally()).add(where, detail); }
    public void unreadable(String input, String reason) { unreadable.put(input, reason); }

    public void alert(Alert a) {
        if (a.suppressed()) {
            suppressed++;
            return;
        }
        alertsBySeverity.merge(a.severity(), 1L, Long::sum);
        alertsByKind.merge(a.kind(), 1L, Long::sum);
    }

    public long inputs() { return inputs; }
    public long lines() { return lines; }
    public long events() { return events; }
    public long lateEvents() { return lateEvents; }
    /** Replay segments: 1, plus one per rewind of event time (another recording in the same input). */
    public long segments() { return segments; }
    /** Detections folded into an earlier alert by deduplication. */
    public long folded() { return folded; }
    /** Alerts suppressed by an allowlist or admin-activity rule (not in the alert counts). */
    public long suppressed() { return suppressed; }
    public Map<String, Tally> skipped() { return skipped; }
    public Map<String, Tally> rejected() { return rejected; }
    public Map<String, String> unreadable() { return unreadable; }
    public Map<Severity, Long> alertsBySeverity() { return alertsBySeverity; }
    public Map<String, Long> alertsByKind() { return alertsByKind; }
    public long skippedCount() { return skipped.values().stream().mapToLong(Tally::count).sum(); }
    public long rejectedCount() { return rejected.values().stream().mapToLong(Tally::count).sum(); }
    public long alerts() { return alertsBySeverity.values().stream().mapToLong(Long::longValue).sum(); }
    public double seconds() { return ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9; }
    public double eventsPerSecond() { double s = seconds(); return s <= 0 ? 0 : events / s; }
}
