package dev.tripline.output;

import java.io.IOException;
import java.io.Writer;

/** The {@code --format} choices, each with its writer. */
public enum OutputFormat {
    JSONL {
        @Override public AlertSink open(Writer out) throws IOException { return new JsonLinesAlertWriter(out); }
    },
    JSON {
        @Override public AlertSink open(Writer out) throws IOException { return new JsonArrayAlertWriter(out); }
    },
    TABLE {
        @Override public AlertSink open(Writer out) { return new TableAlertWriter(out); }
        @Override public AlertSink open(Writer out, boolean colour) { return new TableAlertWriter(out, colour); }
    },
    CSV {
        @Override public AlertSink open(Writer out) throws IOException { return new CsvAlertWriter(out); }
    };

    public abstract AlertSink open(Writer out) throws IOException;

    /** As {@link #open(Writer)}, with severity in colour where the format has any (the table). */
    public AlertSink open(Writer out, boolean colour) throws IOException { return open(out); }
}
