package dev.tripline.pipeline;

import dev.tripline.ingest.EventShape;
import dev.tripline.ingest.Ingest;
import dev.tripline.ingest.IngestListener;
import dev.tripline.ingest.IngestOptions;
import dev.tripline.model.TimedFact;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * All inputs of a run as one timeline: a k-way merge by event time over one {@link InputLane} per input (each
 * file named, each event file of a folder, stdin), so per-host exports covering the same days replay as the one
 * history they are. Each lane absorbs its own disorder; the merge always hands on the oldest head fact of all
 * inputs (ties: the input listed first). What is not a fact (skips, rejections, lines read, a rewind) is handed
 * on as soon as it reaches the head of its lane, so the accounting stays exact and in each input's order.
 *
 * <p>A {@link TimelineListener#onRewind rewind} comes only from one input going back in time by more than the
 * rewind threshold; when it is handed on, every fact of every input older than that input's last fact has
 * already been handed on.
 */
final class Timeline implements AutoCloseable {

    /** An {@link IngestListener} that is also told when one input starts another recording. */
    interface TimelineListener extends IngestListener {
        void onRewind(String input);
    }

    private final List<InputLane> lanes = new ArrayList<>();

    /**
     * {@code sources} from {@link Ingest#sources}; a lane (and its thread) per source, started here. Each lane
     * runs {@code readAhead} on its facts ({@link dev.tripline.engine.CompiledRules#readAhead}).
     */
    Timeline(List<Ingest.Source> sources, Optional<EventShape> forced, IngestOptions options, InputStream stdin,
             long reorderMillis, long rewindMillis, boolean strict, Consumer<TimedFact> readAhead) {
        for (Ingest.Source s : sources) lanes.add(new InputLane(s, forced, options, stdin, reorderMillis, rewindMillis, strict, readAhead));
        lanes.forEach(InputLane::start);
    }

    /** Hands every item of every input to {@code listener}, facts in event-time order; returns at the end of all inputs. */
    void replay(TimelineListener listener) {
        PriorityQueue<Head> heads = new PriorityQueue<>();
        for (int i = 0; i < lanes.size(); i++) {
            Head h = new Head(lanes.get(i), i);
            if (h.advance(listener)) heads.add(h);
        }
        while (!heads.isEmpty()) {
            Head h = heads.poll();
            listener.onFact(h.fact.fact());
            if (h.advance(listener)) heads.add(h);
        }
    }

    /** Stops every reader still running (a run ended early); harmless after a complete replay. */
    @Override public void close() {
        lanes.forEach(InputLane::cancel);
    }

    /** One lane's position in the merge: its current chunk and the fact at its head. */
    private static final class Head implements Comparable<Head> {
        private final InputLane lane;
        private final int order;
        private Iterator<InputLane.Item> chunk = java.util.Collections.emptyIterator();
        private InputLane.Item.Fact fact;

        Head(InputLane lane, int order) {
            this.lane = lane;
            this.order = order;
        }

        /**
         * Moves to the lane's next fact, handing on everything before it; false at the end of the input.
         */
        boolean advance(TimelineListener listener) {
            while (true) {
                if (!chunk.hasNext()) chunk = next().iterator();
                InputLane.Item item = chunk.next();
                if (item instanceof InputLane.Item.Fact f) {
                    fact = f;
                    return true;
                }
                if (item instanceof InputLane.Item.End) return false;
                if (item instanceof InputLane.Item.Failed failed) throw failed.error();
                if (item instanceof InputLane.Item.Skipped s) listener.onSkipped(s.source(), s.reason());
                else if (item instanceof InputLane.Item.Rejected r) listener.onRejected(r.source(), r.reason(), r.detail());
                else if (item instanceof InputLane.Item.Opened o) listener.onInputOpened(o.input());
                else if (item instanceof InputLane.Item.Closed c) listener.onInputClosed(c.input(), c.lines(), c.blank());
                else if (item instanceof InputLane.Item.Note n) listener.onInputNote(n.input(), n.note());
                else if (item instanceof InputLane.Item.BytesRead b) listener.onBytesRead(b.bytes());
                else if (item instanceof InputLane.Item.Unreadable u) listener.onInputUnreadable(u.input(), u.reason());
                else if (item instanceof InputLane.Item.Rewind r) listener.onRewind(r.input());
            }
        }

        private List<InputLane.Item> next() {
            try {
                return lane.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + lane.name(), e);
            }
        }

        @Override public int compareTo(Head o) {
            int byTime = Long.compare(fact.fact().getTime(), o.fact.fact().getTime());
            return byTime != 0 ? byTime : Integer.compare(order, o.order);
        }
    }
}
