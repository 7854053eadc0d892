package dev.tripline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tripline.model.SourceRef;
import dev.tripline.testing.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The tree the ingest builds leaves out the fields in {@link RecordTree#UNREAD}: every shape must still give the
 * same outcome from it as from the whole record, on every record we have (bundled fixtures, the shared datasets and
 * SigmaHQ's regression events). A normalizer that starts reading a left-out field fails here.
 */
class RecordTreeTest {
    private static final ObjectMapper FACTS = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @Test
    void everyBundledFixtureRecordGivesTheSameOutcomeWithoutTheUnreadFields() throws IOException {
        List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("fixtures"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) records.addAll(jsonLines(f));
        }
        // Fixtures carry no rendered message; one is added so that the skipped path runs on every record.
        records.replaceAll(r -> r instanceof ObjectNode o ? o.deepCopy().put("Message", "A new process has been created.\r\n\r\nCreator Subject: " + o) : r);

        assertThat(records).hasSizeGreaterThan(200);
        assertSameOutcomes(records);
    }

    @Test
    void scalarValuesAreTheNodesReadTreeGives() throws IOException {
        // Numbers and literals are made without readTree: each must still be the node (and node type) it would make.
        String record = "{\"int\":4688,\"negative\":-1,\"long\":12345678901234,\"big\":123456789012345678901234567890,"
                + "\"float\":1.5,\"exponent\":1e23,\"yes\":true,\"no\":false,\"nothing\":null,\"text\":\"C:\\\\x.exe\","
                + "\"object\":{\"#text\":1},\"array\":[1,\"a\",null],\"Message\":\"left out\",\"int\":7}";
        JsonNode tree;
        try (JsonParser p = Json.MAPPER.createParser(record)) {
            p.nextToken();
            tree = RecordTree.read(p);
        }
        ObjectNode expected = (ObjectNode) Json.MAPPER.readTree(record);
        expected.remove("Message");

        assertThat(tree).isEqualTo(expected);
        for (String field : List.of("int", "negative", "long", "big", "float", "exponent", "yes", "no", "nothing")) {
            assertThat(tree.get(field).getNodeType()).as(field).isEqualTo(expected.get(field).getNodeType());
            assertThat(tree.get(field).getClass()).as(field).isEqualTo(expected.get(field).getClass());
        }
        assertThat(tree.get("int").intValue()).as("a repeated name keeps its last value").isEqualTo(7);
    }

    @Test
    void everySharedDatasetRecordGivesTheSameOutcomeWithoutTheUnreadFields() throws IOException {
        Path datasets = SharedData.find("datasets").orElse(null);
        assumeTrue(datasets != null, "the shared datasets are not beside this checkout");
        List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(datasets)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl.gz")).sorted().toList()) records.addAll(jsonLines(f));
        }
        try (Stream<Path> files = Files.walk(SharedData.require("sigma/regression_data"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) records.add(Json.MAPPER.readTree(f.toFile()));
        }

        long withMessage = records.stream().filter(r -> RecordTree.UNREAD.stream().anyMatch(r::has)).count();
        assertThat(withMessage).as("records that carry a left-out field").isGreaterThan(1_000);
        assertSameOutcomes(records);
    }

    private static void assertSameOutcomes(List<JsonNode> records) throws IOException {
        for (JsonNode whole : records) {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(whole);
            JsonNode tree;
            try (JsonParser p = Json.MAPPER.createParser(bytes)) {
                p.nextToken();
                tree = RecordTree.read(p);
            }
            JsonNode expected = whole;
            if (whole instanceof ObjectNode o) {
                ObjectNode without = o.deepCopy();
                RecordTree.UNREAD.forEach(without::remove);
                expected = without;
            }
            assertThat(tree).isEqualTo(expected);

            Optional<EventShape> shape = EventShape.detect(whole);
            assertThat(EventShape.detect(tree)).as("shape of %s", whole).isEqualTo(shape);
            for (EventShape s : EventShape.values()) {
                SourceRef at = new SourceRef("record", 1);
                assertThat(describe(s.normalizer().normalize(tree, at)))
                        .as("%s on %s", s.cliName(), whole)
                        .isEqualTo(describe(s.normalizer().normalize(whole, at)));
            }
        }
    }

    /** An outcome as comparable data: the fact's properties, or the reason. */
    private static String describe(Outcome o) {
        if (o instanceof Outcome.Accepted a) return a.fact().getClass().getSimpleName() + FACTS.valueToTree(a.fact());
        return o.toString();
    }

    private static List<JsonNode> jsonLines(Path f) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        var in = Files.newInputStream(f);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(f.toString().endsWith(".gz") ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                try {
                    out.add(Json.MAPPER.readTree(line));
                } catch (IOException e) {
                    // fixtures of bad input: not records
                }
            }
        }
        return out;
    }
}
