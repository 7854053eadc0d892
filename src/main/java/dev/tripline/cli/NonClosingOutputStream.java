package dev.tripline.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Lets a writer over stdout be closed (flushing it) without closing stdout itself. */
final class NonClosingOutputStream extends FilterOutputStream {
    NonClosingOutputStream(OutputStream out) { super(out); }

    @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }

    @Override public void close() throws IOException { flush(); }
}
