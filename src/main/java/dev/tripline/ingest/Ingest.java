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
    private static final String NOT_AN_EVENT_FILE = "not an event file (folder walks read *.json, *.jsonl, *.ndjson, *.log, and .gz of them)";

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
        for (String input : inputs) {
            for (Source source : sources(List.of(input), listener)) ingest.read(source);
        }
    }

    /**
     * One input of a run that can be read on its own: stdin ({@code path} null), a file named on the command line,
     * or an event file found in a folder ({@code name} is then the folder as given joined with the relative path).
     */
    public record Source(String name, Path path) {
        public boolean isStdin() { return path == null; }
    }

    /**
     * The inputs as separate sources, for a caller that reads them side by side (the batch's timeline merge):
     * folders are listed as {@link #read} lists them, and their entries that are not read (not an event file,
     * unlistable) are reported to {@code listener} here, exactly as {@link #read} reports them.
     */
    public static List<Source> sources(List<String> inputs, IngestListener listener) {
        List<Source> out = new java.util.ArrayList<>();
        for (String input : inputs) {
            if (STDIN.equals(input)) {
                out.add(new Source(input, null));
                continue;
            }
            Path path = Path.of(input);
            if (!Files.isDirectory(path)) {
                out.add(new Source(input, path));
                continue;
            }
            for (FolderWalk.Entry entry : FolderWalk.list(input, path)) {
                if (entry.error() != null) listener.onInputUnreadable(entry.name(), entry.error());
                else if (!entry.isEventFile()) listener.onSkipped(new SourceRef(entry.name(), 0), NOT_AN_EVENT_FILE);
                else out.add(new Source(entry.name(), entry.path()));
            }
        }
        return out;
    }

    /** Reads one source from {@link #sources}, reporting to {@code listener} as {@link #read} does for it. */
    public static void read(Source source, Optional<EventShape> forced, IngestOptions options, IngestListener listener,
                            InputStream stdin) {
        new Ingest(forced, options, listener, stdin).read(source);
    }

    private void read(Source source) {
        if (source.isStdin()) readStream(source.name(), stdin);
        else readFile(source.name(), source.path());
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
            lines = new InputReader(name, dispatcher, options).read(in);
        } catch (IOException | java.io.UncheckedIOException e) {
            // Only read failures end an input here; what the listener throws (--strict) ends the run.
            listener.onInputUnreadable(name, IoProblems.describe(e));
            return;
        }
        listener.onInputClosed(name, lines);
    }
}
