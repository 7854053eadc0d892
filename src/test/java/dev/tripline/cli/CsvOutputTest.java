package dev.tripline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.tripline.output.CsvAlertWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** --format csv: parsed back with a CSV parser, row by row it says what the JSON alerts say, and no cell is a formula. */
class CsvOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIXTURES = {
            "fixtures/escalation-critical-server-parent/events.jsonl",
            "fixtures/spread-three-hosts-in-an-hour/events.jsonl",
            "fixtures/learned-context-from-logons-and-services/events.jsonl"};

    @TempDir Path tmp;

    @Test void everyRowIsTheJsonAlertItStandsFor() throws Exception {
        List<JsonNode> alerts = jsonAlerts(FIXTURES);
        List<Map<String, String>> rows = csvRows(FIXTURES);

        assertThat(alerts).hasSizeGreaterThan(5);
        assertThat(alerts.stream().map(a -> a.path("kind").asText())).contains("detection", "correlation");
        assertThat(rows).hasSameSizeAs(alerts);
        for (int i = 0; i < alerts.size(); i++) assertRowIsAlert(rows.get(i), alerts.get(i));
    }

    @Test void attackerControlledCellsAreNeitherFormulasNorBrokenRows() throws Exception {
        String hostile = HostileEvents.write(tmp).toString();
        List<JsonNode> alerts = jsonAlerts(hostile);
        List<Map<String, String>> rows = csvRows(hostile);

        assertThat(rows).hasSameSizeAs(alerts);
        for (int i = 0; i < rows.size(); i++) assertRowIsAlert(rows.get(i), alerts.get(i));
        // Three distinct discovery commands within ten minutes also make a burst correlation: its cell joins them.
        assertThat(rows.stream().filter(r -> r.get("kind").equals("correlation")).map(r -> r.get("command_line")))
                .allSatisfy(c -> assertThat(c).startsWith("'=HYPERLINK"));
        assertThat(rows.stream().filter(r -> r.get("kind").equals("detection")).map(r -> r.get("command_line"))).containsExactlyInAnyOrder(
                "'" + HostileEvents.COMMAND_LINES.get(0), "'" + HostileEvents.COMMAND_LINES.get(1),
                "'" + HostileEvents.COMMAND_LINES.get(2), "'" + HostileEvents.COMMAND_LINES.get(3),
                HostileEvents.COMMAND_LINES.get(4), HostileEvents.COMMAND_LINES.get(5));
        for (Map<String, String> r : rows) {
            for (String cell : r.values()) assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@");
        }
    }

    @Test void aCellIsNeutralisedOnlyWhenItStartsLikeAFormula() {
        for (String start : List.of("=", "+", "-", "@", "\t", "\r")) {
            assertThat(CsvAlertWriter.cell(start + "1+1")).isEqualTo("'" + start + "1+1");
        }
        assertThat(CsvAlertWriter.cell("net1 a=b -x +y @z")).isEqualTo("net1 a=b -x +y @z");
        assertThat(CsvAlertWriter.cell("'quoted")).isEqualTo("'quoted");
        assertThat(CsvAlertWriter.cell(null)).isEmpty();
    }

    @Test void theHeaderNamesEveryColumn() {
        CliRun run = CliRun.of("correlate", "--format", "csv", FIXTURES[0]);
        assertThat(run.out().lines().findFirst()).hasValue(
                "time,severity,kind,rule_id,rule_title,host,user,command_line,parent_image,reasons,context,count,first_seen,last_seen,events");
        assertThat(run.out()).contains("\r\n");
    }

    private static void assertRowIsAlert(Map<String, String> row, JsonNode a) {
        assertThat(row.get("time")).isEqualTo(a.path("time").asText());
        assertThat(row.get("severity")).isEqualTo(a.path("severity").asText());
        assertThat(row.get("kind")).isEqualTo(a.path("kind").asText());
        assertThat(row.get("rule_id")).isEqualTo(CsvAlertWriter.cell(a.at("/rule/id").asText()));
        assertThat(row.get("rule_title")).isEqualTo(CsvAlertWriter.cell(a.at("/rule/title").asText()));
        assertThat(row.get("host")).isEqualTo(CsvAlertWriter.cell(a.path("host").asText()));
        assertThat(row.get("user")).isEqualTo(CsvAlertWriter.cell(a.path("user").asText("")));
        assertThat(row.get("command_line")).isEqualTo(CsvAlertWriter.cell(joinDistinct(a, "command_line")));
        assertThat(row.get("parent_image")).isEqualTo(CsvAlertWriter.cell(joinDistinct(a, "parent_image")));
        assertThat(row.get("reasons")).isEqualTo(CsvAlertWriter.cell(join(a.path("reasons"))));
        assertThat(row.get("context")).isEqualTo(CsvAlertWriter.cell(join(a.path("context"))));
        assertThat(row.get("count")).isEqualTo(a.path("count").asText());
        assertThat(row.get("first_seen")).isEqualTo(a.path("first_seen").asText());
        assertThat(row.get("last_seen")).isEqualTo(a.path("last_seen").asText());
        Set<String> cites = new LinkedHashSet<>();
        for (JsonNode e : a.path("events")) cites.add(e.path("file").asText() + ":" + e.path("line").asLong());
        assertThat(row.get("events")).isEqualTo(String.join("\n", cites));
    }

    private static String joinDistinct(JsonNode a, String field) {
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode e : a.path("events")) if (!e.path(field).isNull() && !e.path(field).isMissingNode()) values.add(e.path(field).asText());
        return String.join("\n", values);
    }

    private static String join(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join("\n", values);
    }

    static List<JsonNode> jsonAlerts(String... inputs) throws Exception {
        CliRun run = CliRun.of(args("jsonl", inputs));
        assertThat(run.exit()).isZero();
        List<JsonNode> out = new ArrayList<>();
        for (String line : run.out().lines().toList()) out.add(JSON.readTree(line));
        return out;
    }

    private static List<Map<String, String>> csvRows(String... inputs) throws Exception {
        CliRun run = CliRun.of(args("csv", inputs));
        assertThat(run.exit()).isZero();
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(run.out())) {
            while (it.hasNext()) rows.add(it.next());
        }
        return rows;
    }

    private static String[] args(String format, String... inputs) {
        List<String> a = new ArrayList<>(List.of("correlate", "--format", format));
        a.addAll(List.of(inputs));
        return a.toArray(String[]::new);
    }
}
