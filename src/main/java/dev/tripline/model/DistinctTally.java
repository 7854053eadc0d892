package dev.tripline.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How many distinct values (command lines, hosts) one key's detections showed within a sliding window, as one fact
 * per key updated as detections arrive: the correlation rules count with it instead of re-collecting every
 * in-window detection for every new one, so their state grows with the window, never with its square.
 *
 * <p>An <em>episode</em> starts with a key's first detection and lasts while detections keep arriving within the
 * window of the previous one. Before the rule raises it ({@link #open()}), the tally keeps, per distinct value,
 * the {@value #CITED_PER_VALUE} most recent detections inside the window (what the alert cites; older repeats of the
 * same value are counted in {@link #getUncited()}); values whose last detection left the window are dropped. Once
 * raised, later detections only extend the episode. A detection more than a window after the previous one starts a
 * new episode. The rules delete a tally once it is {@link #quietAt quiet}: a window has passed since its last detection.
 *
 * <p>Detections are expected in time order (the pipeline's reorder buffer sees to it); a late one is counted against
 * the window of the newest.
 */
public abstract class DistinctTally {
    /** Detections cited per distinct value: a value repeated thousands of times is cited by its latest few. */
    public static final int CITED_PER_VALUE = 20;
    /** Distinct values kept per window; past it the value seen first is forgotten (a threshold above it never fires). */
    public static final int MAX_VALUES = 64;

    private final Account account;
    private final long window;
    private final long since;
    private long lastSeen;
    private boolean open;
    private long uncited;
    private final Map<String, ArrayDeque<Detection>> cited = new LinkedHashMap<>(4); // most keys see one or two values

    protected DistinctTally(Account account, long windowMillis, long since) {
        this.account = Objects.requireNonNull(account);
        this.window = windowMillis;
        this.since = since;
        this.lastSeen = since;
    }

    /** What this tally counts distinct values of, for one detection (its command line, its host). */
    protected abstract String valueOf(Detection d);

    public Account getAccount() { return account; }
    /** Time of the detection that created the tally: detections before it belong to an earlier tally. */
    public long getSince() { return since; }
    public long getLastSeen() { return lastSeen; }
    /** The episode has been raised: later detections extend it. */
    public boolean isOpen() { return open; }
    /** Distinct values among the detections in the window (before the episode is raised). */
    public int getDistinct() { return cited.size(); }
    /** In-window detections not cited, because {@value #CITED_PER_VALUE} later ones of the same value are. */
    public long getUncited() { return uncited; }

    /**
     * Counts one detection: extends a raised episode, starts a new one after a quiet window, or adds it to the window.
     * Returns whether what the rules read ({@link #getDistinct()}, {@link #isOpen()}) changed: a repeat of a value
     * already in the window changes neither, so the rules need not be told (telling the engine costs work per fact
     * that joins the tally).
     */
    public boolean count(Detection d) {
        int distinctBefore = cited.size();
        boolean openBefore = open;
        long t = d.getTime();
        if (t - lastSeen > window) restart();
        lastSeen = Math.max(lastSeen, t);
        if (!open) add(d);
        return open != openBefore || cited.size() != distinctBefore;
    }

    private void add(Detection d) {
        pruneBefore(lastSeen - window);
        ArrayDeque<Detection> ds = cited.computeIfAbsent(valueOf(d), v -> new ArrayDeque<>(2));
        ds.addLast(d);
        if (ds.size() > CITED_PER_VALUE) {
            ds.removeFirst();
            uncited++;
        }
        if (cited.size() > MAX_VALUES) {
            Iterator<ArrayDeque<Detection>> first = cited.values().iterator();
            uncited += first.next().size();
            first.remove();
        }
    }

    /** The cited detections in the window, in time order. */
    public List<Detection> getDetections() {
        List<Detection> all = new ArrayList<>();
        cited.values().forEach(all::addAll);
        all.sort(Comparator.comparingLong(Detection::getTime));
        return all;
    }

    /** The cited detections with a time in [from, to]. */
    public List<Detection> between(long from, long to) {
        return getDetections().stream().filter(d -> d.getTime() >= from && d.getTime() <= to).toList();
    }

    /** Whether a cited detection has a time in [from, to]. */
    public boolean hasBetween(long from, long to) {
        for (ArrayDeque<Detection> ds : cited.values())
            for (Detection d : ds) if (d.getTime() >= from && d.getTime() <= to) return true;
        return false;
    }

    /**
     * Whether a whole window has passed at {@code now} since the last detection: the episode is over and nothing in
     * the window is left, so forgetting the tally loses nothing (the next detection would start afresh anyway).
     */
    public boolean quietAt(long now) { return now - lastSeen > window; }

    /** The rule raised the episode: forget the window, keep extending until a quiet window passes. */
    public void open() {
        forgetWindow();
        open = true;
    }

    /** A quiet window passed: a new episode starts, not yet raised. */
    private void restart() {
        forgetWindow();
        open = false;
    }

    private void forgetWindow() {
        cited.clear();
        uncited = 0;
    }

    private void pruneBefore(long from) {
        for (Iterator<ArrayDeque<Detection>> it = cited.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Detection> ds = it.next();
            ds.removeIf(d -> d.getTime() < from);
            if (ds.isEmpty()) it.remove();
        }
    }

    @Override public String toString() {
        return getClass().getSimpleName() + "[" + account.display() + " " + cited.keySet() + (open ? " open" : "") + "]";
    }
}
