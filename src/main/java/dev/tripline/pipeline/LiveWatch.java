package dev.tripline.pipeline;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.LiveCorrelation;
import dev.tripline.engine.RuleCompilationException;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.ingest.EventShape;
import dev.tripline.ingest.IngestListener;
import dev.tripline.ingest.RecordFeed;
import dev.tripline.model.Alert;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import dev.tripline.output.AlertSink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * {@code tripline watch}: follows a growing JSON Lines file (or stdin) on the real-time clock, writes alerts
 * as they are raised, and reloads the rules when a .drl or .yaml file in the rules folder changes. A reload
 * that does not compile keeps the running rules and reports each error as {@code file:line}. One thread does
 * everything (reading, firing, reloading), polling every {@code pollMillis}.
 */
public final class LiveWatch {
    private final Path rulesDir;           // null: bundled rules, never reloaded
    private final String input;            // a file path, or "-" for stdin
    private final Optional<EventShape> schema;
    private final AlertSink sink;
    private final PrintWriter err;
    private final InputStream stdin;
    private final long pollMillis;

    private LiveCorrelation live;
    private Map<Path, String> rulesSnapshot = Map.of();
    private Map<Path, String> pendingSnapshot;
    private long events, rejected, reloads, failedReloads;

    public LiveWatch(Path rulesDir, String input, Optional<EventShape> schema, AlertSink sink, PrintWriter err,
                     InputStream stdin, long pollMillis) {
        this.rulesDir = rulesDir;
        this.input = input;
        this.schema = schema;
        this.sink = sink;
        this.err = err;
        this.stdin = stdin;
        this.pollMillis = pollMillis;
    }

    /** Runs until {@code stop} says so (or stdin ends). Throws if the initial rules do not compile. */
    public void run(CompiledRules initial, BooleanSupplier stop) throws IOException {
        rulesSnapshot = snapshot();
        live = new LiveCorrelation(initial);
        RecordFeed feed = new RecordFeed(schema, new Listener());
        try (LineSource lines = "-".equals(input) ? new StdinLines(stdin) : new FileLines(Path.of(input))) {
            while (!stop.getAsBoolean()) {
                boolean any = false;
                for (LineSource.Line l; (l = lines.next()) != null; ) {
                    feed.line(input, l.number(), l.bytes(), 0, l.bytes().length);
                    any = true;
                }
                maybeReload();
                emit(live.tick());
                if (lines.ended()) break;
                if (!any) lines.await(pollMillis);
            }
            emit(live.finish());
        } finally {
            live.close();
        }
    }

    public long events() { return events; }
    public long rejected() { return rejected; }
    public long reloads() { return reloads; }
    public long failedReloads() { return failedReloads; }

    /**
     * Reloads when the rules folder changed and then stayed the same for one poll (an editor's save can take
     * several writes). Whatever goes wrong while compiling keeps the running rules.
     */
    private void maybeReload() throws IOException {
        if (rulesDir == null) return;
        Map<Path, String> now = snapshot();
        if (now.equals(rulesSnapshot)) {
            pendingSnapshot = null;
            return;
        }
        if (!now.equals(pendingSnapshot)) {
            pendingSnapshot = now; // changed: wait one poll for it to settle
            return;
        }
        rulesSnapshot = now;
        pendingSnapshot = null;
        CompiledRules next;
        try {
            next = RuleCompiler.compile(RuleSource.directory(rulesDir));
        } catch (RuleCompilationException e) {
            failedReloads++;
            e.diagnostics().forEach(err::println);
            err.println("tripline: the changed rules do not compile (" + e.diagnostics().size()
                    + " error(s)); still running the previous rules");
            err.flush();
            return;
        } catch (IOException | RuntimeException e) {
            failedReloads++;
            err.println("tripline: cannot reload the rules (" + e + "); still running the previous rules");
            err.flush();
            return;
        }
        reloads++;
        emit(live.reload(next));
        err.println("tripline: rules reloaded from " + rulesDir + " (" + next.rules().size() + " rules)");
        err.flush();
    }

