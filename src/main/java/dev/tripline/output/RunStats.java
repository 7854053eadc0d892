package dev.tripline.output;

import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.Severity;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a run counted: every line read is normalized, skipped, rejected or blank, and said so here. What
 * is keyed by text from the input (skip and rejection reasons, notes) is bounded: past {@link #MAX_REASONS}
 * distinct reasons the rest are counted under {@link #OTHER_REASONS}, so hostile input cannot grow the summary.
 */
public final class RunStats {
    public static final int MAX_REASONS = 100;
    public static final String OTHER_REASONS = "other reasons (more than " + MAX_REASONS + " distinct)";
    public static final int MAX_NOTES = 100;

    private long inputs;
    private long lines;
    private long blank;
    private long withoutCommandLine;
    private final Map<String, String> notes = new LinkedHashMap<>();
    private long notesDropped;
    private long events;
    private long lateEvents;
    private final java.util.Map<String, Long> evicted = new java.util.TreeMap<>();
    private long segments;
    private long folded;
    private long foldsClosedEarly;
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
    public void blankLines(long n) { blank += n; }
    public void event() {
        events++;
        if (observer != null) observer.changed(this);
    }

    /**
     * A normalized fact: counted, the run's time range widened, and a process event without a command line
     * counted for the summary's note.
     */
    public void event(TimedFact fact) {
        if (fact instanceof ProcessEvent p && p.getCommandLine().isEmpty()) withoutCommandLine++;
        event(fact.getTime());
    }

    /** An event at {@code time} (epoch ms): counted, and the run's time range widened. */
    public void event(long time) {
        if (time < firstEventTime) firstEventTime = time;
        if (time > lastEventTime) lastEventTime = time;
        event();
    }

    /** Something to tell the user about an input, once. */
    public void note(String input, String note) {
        String key = input + ": " + note;
        if (notes.size() < MAX_NOTES) notes.putIfAbsent(key, key);
        else if (!notes.containsKey(key)) notesDropped++;
    }
    public void late(long n) { lateEvents += n; }
    /** Facts a session let go early at its state limit, by kind (summed over the run's sessions). */
    public void evicted(java.util.Map<String, Long> byKind) { byKind.forEach((k, n) -> evicted.merge(k, n, Long::sum)); }
    public java.util.Map<String, Long> evicted() { return java.util.Collections.unmodifiableMap(evicted); }
    public void segment() { segments++; }
    public void folded(long n) { folded += n; }
    /** Folds written before their window closed (too many open at once); the total so far. */
    public void foldsClosedEarly(long total) { foldsClosedEarly = Math.max(foldsClosedEarly, total); }
    public long foldsClosedEarly() { return foldsClosedEarly; }
    public void skipped(SourceRef where, String reason) { tally(skipped, reason).add(where, null); }
    public void rejected(SourceRef where, String reason, String detail) { tally(rejected, reason).add(where, detail); }

    private static Tally tally(Map<String, Tally> tallies, String reason) {
        Tally t = tallies.get(reason);
        if (t != null) return t;
        String key = tallies.size() < MAX_REASONS ? reason : OTHER_REASONS;
        return tallies.computeIfAbsent(key, k -> new Tally());
    }
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
    /** Lines holding only white space: {@code lines = events + skipped + rejected + blank} for JSON Lines input. */
    public long blank() { return blank; }
    /** Process events whose source had no command line (Security 4688 without the audit setting). */
    public long withoutCommandLine() { return withoutCommandLine; }
    public java.util.Collection<String> notes() { return notes.values(); }
    public long notesDropped() { return notesDropped; }
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
