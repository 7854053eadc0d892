package dev.tripline.pipeline;

import dev.tripline.ingest.EventShape;
import dev.tripline.ingest.Ingest;
import dev.tripline.ingest.IngestListener;
import dev.tripline.ingest.IngestOptions;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * One input of a run, read on its own thread: its facts pass through its own {@link ReorderBuffer}, so the
 * input's local disorder is absorbed before the {@link Timeline} merges it with the other inputs, and everything
 * the reader reports (facts, skips, rejections, lines read) is handed over in input order, in chunks, through a
 * small bounded queue. The reader blocks while the queue is full, so an input of any size holds at most
 * {@link #QUEUE_CHUNKS} chunks of {@link #CHUNK} items plus the events inside its reorder window.
 *
 * <p>A fact more than the rewind threshold older than the newest fact of this input ends a recording: what the
 * buffer holds goes out, then a {@link Item.Rewind}, then the next recording.
 */
final class InputLane implements Runnable {
    static final int CHUNK = 256;
    static final int QUEUE_CHUNKS = 4;

    /** What a lane hands to the merge, in input order. */
    sealed interface Item {
        record Fact(TimedFact fact) implements Item {}
        record Skipped(SourceRef source, String reason) implements Item {}
        record Rejected(SourceRef source, String reason, String detail) implements Item {}
        record Opened(String input) implements Item {}
        record Closed(String input, long lines, long blank) implements Item {}
        record Note(String input, String note) implements Item {}
        record BytesRead(long bytes) implements Item {}
        record Unreadable(String input, String reason) implements Item {}
        /** This input went back in time by more than the rewind threshold: another recording starts. */
        record Rewind(String input) implements Item {}
        /** The reader failed with an unexpected error (a bug, not bad input): the run ends with it. */
        record Failed(RuntimeException error) implements Item {}
        record End() implements Item {}
    }

    /** Thrown inside the reader thread to unwind it when the merge has stopped listening. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() { super(null, null, false, false); }
    }

    private final Ingest.Source source;
    private final Optional<EventShape> forced;
    private final IngestOptions ingestOptions;
    private final InputStream stdin;
    private final ReorderBuffer buffer;
    private final BlockingQueue<List<Item>> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    private List<Item> pending = new ArrayList<>(CHUNK);
    private final boolean strict;
    private final Consumer<TimedFact> readAhead;
    private volatile boolean cancelled;
    /** The merge is waiting on this lane for its next chunk. */
    private volatile boolean starved;
    private Thread thread;

    /**
     * {@code readAhead}: work on a fact that needs no session, done here when the session's thread is the slower
     * one (see {@link Listener#onFact}).
     */
    InputLane(Ingest.Source source, Optional<EventShape> forced, IngestOptions ingestOptions, InputStream stdin,
              long reorderMillis, long rewindMillis, boolean strict, Consumer<TimedFact> readAhead) {
        this.strict = strict;
        this.readAhead = readAhead;
        this.source = source;
        this.forced = forced;
        this.ingestOptions = ingestOptions;
        this.stdin = stdin;
        this.buffer = new ReorderBuffer(reorderMillis, rewindMillis);
    }

    String name() { return source.name(); }

    void start() {
        thread = new Thread(this, "tripline-input-" + source.name());
        thread.setDaemon(true);
        thread.start();
    }

    /** The next chunk of items, in input order; the last chunk ends with {@link Item.End}. */
    List<Item> take() throws InterruptedException {
        List<Item> chunk = queue.poll();
        if (chunk != null) return chunk;
        starved = true;
        try {
            return queue.take();
        } finally {
            starved = false;
        }
    }

    /** Stops the reader (the merge ended early: --strict, a failing sink); it lets go of its input. */
    void cancel() {
        cancelled = true;
        if (thread != null) thread.interrupt();
        queue.clear();
    }

    @Override public void run() {
        try {
            Ingest.read(source, forced, ingestOptions, new Listener(), stdin);
            for (TimedFact f : buffer.drain()) emit(new Item.Fact(f));
            emit(new Item.End());
            flush();
        } catch (Cancelled c) {
            // The merge stopped listening; nothing is waiting for this input any more.
        } catch (RuntimeException | Error e) {
            if (cancelled) return;
            pending.add(new Item.Failed(e instanceof RuntimeException r ? r : new IllegalStateException(e)));
            pending.add(new Item.End());
            try {
                flush();
            } catch (Cancelled c) {
                // as above
            }
        }
    }

    private void emit(Item item) {
        if (cancelled) throw new Cancelled();
        pending.add(item);
        if (pending.size() >= CHUNK) flush();
    }

    private void flush() {
        if (pending.isEmpty()) return;
        try {
            queue.put(pending);
        } catch (InterruptedException e) {
            throw new Cancelled();
        }
        if (cancelled) throw new Cancelled();
        pending = new ArrayList<>(CHUNK);
    }

    private final class Listener implements IngestListener {
        @Override public void onFact(TimedFact fact) {
            // Either thread can do the read-ahead work (the session does what was not done ahead, with the same
            // result): this one leaves it to the session while the session waits for input, and does it
            // otherwise, so whichever thread is slower sheds it. (Whether anything is queued says less: a
            // session that is behind still drains the queue in bursts.)
            if (!starved) readAhead.accept(fact);
            if (buffer.isRewind(fact.getTime())) {
                for (TimedFact f : buffer.drain()) emit(new Item.Fact(f));
                emit(new Item.Rewind(source.name()));
            }
            for (TimedFact ready : buffer.add(fact)) emit(new Item.Fact(ready));
        }

        @Override public void onSkipped(SourceRef where, String reason) { emit(new Item.Skipped(where, reason)); }

        @Override public void onRejected(SourceRef where, String reason, String detail) {
            // Under --strict the run stops at this line: the events before it leave the reorder buffer first, so
            // they are correlated before the stop.
            if (strict) for (TimedFact f : buffer.drain()) emit(new Item.Fact(f));
            emit(new Item.Rejected(where, reason, detail));
        }

        @Override public void onInputOpened(String input) { emit(new Item.Opened(input)); }

        @Override public void onInputClosed(String input, long lines) { onInputClosed(input, lines, 0); }

        @Override public void onInputClosed(String input, long lines, long blank) { emit(new Item.Closed(input, lines, blank)); }

        @Override public void onInputNote(String input, String note) { emit(new Item.Note(input, note)); }

        @Override public void onBytesRead(long n) { emit(new Item.BytesRead(n)); }

        @Override public void onInputUnreadable(String input, String reason) { emit(new Item.Unreadable(input, reason)); }
    }
}
