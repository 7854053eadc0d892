package dev.tripline.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fixture scenario: a folder with {@code events*} files (any shape Tripline reads; several are the inputs of one
 * run, replayed as one timeline), {@code expected-alerts.jsonl}
 * (exactly the alerts it must produce; each listing only the fields it cares about) and an optional
 * {@code scenario.yaml} ({@code description}, {@code schema}, {@code reorder_window}, {@code context} and
 * {@code allowlist} (files in the scenario folder), {@code show_suppressed}, {@code dedup_window}).
 */
public record Scenario(String name, Path dir, String description, List<String> eventInputs,
                       List<JsonNode> expectedAlerts, String schema, String reorderWindow, List<Path> contextFiles,
                       List<Path> allowlists, boolean showSuppressed, String dedupWindow) {
    public static final String EXPECTED = "expected-alerts.jsonl";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static boolean isScenario(Path dir) {
        return Files.isRegularFile(dir.resolve(EXPECTED));
    }

    /** Every scenario folder directly below {@code root}, sorted by name. */
    public static List<Scenario> all(Path root) throws IOException {
        List<Scenario> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) if (isScenario(d)) out.add(load(d));
        }
        return out;
    }

    public static Scenario load(Path dir) throws IOException {
        List<String> inputs;
        try (Stream<Path> files = Files.list(dir)) {
            inputs = files.filter(p -> p.getFileName().toString().startsWith("events")).sorted().map(Path::toString).toList();
        }
        if (inputs.isEmpty()) throw new IOException(dir + ": no events.* file");
        List<JsonNode> expected = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(dir.resolve(EXPECTED), StandardCharsets.UTF_8);
             MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(r)) {
            while (it.hasNextValue()) expected.add(it.nextValue());
        }
        String description = dir.getFileName().toString(), schema = null, reorder = null, dedup = null;
        List<Path> context = new ArrayList<>(), allow = new ArrayList<>();
        boolean showSuppressed = false;
        Path meta = dir.resolve("scenario.yaml");
        if (Files.isRegularFile(meta)) {
            Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(meta, StandardCharsets.UTF_8));
            if (doc instanceof Map<?, ?> m) {
                if (m.get("description") != null) description = m.get("description").toString().strip();
                if (m.get("schema") != null) schema = m.get("schema").toString();
                if (m.get("reorder_window") != null) reorder = m.get("reorder_window").toString();
                if (m.get("dedup_window") != null) dedup = m.get("dedup_window").toString();
                if (m.get("show_suppressed") instanceof Boolean b) showSuppressed = b;
                if (m.get("context") instanceof List<?> l) l.forEach(f -> context.add(dir.resolve(f.toString())));
                if (m.get("allowlist") instanceof List<?> l) l.forEach(f -> allow.add(dir.resolve(f.toString())));
            }
        }
        return new Scenario(dir.getFileName().toString(), dir, description, inputs, expected, schema, reorder, context, allow,
                showSuppressed, dedup);
    }

    @Override public String toString() { return name; }
}
