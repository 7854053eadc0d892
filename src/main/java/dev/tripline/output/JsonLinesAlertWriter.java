package dev.tripline.output;

import dev.tripline.model.Alert;

import java.io.IOException;
import java.io.Writer;

/** One alert per line: the default, for machines and for piping into jq. */
public final class JsonLinesAlertWriter implements AlertSink {
    private final Writer out;

    public JsonLinesAlertWriter(Writer out) { this.out = out; }

    @Override public void write(Alert alert) throws IOException {
        out.write(AlertJson.MAPPER.writeValueAsString(AlertJson.toJson(alert)));
        out.write('\n');
        out.flush();
    }

    @Override public void close() throws IOException { out.flush(); }
}
