package dev.tripline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Realistic benchmark input: the shared datasets' real Sysmon and 4688 records, replayed over and over with
 * shifted host names and a steady event clock (one event every 20 ms across the fleet), as JSON Lines.
 */
final class BenchmarkData {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String[] HOST_FIELDS = {"Computer", "Hostname", "computer_name"};

    private BenchmarkData() {}

    static List<ObjectNode> realRecords(Path datasets) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(datasets)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl.gz")).sorted().toList()) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        JsonNode n = JSON.readTree(line);
                        if (n.isObject() && n.hasNonNull("CommandLine")) out.add((ObjectNode) n);
                    }
                }
            }
        }
        return out;
    }

    /** Writes {@code count} events to {@code target}; returns its size in bytes. */
    static long write(List<ObjectNode> base, long count, Path target) throws IOException {
        long start = Instant.parse("2024-06-01T00:00:00Z").toEpochMilli();
        try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (long i = 0; i < count; i++) {
                ObjectNode e = base.get((int) (i % base.size())).deepCopy();
                long round = i / base.size();
                Instant t = Instant.ofEpochMilli(start + i * 20);
                retime(e, t);
                for (String h : HOST_FIELDS) {
                    if (e.hasNonNull(h)) e.put(h, e.get(h).asText() + "-" + round);
                }
                w.write(JSON.writeValueAsString(e));
                w.write('\n');
            }
        }
        return Files.size(target);
    }

    private static void retime(ObjectNode e, Instant t) {
        String spaced = SPACED.format(t);
        if (e.has("UtcTime")) e.put("UtcTime", spaced);
        if (e.has("TimeCreated")) e.put("TimeCreated", e.get("TimeCreated").asText().contains("T") ? t.toString() : spaced);
        if (e.has("@timestamp")) e.put("@timestamp", t.toString());
        if (e.has("EventTime")) e.put("EventTime", SPACED.format(t).substring(0, 19));
        if (e.has("TimeGenerated")) e.put("TimeGenerated", t.toString());
    }
}
