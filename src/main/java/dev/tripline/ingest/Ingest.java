package dev.tripline.ingest;

import dev.tripline.model.SourceRef;

import java.io.BufferedInputStream;
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
                else if (!entry.isEventFile()) listener.onSkipped(new SourceRef(entry.name(), 0), "not an event file (folder walks read *.json, *.jsonl, *.ndjson, *.log, .gz of them, and *.evtx)");
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

    private void readStream(String name, InputStream raw) {
        listener.onInputOpened(name);
        long lines;
        try {
            // EVTX by content (its signature), not by name; a *.evtx that is not EVTX is named, not read as JSON.
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(EvtxInput.SIGNATURE_BYTES.length());
            byte[] head = in.readNBytes(EvtxInput.SIGNATURE_BYTES.length());
            in.reset();
            if (EvtxInput.sniff(head, head.length) || name.toLowerCase(java.util.Locale.ROOT).endsWith(".evtx")) {
                long records = EvtxInput.read(name, in, dispatcher, listener);
                if (records >= 0) listener.onInputClosed(name, records);
                return;
            }
            lines = new InputReader(name, dispatcher, options).read(in);
        } catch (IOException | java.io.UncheckedIOException e) {
            // Only read failures end an input here; what the listener throws (--strict) ends the run.
            listener.onInputUnreadable(name, IoProblems.describe(e));
            return;
        }
        listener.onInputClosed(name, lines);
    }
}
