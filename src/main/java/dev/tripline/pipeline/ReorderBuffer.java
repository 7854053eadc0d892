package dev.tripline.pipeline;

import dev.tripline.model.TimedFact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Absorbs modest disorder in the input (several hosts' logs interleaved, collectors that batch) so the
 * session sees events in time order: a fact is released once the newest time seen is more than
 * {@code window} past it. Memory holds only the events inside the window. Ties keep input order.
 */
final class ReorderBuffer {
    private record Entry(TimedFact fact, long seq) {}

    private final long windowMillis;
    private final long rewindMillis;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            Comparator.comparingLong((Entry e) -> e.fact().getTime()).thenComparingLong(Entry::seq));
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
        if (newest != Long.MIN_VALUE && fact.getTime() < newest - rewindMillis) {
            out.addAll(drain());
            newest = Long.MIN_VALUE;
        }
        queue.add(new Entry(fact, seq++));
        newest = Math.max(newest, fact.getTime());
        while (!queue.isEmpty() && queue.peek().fact().getTime() <= newest - windowMillis) out.add(queue.poll().fact());
        return out;
    }

    /** Everything still held, oldest first: the end of the input. */
    List<TimedFact> drain() {
        List<TimedFact> out = new ArrayList<>(queue.size());
        while (!queue.isEmpty()) out.add(queue.poll().fact());
        return out;
    }
}
