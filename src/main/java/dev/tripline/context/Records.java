package dev.tripline.context;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a user's data file — YAML, JSON (a YAML subset) or CSV with a header row — as maps of text. */
final class Records {
    private Records() {}

    /** The whole document: a map for YAML/JSON; for CSV, {@code {"rows": [...]}}. */
    static Object read(Path file) throws ContextFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ContextFileException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) return Map.of("rows", csv(file, text));
        try {
            return new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new ContextFileException(file + ": not valid YAML or JSON: " + e.getMessage().replace('\n', ' '), e);
        }
    }

    private static List<Map<String, String>> csv(Path file, String text) throws ContextFileException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader().withComments()).readValues(text)) {
            while (it.hasNextValue()) rows.add(it.nextValue());
        } catch (IOException | RuntimeException e) {
            throw new ContextFileException(file + ": not valid CSV: " + e.getMessage(), e);
        }
        return rows;
    }

    static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) return null;
        String s = v.toString().trim();
        return s.isEmpty() ? null : s;
    }

    static List<String> list(Map<?, ?> m, String key) {
        Object v = m.get(key);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) l.forEach(x -> out.add(x.toString()));
        else if (v != null) for (String part : v.toString().split("[;|]")) if (!part.isBlank()) out.add(part.trim());
        return out;
    }
}
