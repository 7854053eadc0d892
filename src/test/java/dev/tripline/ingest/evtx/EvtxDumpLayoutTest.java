package dev.tripline.ingest.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tripline.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SigmaHQ renders its regression .evtx files with the Rust {@code evtx_dump}: record for record, this reader's
 * JSON is the same tree (key order aside), values typed alike (numbers, {@code 0x…} hex, GUIDs, SIDs, times).
 */
class EvtxDumpLayoutTest {
    /** Its JSON was not rendered from its .evtx as it stands (a hand-edited ParentCommandLine and SystemTime). */
    private static final String EDITED = "proc_creation_win_susp_right_to_left_override";

    @Test
    void everyRegressionRecordIsTheTreeEvtxDumpWrote() throws IOException {
        Path root = SharedData.require("sigma/regression_data");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
        ObjectMapper mapper = new ObjectMapper();
        List<String> differ = new ArrayList<>();
        int compared = 0;
        for (Path evtx : files) {
            List<JsonNode> theirs = new ArrayList<>();
            Path json = evtx.resolveSibling(evtx.getFileName().toString().replace(".evtx", ".json"));
            try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(json.toFile())) {
                while (it.hasNext()) theirs.add(it.next());
            }
            Collected mine = Collected.read(evtx);
            assertThat(mine.problems).isEmpty();
            assertThat(mine.records).hasSameSizeAs(theirs);
            for (int i = 0; i < theirs.size(); i++) {
                // Re-read as text, so numbers compare by value whatever node type holds them.
                if (!mapper.readTree(mine.records.get(i).json().toString()).equals(theirs.get(i))) differ.add(evtx.getParent().getFileName().toString());
                compared++;
            }
        }
        assertThat(compared).isEqualTo(70);
        assertThat(differ).containsExactly(EDITED);
    }
}
