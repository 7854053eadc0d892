package dev.tripline.output;

import dev.tripline.model.Alert;

import java.io.IOException;

/** Where alerts go. Writers stream: an alert is written when it is produced, nothing is held back. */
public interface AlertSink extends AutoCloseable {
    void write(Alert alert) throws IOException;

    @Override void close() throws IOException;
}
