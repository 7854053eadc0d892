package dev.tripline.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tripline.model.Alert;

import java.io.IOException;
import java.io.Writer;

/** One alert per line: the default, for machines and for piping into jq. */
public final class JsonLinesAlertWriter implements AlertSink {
    private final JsonGenerator gen;

    public JsonLinesAlertWriter(Writer out) throws IOException {
        // The caller owns the writer; lines are separated here, not by Jackson's root-value separator (a space).
        this.gen = AlertJson.MAPPER.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.setRootValueSeparator(null);
    }

    @Override public void write(Alert alert) throws IOException {
        AlertJson.write(alert, gen);
        gen.writeRaw('\n');
        gen.flush(); // each alert whole on its line as soon as it is known (a pipe, a tail -f)
    }

    @Override public void close() throws IOException { gen.flush(); }
}
