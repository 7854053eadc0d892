package dev.tripline.ingest.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled .evtx fixture is the project's own evtx_dump-layout fixture written as .evtx: it is reproducible
 * from that JSON (regenerate with {@code EvtxFixture.main}), and reading it gives back exactly that JSON.
 */
class EvtxFixtureTest {

    @Test
    void theBundledEvtxIsWrittenFromTheJsonFixtureAndReadsBackToIt() throws IOException {
        List<JsonNode> json = EvtxFixture.records(EvtxFixture.SOURCE);

        assertThat(Files.readAllBytes(EvtxFixture.TARGET)).isEqualTo(EvtxFixture.evtx(json));
        Collected c = Collected.read(EvtxFixture.TARGET);
        assertThat(c.problems).isEmpty();
        ObjectMapper m = new ObjectMapper();
        assertThat(c.records).hasSize(json.size());
        for (int i = 0; i < json.size(); i++) assertThat(m.readTree(c.records.get(i).json().toString())).isEqualTo(json.get(i));
    }
}
