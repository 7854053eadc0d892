package dev.tripline.pipeline;

import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import dev.tripline.output.AlertSink;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Writes a run's alerts as a timeline: by alert time (a detection's event, a correlation's last event, a folded
 * alert's first occurrence); at equal times detections before correlations, then in the order the engine produced
 * them; each alert's events in time order.
 *
 * <p>Alerts leave the engine out of that order (a folded alert waits for its window, a correlation can close
 * after later detections, a rewound input starts over in the past), so they are held and sorted at the end of
 * the run. Memory stays bounded: once the alerts held list more than {@code maxHeldEvents} events they are
 * sorted and spilled to a temporary file (a sorted run), and the end of the run merges the runs with what is
 * still held. Runs are merged into one whenever {@link #MAX_RUNS} pile up, so few files are open at once.
 */
final class AlertTimeline implements AutoCloseable {
    /** Heap an event listed in a held alert takes, with its share of the alert (measured: about 2.5 kB). */
    static final long BYTES_PER_HELD_EVENT = 2_560;
    /** The least the default holds before spilling: about 25 MB of alerts, a tenth of a 256 MB heap. */
    static final int MIN_MAX_HELD_EVENTS = 10_000;
    /**
     * Events listed in held alerts before they are spilled, by default: a tenth of the JVM's maximum heap, at
     * least {@value #MIN_MAX_HELD_EVENTS}. Spilling writes each alert with Java serialization and reads it back at
     * the end (in a run with tens of thousands of alerts, about a tenth of the session thread), so a heap that can
     * hold them does.
     */
    static final int DEFAULT_MAX_HELD_EVENTS = defaultMaxHeldEvents(Runtime.getRuntime().maxMemory());

    static int defaultMaxHeldEvents(long maxHeapBytes) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_MAX_HELD_EVENTS, maxHeapBytes / 10 / BYTES_PER_HELD_EVENT));
    }
    static final int MAX_RUNS = 32;

    private record Held(Alert alert, long seq) {}

    /** By time; at the same time a detection before the correlation it completes; then in production order. */
    private static final Comparator<Held> ORDER = Comparator.comparingLong((Held h) -> h.alert().time())
            .thenComparing(h -> !h.alert().kind().equals("detection"))
            .thenComparingLong(Held::seq);

    private final int maxHeldEvents;
    private final List<Held> held = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private long heldEvents;
    private long seq;
    private long spilled;

    AlertTimeline(int maxHeldEvents) {
        this.maxHeldEvents = maxHeldEvents;
    }

    void add(Alert alert) {
        Alert a = eventsInTimeOrder(alert);
        held.add(new Held(a, seq++));
        heldEvents += 1 + a.events().size();
        if (heldEvents > maxHeldEvents) spill();
    }

    /** Alerts that went through a temporary file (for tests and the README's claim). */
    long spilled() { return spilled; }

    /** Writes everything added, in time order, to {@code sink}; the timeline is empty afterwards. */
    void writeTo(AlertSink sink) throws IOException {
        held.sort(ORDER);
        if (runs.isEmpty()) {
            for (Held h : held) sink.write(h.alert());
        } else {
            merge(runs, held, h -> sink.write(h.alert()));
        }
        clear();
    }

    @Override public void close() { clear(); }

    private void clear() {
        held.clear();
        heldEvents = 0;
        for (Path run : runs) deleteQuietly(run);
        runs.clear();
    }

    private void spill() {
        held.sort(ORDER);
        try {
            if (runs.size() >= MAX_RUNS) {
                Path merged = newRun();
                try (Out out = new Out(merged)) {
                    merge(runs, List.of(), out::write);
                }
                for (Path run : runs) deleteQuietly(run);
                runs.clear();
                runs.add(merged);
            }
            Path run = newRun();
            try (Out out = new Out(run)) {
                for (Held h : held) out.write(h);
            }
            runs.add(run);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill alerts to a temporary file: " + e.getMessage(), e);
        }
        spilled += held.size();
        held.clear();
        heldEvents = 0;
    }

    private interface HeldConsumer {
        void accept(Held h) throws IOException;
    }

    /** K-way merge of sorted runs and a sorted list; ties keep production order ({@code seq} is global). */
    private static void merge(List<Path> files, List<Held> memory, HeldConsumer out) throws IOException {
        List<In> ins = new ArrayList<>();
        try {
            PriorityQueue<Source> heads = new PriorityQueue<>(Comparator.comparing(Source::head, ORDER));
            for (Path f : files) {
                In in = new In(f);
                ins.add(in);
                Source s = new Source(in::read);
                if (s.advance()) heads.add(s);
            }
            var it = memory.iterator();
            Source mem = new Source(() -> it.hasNext() ? it.next() : null);
            if (mem.advance()) heads.add(mem);
            while (!heads.isEmpty()) {
                Source s = heads.poll();
                out.accept(s.head);
                if (s.advance()) heads.add(s);
            }
        } finally {
            for (In in : ins) in.close();
        }
    }

    private interface Reader {
        Held read() throws IOException;
    }

    private static final class Source {
        private final Reader reader;
        private Held head;

        Source(Reader reader) { this.reader = reader; }

        Held head() { return head; }

        boolean advance() throws IOException {
            head = reader.read();
            return head != null;
        }
    }

    /**
     * A sorted run on disk: (seq, alert) pairs, Java serialization. The stream is reset every {@link #RESET_EVERY}
     * alerts, so what it remembers (every object written since the last reset) stays small; not after each alert,
     * because a reset also forgets the class descriptions, which were then written and parsed again for every
     * alert (most of the cost of reading a run back). Between resets an event cited by several alerts is written
     * once and read back as one object, which changes nothing: alerts and their events are immutable.
     */
    private static final class Out implements AutoCloseable {
        static final int RESET_EVERY = 128;
        private final ObjectOutputStream out;
        private int sinceReset;

        Out(Path file) throws IOException {
            out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        }

        void write(Held h) throws IOException {
            out.writeLong(h.seq());
            out.writeObject(h.alert());
            if (++sinceReset == RESET_EVERY) {
                out.reset();
                sinceReset = 0;
            }
        }

        @Override public void close() throws IOException { out.close(); }
    }

    private static final class In implements AutoCloseable {
        private final ObjectInputStream in;

        In(Path file) throws IOException {
            in = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        }

        Held read() throws IOException {
            long seq;
            try {
                seq = in.readLong();
            } catch (EOFException end) {
                return null;
            }
            try {
                return new Held((Alert) in.readObject(), seq);
            } catch (ClassNotFoundException e) {
                throw new IOException("spilled alert unreadable: " + e.getMessage(), e);
            }
        }

        @Override public void close() throws IOException { in.close(); }
    }

    private static Path newRun() throws IOException {
        Path p = Files.createTempFile("tripline-alerts-", ".run");
        p.toFile().deleteOnExit();
        return p;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A temporary file left behind is removed at exit (deleteOnExit).
        }
    }

    /** The alert with its events sorted by time (stable: equal times keep their order); itself when already sorted. */
    static Alert eventsInTimeOrder(Alert a) {
        List<ProcessEvent> events = a.events();
        boolean sorted = true;
        for (int i = 1; i < events.size() && sorted; i++) sorted = events.get(i - 1).getTime() <= events.get(i).getTime();
        if (sorted) return a;
        List<ProcessEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong(ProcessEvent::getTime));
        return a.merged(a.severity(), a.reasons(), a.context(), ordered, a.count(), a.firstSeen(), a.lastSeen());
    }
}
