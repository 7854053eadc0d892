package dev.tripline.pipeline;

import dev.tripline.model.Alert;
import dev.tripline.model.AwaitsEcho;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.Text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Folds repeated detections: the same rule on the same host, by the same account, with the same command line
 * and the same parent image (severity can depend on the parent, so runs under different parents stay apart),
 * within {@code window} of the first one, becomes one alert with {@code count}, {@code first_seen} and
 * {@code last_seen} (Sysmon and 4688 logging one process twice, a script looping). The alert is released when
 * its window (and {@link #LATENESS} more) has passed in event time, or at the end of the input. Correlations pass straight through: they
 * have their own one-alert-per-episode rules. A window of zero turns folding off.
 *
 * <p>The CLI's batch run and the Flink job's keyed operator both fold with it, so a folded alert is the same
 * alert in both.
 */
public final class Deduplicator {
    /** At most this many events are listed on a folded alert; {@code count} still counts them all. */
    static final int MAX_EVENTS = 20;

    /**
     * How long after its window a group stays open: an alert can leave the engine this long after its own time (a
     * typed command held open for its echo), and must still find its group.
     */
    public static final long LATENESS = AwaitsEcho.MAX_WINDOW_MILLIS;

    /**
     * Folds open at most: each holds its first alert for the whole window, so a log of many distinct detections
     * (a million accounts in an hour) would otherwise hold them all. Past it the fold opened first is written
     * early; a later repeat of it starts a new fold (two alerts where one would have been).
     */
    static final int MAX_OPEN = 10_000;

    private final long windowMillis;
    private final Consumer<Alert> downstream;
    private long closedEarly;
    private final Map<FoldKey, Group> open = new LinkedHashMap<>();
    private long folded;

    public Deduplicator(long windowMillis, Consumer<Alert> downstream) {
        this.windowMillis = windowMillis;
        this.downstream = downstream;
    }

    /**
     * An alert produced at session time {@code now}. Returns the time of the first alert of the group it joined,
     * which with {@link #key} names the group, or its own time when it passed straight through.
     */
    public long accept(Alert alert, long now) {
        release(Math.min(now, alert.time())); // a held alert is older than now: its group must still be open
        if (!folds(alert)) {
            downstream.accept(alert);
            return alert.time();
        }
        FoldKey key = FoldKey.of(alert);
        Group g = open.get(key);
        if (g != null && alert.time() > g.first + windowMillis) { // its window closed while the alert was held
            open.remove(key);
            emit(new ArrayList<>(List.of(g)));
            g = null;
        }
        if (g == null) {
            g = new Group(alert);
            open.put(key, g);
            if (open.size() > MAX_OPEN) {
                var eldest = open.entrySet().iterator();
                Group first = eldest.next().getValue();
                eldest.remove();
                closedEarly++;
                emit(new ArrayList<>(List.of(first)));
            }
        } else {
            g.add(alert);
            folded++;
        }
        return g.first;
    }

    /**
     * What a firing at session time {@code now} lets close before its {@code alerts} are accepted: only groups none
     * of them could join (an alert held open for an echo leaves the engine later than its own time).
     */
    public void release(long now, List<Alert> alerts) {
        long upTo = now;
        for (Alert a : alerts) upTo = Math.min(upTo, a.time());
        release(upTo);
    }

    /** Whether this alert is held for folding (a detection, with folding on) rather than passed straight through. */
    public boolean folds(Alert alert) { return windowMillis > 0 && alert.kind().equals("detection"); }

    /**
     * Releases the groups whose window has closed by {@code now}. Groups sit in the order they opened, which is
     * event-time order, so only the oldest few are looked at: this runs for every event.
     */
    public void release(long now) {
        if (open.isEmpty()) return;
        List<Group> due = new ArrayList<>();
        for (var it = open.values().iterator(); it.hasNext(); ) {
            Group g = it.next();
            if (g.first + windowMillis + LATENESS >= now) break;
            due.add(g);
            it.remove();
        }
        emit(due);
    }

    /** The end of the input (or of a replay segment): everything still held goes out. */
    public void flush() {
        List<Group> all = new ArrayList<>(open.values());
        open.clear();
        emit(all);
    }

    long folded() { return folded; }

    /** Folds written before their window closed because more than {@link #MAX_OPEN} were open. */
    public long closedEarly() { return closedEarly; }

    private void emit(List<Group> groups) {
        groups.sort(Comparator.comparingLong((Group g) -> g.first));
        for (Group g : groups) downstream.accept(g.alert());
    }

    /**
     * The parts of {@link #key} as a value: a lookup combines the hashes the strings cache (the command key is
     * computed once per event) instead of copying and hashing a string as long as the command line for each alert,
     * which with every Sigma rule loaded was over half the cost of folding.
     */
    private record FoldKey(String rule, String host, String user, String image, String command, String parentImage,
                           boolean suppressed) {
        static FoldKey of(Alert a) {
            ProcessEvent e = a.events().get(0);
            return new FoldKey(a.rule().id(), Text.fold(a.host()), Text.fold(a.user().display()), e.getImageFileNameLower(),
                    e.getCommandLineKey(), e.getParentImageLower(), a.suppressed());
        }

        String text() {
            return rule + '\u0000' + host + '\u0000' + user + '\u0000' + image + '\u0000' + command + '\u0000' + parentImage
                    + '\u0000' + (suppressed ? "s" : "");
        }
    }

    /**
     * What makes two detections repeats of each other; with the group's first time it names a folded alert (the
     * Flink job keeps that name in state, so this form stays). The image is part of it: the command-line key names
     * net1 as net (one typed command), but a net1.exe typed directly after a net.exe is a second command, not a
     * repeat.
     */
    public static String key(Alert a) { return FoldKey.of(a).text(); }

    private static final class Group {
        private final Alert firstAlert;
        private final long first;
        private long last;
        private int count = 1;
        private dev.tripline.model.Severity severity;
        private final LinkedHashSet<String> reasons = new LinkedHashSet<>();
        private final LinkedHashSet<String> context = new LinkedHashSet<>();
        private final List<ProcessEvent> events = new ArrayList<>();

        Group(Alert a) {
            this.firstAlert = a;
            this.first = a.time();
            this.last = a.time();
            this.severity = a.severity();
            reasons.addAll(a.reasons());
            context.addAll(a.context());
            events.addAll(a.events());
        }

        void add(Alert a) {
            count++;
            last = Math.max(last, a.time());
            severity = severity.max(a.severity());
            reasons.addAll(a.reasons());
            context.addAll(a.context());
            if (events.size() < MAX_EVENTS) events.addAll(a.events());
        }

        Alert alert() {
            if (count == 1) return firstAlert;
            return firstAlert.merged(severity, new ArrayList<>(reasons), new ArrayList<>(context), events, count, first, last);
        }
    }
}
