package dev.tripline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The sample records under {@code shapes/}, detected and normalized as the readers would. */
final class ShapeSamples {
    private ShapeSamples() {}

    static JsonNode load(String sample) {
        try (InputStream in = ShapeSamples.class.getResourceAsStream("/shapes/" + sample + ".json")) {
            assertThat(in).as("sample %s", sample).isNotNull();
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Detects the sample's shape, checks it is {@code expected}, and returns the accepted event. */
    static ProcessEvent normalize(String sample, EventShape expected) {
        JsonNode record = load(sample);
        assertThat(EventShape.detect(record)).as("shape of %s", sample).contains(expected);
        Outcome outcome = expected.normalizer().normalize(record, new SourceRef(sample, 1));
        assertThat(outcome).as("outcome of %s", sample).isInstanceOf(Outcome.Accepted.class);
        return (ProcessEvent) ((Outcome.Accepted) outcome).fact();
    }

    /** Detects the sample's shape, checks it is {@code expected}, and returns the accepted fact as {@code type}. */
    static <T extends TimedFact> T fact(String sample, EventShape expected, Class<T> type) {
        JsonNode record = load(sample);
        assertThat(EventShape.detect(record)).as("shape of %s", sample).contains(expected);
        Outcome outcome = expected.normalizer().normalize(record, new SourceRef(sample, 1));
        assertThat(outcome).as("outcome of %s", sample).isInstanceOf(Outcome.Accepted.class);
        return type.cast(((Outcome.Accepted) outcome).fact());
    }

    static Outcome outcome(JsonNode record) {
        EventShape shape = EventShape.detect(record).orElseThrow();
        return shape.normalizer().normalize(record, new SourceRef("test", 1));
    }

    static long millis(String isoInstant) {
        return Instant.parse(isoInstant).toEpochMilli();
    }
}
