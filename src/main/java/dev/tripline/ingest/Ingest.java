package dev.tripline.ingest;

import dev.tripline.model.SourceRef;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ingest entry point: reads files, folders (recursively, in path order, hidden entries skipped) and
 * stdin ({@code -}), streaming, and reports every record and every physical line to the listener. An input
 * that cannot be read is reported and the next one is read.
 */
public final class Ingest {
    public static final String STDIN = "-";

    private final IngestOptions options;
    private final IngestListener listener;
    private final RecordDispatcher dispatcher;
    private final InputStream stdin;

    private Ingest(Optional<EventShape> forced, IngestOptions options, IngestListener listener, InputStream stdin) {
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.stdin = stdin;
        this.dispatcher = new RecordDispatcher(Objects.requireNonNull(forced, "forced"), listener);
    }

    /**
     * Reads the inputs in order. {@code forced} skips shape detection (the {@code --schema} option): every
     * record goes to that shape's normalizer.
     */
    public static void read(List<String> inputs, Optional<EventShape> forced, IngestOptions options,
                            IngestListener listener) {
        read(inputs, forced, options, listener, System.in);
    }

    /** As {@link #read(List, Optional, IngestOptions, IngestListener)}, with {@code -} reading {@code stdin}. */
    public static void read(List<String> inputs, Optional<EventShape> forced, IngestOptions options,
                            IngestListener listener, InputStream stdin) {
        Ingest ingest = new Ingest(forced, options, listener, stdin);
        for (String input : inputs) ingest.readInput(input);
    }

    private void readInput(String input) {
        if (STDIN.equals(input)) {
            readStream(input, stdin);
            return;
        }
        Path path = Path.of(input);
        if (Files.isDirectory(path)) {
            for (FolderWalk.Entry entry : FolderWalk.list(input, path)) {
                if (entry.error() != null) listener.onInputUnreadable(entry.name(), entry.error());
                else if (!entry.isEventFile()) listener.onSkipped(new SourceRef(entry.name(), 0), "not an event file (folder walks read *.json, *.jsonl, *.ndjson, *.log, and .gz of them)");
                else readFile(entry.name(), entry.path());
            }
        } else {
            readFile(input, path);
        }
    }

    private void readFile(String name, Path path) {
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (IOException | RuntimeException e) {
            listener.onInputUnreadable(name, IoProblems.describe(e));
            return;
        }
        try (in) {
            readStream(name, in);
        } catch (IOException e) {
            // Closing failed after everything was read: nothing is lost.
        }
    }

    private void readStream(String name, InputStream in) {
        listener.onInputOpened(name);
        long lines;
        try {
            lines = new InputReader(name, dispatcher, options).read(new ByteCounting(in, listener));
        } catch (IOException | java.io.UncheckedIOException e) {
            // Only read failures end an input here; what the listener throws (--strict) ends the run.
            listener.onInputUnreadable(name, IoProblems.describe(e));
            return;
        }
        listener.onInputClosed(name, lines);
    }

    /**
     * The bytes the inputs hold, for an ETA: files as named, and the event files a folder walk would read;
     * empty when an input is stdin or its size cannot be read.
     */
    public static java.util.OptionalLong totalBytes(List<String> inputs) {
        long total = 0;
        for (String input : inputs) {
            if (STDIN.equals(input)) return java.util.OptionalLong.empty();
            Path path = Path.of(input);
            try {
                if (Files.isDirectory(path)) {
                    for (FolderWalk.Entry e : FolderWalk.list(input, path)) if (e.error() == null && e.isEventFile()) total += Files.size(e.path());
                } else {
                    total += Files.size(path);
                }
            } catch (IOException | RuntimeException e) {
                return java.util.OptionalLong.empty();
            }
        }
        return java.util.OptionalLong.of(total);
    }

    /** Tells the listener how many bytes each read took. */
    private static final class ByteCounting extends java.io.FilterInputStream {
        private final IngestListener listener;

        ByteCounting(InputStream in, IngestListener listener) {
            super(in);
            this.listener = listener;
        }

        @Override public int read() throws IOException {
            int b = super.read();
            if (b >= 0) listener.onBytesRead(1);
            return b;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) listener.onBytesRead(n);
            return n;
        }

        @Override public long skip(long n) throws IOException {
            long k = super.skip(n);
            if (k > 0) listener.onBytesRead(k);
            return k;
        }
    }
}
