package dev.tripline.ingest;

import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keeps everything the readers report, for assertions. */
final class RecordingListener implements IngestListener {
    record Skip(SourceRef source, String reason) {}

    record Reject(SourceRef source, String reason, String detail) {}

    /** Every fact, in order; {@link #events} are the process events among them. */
    final List<TimedFact> facts = new ArrayList<>();
    final List<ProcessEvent> events = new ArrayList<>();
    final List<Skip> skipped = new ArrayList<>();
    final List<Reject> rejected = new ArrayList<>();
    final List<String> opened = new ArrayList<>();
    final Map<String, Long> closed = new LinkedHashMap<>();
    final Map<String, String> unreadable = new LinkedHashMap<>();
    final Map<String, Long> blank = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();

    @Override public void onFact(TimedFact fact) {
        facts.add(fact);
        if (fact instanceof ProcessEvent e) events.add(e);
    }

    @Override public void onSkipped(SourceRef source, String reason) { skipped.add(new Skip(source, reason)); }

    @Override public void onRejected(SourceRef source, String reason, String detail) {
        rejected.add(new Reject(source, reason, detail));
    }

    @Override public void onInputOpened(String input) { opened.add(input); }

    @Override public void onInputClosed(String input, long lines) { closed.put(input, lines); }

    @Override public void onInputClosed(String input, long lines, long blankLines) {
        closed.put(input, lines);
        blank.put(input, blankLines);
    }

    @Override public void onInputNote(String input, String note) { notes.add(input + ": " + note); }

    @Override public void onInputUnreadable(String input, String reason) { unreadable.put(input, reason); }

    int records() { return facts.size() + skipped.size() + rejected.size(); }

    Map<String, Integer> rejectionsByReason() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Reject r : rejected) counts.merge(r.reason(), 1, Integer::sum);
        return counts;
    }

    Map<String, Integer> factsByType() {
        Map<String, Integer> counts = new TreeMap<>();
        for (TimedFact f : facts) counts.merge(f.getClass().getSimpleName(), 1, Integer::sum);
        return counts;
    }

    Map<String, Integer> eventsBySchema() {
        Map<String, Integer> counts = new TreeMap<>();
        for (ProcessEvent e : events) counts.merge(e.getSchema(), 1, Integer::sum);
        return counts;
    }
}