    /** Every .drl and .yaml file under the rules folder with its size and modification time. */
    private Map<Path, String> snapshot() throws IOException {
        if (rulesDir == null) return Map.of();
        Map<Path, String> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(rulesDir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String n = p.getFileName().toString();
                if (!(n.endsWith(".drl") || n.endsWith(".yaml") || n.endsWith(".yml"))) continue;
                try {
                    out.put(p, Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis() + "#" + Files.readString(p).hashCode());
                } catch (IOException | UncheckedIOException vanished) {
                    // being replaced by an editor: the next poll sees the new file
                }
            }
        }
        return out;
    }

    private void emit(List<Alert> alerts) {
        for (Alert a : alerts) {
            try {
                sink.write(a);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write alert: " + e.getMessage(), e);
            }
        }
    }

    private final class Listener implements IngestListener {
        @Override public void onFact(TimedFact fact) {
            events++;
            emit(live.accept(fact));
        }

        @Override public void onSkipped(SourceRef source, String reason) {}

        @Override public void onRejected(SourceRef source, String reason, String detail) {
            rejected++;
            err.println(source + ": rejected: " + reason + (detail.isEmpty() ? "" : " (" + detail + ")"));
            err.flush();
        }
    }

    /** Complete lines as they appear. */
    interface LineSource extends AutoCloseable {
        /** A line's bytes as read, without its line break: the feed decodes them (and rejects what is not UTF-8). */
        record Line(long number, byte[] bytes) {}

        /** The next complete line, or null if none is available yet. */
        Line next() throws IOException;

        /** Waits up to {@code millis} for more input. */
        void await(long millis);

        /** No more input will come (stdin closed). */
        boolean ended();

        @Override void close() throws IOException;
    }

    /** Follows a file: reads what was appended since the last call; starts over if the file shrinks (rotated). */
    static final class FileLines implements LineSource {
        private final Path path;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private final byte[] buf = new byte[1 << 16];
        private RandomAccessFile file;
        private long position, lineNumber;
        private java.util.ArrayDeque<Line> ready = new java.util.ArrayDeque<>();

        FileLines(Path path) { this.path = path; }

        @Override public Line next() throws IOException {
            if (ready.isEmpty()) fill();
            return ready.poll();
        }

        private void fill() throws IOException {
            if (file == null) {
                if (!Files.isRegularFile(path)) return;
                file = new RandomAccessFile(path.toFile(), "r");
            }
            long length = file.length();
            if (length < position) { // truncated or replaced: start over
                position = 0;
                lineNumber = 0;
                partial.reset();
            }
            file.seek(position);
            int n;
            while (position < length && (n = file.read(buf, 0, (int) Math.min(buf.length, length - position))) > 0) {
                position += n;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lineNumber++;
                        ready.add(new Line(lineNumber, withoutCr(partial.toByteArray())));
                        partial.reset();
                    } else {
                        partial.write(buf[i]);
                    }
                }
            }
        }

        @Override public void await(long millis) { sleep(millis); }
        @Override public boolean ended() { return false; }
        @Override public void close() throws IOException { if (file != null) file.close(); }
    }

    /** Stdin, read by a daemon thread so the watch loop keeps firing and reloading while no input comes. */
    static final class StdinLines implements LineSource {
        private static final Line END = new Line(-1, new byte[0]);
        private final BlockingQueue<Line> queue = new LinkedBlockingQueue<>(10_000);
        private volatile boolean ended;
        private Line pending;

        StdinLines(InputStream in) {
            Thread t = new Thread(() -> {
                try (InputStream r = new java.io.BufferedInputStream(in)) {
                    long n = 0;
                    ByteArrayOutputStream line = new ByteArrayOutputStream();
                    for (int b; (b = r.read()) >= 0; ) {
                        if (b != '\n') {
                            line.write(b);
                            continue;
                        }
                        queue.put(new Line(++n, withoutCr(line.toByteArray())));
                        line.reset();
                    }
                    if (line.size() > 0) queue.put(new Line(++n, withoutCr(line.toByteArray())));
                } catch (IOException | InterruptedException e) {
                    // end of input either way
                } finally {
                    try { queue.put(END); } catch (InterruptedException ignored) { Thread.currentThread().interrupt(); }
                }
            }, "tripline-watch-stdin");
            t.setDaemon(true);
            t.start();
        }

        @Override public Line next() {
            Line l = pending != null ? pending : queue.poll();
            pending = null;
            if (l == END) { ended = true; return null; }
            return l;
        }

        @Override public void await(long millis) {
            try {
                if (pending == null) pending = queue.poll(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ended = true;
            }
        }

        @Override public boolean ended() { return ended; }
        @Override public void close() {}
    }

    private static byte[] withoutCr(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? java.util.Arrays.copyOf(line, line.length - 1) : line;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
