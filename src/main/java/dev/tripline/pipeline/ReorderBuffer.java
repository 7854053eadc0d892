package dev.tripline.pipeline;

import dev.tripline.model.TimedFact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Absorbs modest disorder in the input (several hosts' logs interleaved, collectors that batch) so the
 * session sees events in time order: a fact is released once the newest time seen is more than
 * {@code window} past it. Memory holds only the events inside the window. Ties keep input order.
 *
 * <p>Most input is already in time order, so facts that arrive in order wait in a plain queue (constant time)
 * and only the ones that arrive out of order go to a heap; release takes the older head of the two.
 *
 * <p>The window is event time, so a busy input could put any number of events inside it: at most
 * {@link #MAX_HELD} are held, and past that the oldest go on early. For an input in time order nothing changes;
 * an event that then arrives older than one already released is inserted late, as disorder beyond the window is.
 */
final class ReorderBuffer {
    private record Entry(TimedFact fact, long seq) {
        long time() { return fact.getTime(); }
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::time).thenComparingLong(Entry::seq);

    /** Events held per input at most: 5 minutes of an input at 33 events a second, about 20 MB. */
    static final int MAX_HELD = 10_000;

    private final long windowMillis;
    private final long rewindMillis;
    private final ArrayDeque<Entry> inOrder = new ArrayDeque<>();
    private final PriorityQueue<Entry> outOfOrder = new PriorityQueue<>(ORDER);
    private long newest = Long.MIN_VALUE;
    private long seq;

    ReorderBuffer(long windowMillis, long rewindMillis) {
        this.windowMillis = windowMillis;
        this.rewindMillis = rewindMillis;
    }

    /**
     * Adds a fact; returns the facts now safe to release, oldest first. A fact far older than the newest seen
     * (a rewind: the next recording in a concatenated export) first releases everything held, so the new
     * recording is ordered on its own.
     */
    List<TimedFact> add(TimedFact fact) {
        List<TimedFact> out = new ArrayList<>(1);
        if (isRewind(fact.getTime())) {
            out.addAll(drain());
            newest = Long.MIN_VALUE;
        }
        Entry e = new Entry(fact, seq++);
        if (inOrder.isEmpty() || inOrder.peekLast().time() <= e.time()) inOrder.addLast(e);
        else outOfOrder.add(e);
        newest = Math.max(newest, fact.getTime());
        long releaseUpTo = newest - windowMillis;
        for (Entry next; (next = oldest()) != null && next.time() <= releaseUpTo; ) out.add(take(next).fact());
        while (held() > MAX_HELD) out.add(take(oldest()).fact());
        return out;
    }

    /** Events held now. */
    int held() { return inOrder.size() + outOfOrder.size(); }

    /** Whether a fact at {@code time} is a rewind: more than the rewind threshold older than the newest seen. */
    boolean isRewind(long time) {
        return newest != Long.MIN_VALUE && time < newest - rewindMillis;
    }

    /** Everything still held, oldest first: the end of the input. */
    List<TimedFact> drain() {
        List<TimedFact> out = new ArrayList<>(inOrder.size() + outOfOrder.size());
        for (Entry next; (next = oldest()) != null; ) out.add(take(next).fact());
        return out;
    }

    private Entry oldest() {
        Entry a = inOrder.peekFirst(), b = outOfOrder.peek();
        if (a == null) return b;
        if (b == null) return a;
        return ORDER.compare(a, b) <= 0 ? a : b;
    }

    private Entry take(Entry e) {
        return e == inOrder.peekFirst() ? inOrder.pollFirst() : outOfOrder.poll();
    }
}
