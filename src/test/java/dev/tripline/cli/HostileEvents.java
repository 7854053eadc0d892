package dev.tripline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Events whose attacker-controlled fields try to break out of every output: spreadsheet formulas, HTML and SVG
 * markup, quotes, line breaks, javascript: URLs. Each still matches the net.exe recon rule, so each is an alert.
 */
final class HostileEvents {
    static final Path SEED = Path.of("fixtures/seed-net1-localgroup-administrators/events.jsonl");

    static final List<String> COMMAND_LINES = List.of(
            "=HYPERLINK(\"javascript:alert(1)\",\"x\") net1 localgroup administrators",
            "+cmd|' /C calc'!A0 net1 localgroup administrators",
            "-net1 localgroup administrators <script>alert(\"x\")</script>",
            "@SUM(1+1) net1 localgroup administrators </svg><script>alert(1)</script>",
            "net1 localgroup administrators \"quoted, with comma\"\nsecond line 'single' <img src=x onerror=alert(1)>",
            "net1 localgroup administrators <a href=\"javascript:alert(1)\">click</a> </details></summary>");

    /** A host name from the logs that is markup. */
    static final String HOSTILE_HOST = "evil\"><svg onload=alert(1)>.corp.local";

    private HostileEvents() {}

    /** One event per hostile command line, a minute apart; the last on {@link #HOSTILE_HOST}. */
    static Path write(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode seed = (ObjectNode) json.readTree(Files.readAllLines(SEED).get(0));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < COMMAND_LINES.size(); i++) {
            ObjectNode e = seed.deepCopy();
            String t = String.format("2024-03-05 10:%02d:00.000", i);
            e.put("UtcTime", t).put("TimeCreated", t + "000");
            e.put("CommandLine", COMMAND_LINES.get(i));
            if (i == COMMAND_LINES.size() - 1) e.put("Computer", HOSTILE_HOST);
            lines.add(e.toString());
        }
        Path file = dir.resolve("hostile.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
