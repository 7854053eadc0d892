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
     * folders are listed as {@link #read} lists them, and what a folder walk leaves out (files that are not event
     * exports by name, unlistable entries, a folder with no event file) is reported to {@code listener} here, once.
     * Files left out are not counted as lines: the folder's note says how many.
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
            List<String> ignored = new java.util.ArrayList<>();
            int eventFiles = 0;
            for (FolderWalk.Entry entry : FolderWalk.list(input, path)) {
                if (entry.error() != null) listener.onInputUnreadable(entry.name(), entry.error());
                else if (!entry.isEventFile()) ignored.add(entry.name());
                else {
                    eventFiles++;
                    out.add(new Source(entry.name(), entry.path()));
                }
            }
            if (!ignored.isEmpty()) {
                listener.onInputNote(input, ignored.size() + " file(s) not read, not event files by name (e.g. "
                        + String.join(", ", ignored.subList(0, Math.min(3, ignored.size()))) + "); " + FOLDER_WALK_READS);
            }
            if (eventFiles == 0) listener.onInputNote(input, "the folder holds no event files; " + FOLDER_WALK_READS);
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

    private static final String FOLDER_WALK_READS = "folder walks read *.json, *.jsonl, *.ndjson, *.log, .gz of them, and *.evtx";

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

    /**
     * Content first ({@link InputContent}: gzip, encoding, binary, .evtx), then the text reader. Every opened input
     * is closed with the lines it gave, also when reading stopped early (a truncated gzip).
     */
    private void readStream(String name, InputStream in) {
        listener.onInputOpened(name);
        InputReader reader = null;
        try {
            InputContent content = InputContent.open(new ByteCounting(in, listener));
            // EVTX by content (its signature), not by name; a *.evtx that is not EVTX is named, not read as JSON.
            if (content.kind() == InputContent.Kind.EVTX || name.toLowerCase(java.util.Locale.ROOT).endsWith(".evtx")) {
                long records = EvtxInput.read(name, content.stream(), dispatcher, listener);
                listener.onInputClosed(name, Math.max(records, 0), 0);
                return;
            }
            switch (content.kind()) {
                case EMPTY -> listener.onInputNote(name, "the input is empty");
                case BINARY, EVTX -> listener.onInputUnreadable(name, "not event text: " + content.description());
                case TEXT, UTF16 -> {
                    if (content.kind() == InputContent.Kind.UTF16) listener.onInputNote(name, "read as " + content.description());
                    reader = new InputReader(name, dispatcher, options, content.kind() == InputContent.Kind.UTF16);
                    reader.read(content.stream());
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // Only read failures end an input here; what the listener throws (--strict) ends the run.
            String where = reader != null && reader.lines() > 0 ? " (after line " + reader.lines() + ")" : "";
            listener.onInputUnreadable(name, IoProblems.describe(e) + where);
        }
        long lines = reader == null ? 0 : reader.lines();
        listener.onInputClosed(name, lines, reader == null ? 0 : reader.blank());
        if (reader != null) encodingNote(name, reader, lines);
    }

    /** Many lines that are not UTF-8 text mean the file is in another encoding: say so once. */
    private void encodingNote(String name, InputReader reader, long lines) {
        long bad = reader.notText() + reader.withNul();
        long records = lines - reader.blank();
        if (bad < 2 || (bad < 10 && bad * 2 < records)) return;
        StringBuilder note = new StringBuilder().append(bad).append(" line(s) are not UTF-8 JSON text");
        if (reader.withNul() * 2 >= bad) note.append(" (they hold NUL bytes: UTF-16 or UTF-32 without BOM, or padding?)");
        else note.append(" (another encoding such as Windows-1252 or Latin-1?)");
        note.append("; save the file as UTF-8 or as UTF-16 with BOM");
        listener.onInputNote(name, note.toString());
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
