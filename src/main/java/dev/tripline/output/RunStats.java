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
    private long filtered;
    private long firstEventTime = Long.MAX_VALUE;
    private long lastEventTime = Long.MIN_VALUE;
    private long bytes;
    private Observer observer;
    private long startNanos = System.nanoTime();
    private long endNanos;

    public void start() { startNanos = System.nanoTime(); }
    public void stop() { endNanos = System.nanoTime(); }
    public void inputOpened() { inputs++; }
    public void linesRead(long n) { lines += n; }
    public void event() {
        events++;
        if (observer != null) observer.changed(this);
    }

    /** An event at {@code time} (epoch ms): counted, and the run's time range widened. */
    public void event(long time) {
        if (time < firstEventTime) firstEventTime = time;
        if (time > lastEventTime) lastEventTime = time;
        event();
    }
    public void late(long n) { lateEvents += n; }
    public void segment() { segments++; }
    public void folded(long n) { folded += n; }
    public void skipped(SourceRef where, String reason) { skipped.computeIfAbsent(reason, r -> new Tally()).add(where, null); }
    public void rejected(SourceRef where, String reason, String detail) { rejected.computeIfAbsent(reason, r -> new Tally()).add(where, detail); }
    public void unreadable(String input, String reason) { unreadable.put(input, reason); }

    public void alert(Alert a) {
        if (observer != null) observer.changed(this);
        if (a.suppressed()) {
            suppressed++;
            return;
        }
        alertsBySeverity.merge(a.severity(), 1L, Long::sum);
        alertsByKind.merge(a.kind(), 1L, Long::sum);
    }

    /** Told of every event and alert as it is counted, on the pipeline's thread (the progress line). */
    public interface Observer {
        void changed(RunStats stats);
    }

    public void observe(Observer o) { observer = o; }

    /** Bytes read from the inputs as stored (compressed bytes for .gz). */
    public void bytesRead(long n) { bytes += n; }

    /** An alert that --min-severity, --since, --until, --host or --rule left out: no longer counted as written. */
    public void filteredOut(Alert a) {
        if (a.suppressed()) return;
        filtered++;
        alertsBySeverity.computeIfPresent(a.severity(), (k, n) -> n > 1 ? n - 1 : null);
        alertsByKind.computeIfPresent(a.kind(), (k, n) -> n > 1 ? n - 1 : null);
    }

    /** Alerts the filters left out (not in the alert counts). */
    public long filtered() { return filtered; }
    public long bytes() { return bytes; }
    /** The earliest and latest event time seen (epoch ms); Long.MAX_VALUE/MIN_VALUE when there was no event. */
    public long firstEventTime() { return firstEventTime; }
    public long lastEventTime() { return lastEventTime; }
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
