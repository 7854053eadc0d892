package dev.tripline.context;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
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

    /**
     * Limits that fit real inventories with room to spare: 100k identities are about 7 MB of YAML or 5 MB of CSV.
     * A larger file is refused before it is read.
     */
    static final long MAX_BYTES = 64L << 20;
    static final int MAX_CSV_ROWS = 1_000_000;

    /** The whole document: a map for YAML/JSON; for CSV, {@code {"rows": [...]}}. */
    static Object read(Path file) throws ContextFileException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ContextFileException(file + ": cannot read: " + IoMessages.of(e), e);
        }
        if (size > MAX_BYTES) {
            throw new ContextFileException(file + ": over limit: " + (size >> 20) + " MiB; context and allowlist files are limited to "
                    + (MAX_BYTES >> 20) + " MiB (about 900k identities)");
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) return Map.of("rows", csv(file));
        try {
            return BoundedYaml.load(file.toString(), () -> Files.newBufferedReader(file, StandardCharsets.UTF_8), (int) MAX_BYTES);
        } catch (IOException e) {
            throw new ContextFileException(file + ": cannot read: " + IoMessages.of(e), e);
        } catch (YamlEngineException e) {
            throw new ContextFileException(file + ": not valid YAML or JSON: " + oneLine(e.getMessage()), e);
        }
    }

    /** Row by row from the file, never the whole text in memory at once. */
    private static List<Map<String, String>> csv(Path file) throws ContextFileException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader().withComments()).readValues(in)) {
            while (it.hasNextValue()) {
                if (rows.size() == MAX_CSV_ROWS) throw new ContextFileException(file + ": over limit: more than " + MAX_CSV_ROWS + " rows");
                rows.add(it.nextValue());
            }
        } catch (CharacterCodingException e) {
            throw new ContextFileException(file + ": cannot read: " + IoMessages.of(e), e);
        } catch (IOException | RuntimeException e) {
            throw new ContextFileException(file + ": not valid CSV: " + oneLine(e.getMessage()), e);
        }
        return rows;
    }

    private static String oneLine(String s) { return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " "); }

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
