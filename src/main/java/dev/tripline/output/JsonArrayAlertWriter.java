package dev.tripline.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tripline.model.Alert;

import java.io.IOException;
import java.io.Writer;

/** One pretty-printed JSON array, streamed element by element so it never holds the alerts in memory. */
public final class JsonArrayAlertWriter implements AlertSink {
    private final JsonGenerator gen;

    public JsonArrayAlertWriter(Writer out) throws IOException {
        this.gen = AlertJson.MAPPER.getFactory().createGenerator(out).useDefaultPrettyPrinter();
        gen.writeStartArray();
    }

    @Override public void write(Alert alert) throws IOException {
        AlertJson.write(alert, gen);
        gen.flush();
    }

    @Override public void close() throws IOException {
        gen.writeEndArray();
        gen.writeRaw('\n');
        gen.flush();
    }
}
