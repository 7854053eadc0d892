package dev.tripline.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/** Lets an alert writer over the command's stdout be closed (flushing it) without closing stdout itself. */
final class NonClosingWriter extends FilterWriter {
    NonClosingWriter(Writer out) { super(out); }

    @Override public void close() throws IOException { flush(); }
}
