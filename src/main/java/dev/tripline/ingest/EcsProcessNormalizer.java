package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.Account;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;
import java.util.Locale;
import java.util.Set;

/**
 * Elastic Common Schema process starts (Elastic Defend, Auditbeat, other ECS exporters). Exporters write
 * both nested objects and dotted keys, so every field goes through {@link Fields#path}.
 */
final class EcsProcessNormalizer implements Normalizer {
    static final String SCHEMA = "ecs";
    private static final Set<String> START_ACTIONS = Set.of("start", "exec", "process_started", "executed");

    @Override public boolean recognizes(JsonNode r) {
        return Fields.path(r, "event.category") != null || Fields.path(r, "event.action") != null
                || Fields.path(r, "ecs.version") != null;
    }

    @Override public Outcome normalize(JsonNode r, SourceRef source) {
        if (!isProcessStart(r)) {
            return Outcome.skipped(Reasons.notUsed("ECS event "
                    + describe(Fields.path(r, "event.category")) + "/" + describe(Fields.path(r, "event.action"))));
        }
        ProcessEvent.Builder b = ProcessEvent.builder()
                .schema(SCHEMA)
                .source(source)
                .host(Fields.firstPathText(r, "host.name", "host.hostname"))
                .actor(new Account(Fields.pathText(r, "user.domain"), Fields.pathText(r, "user.name"),
                        Fields.pathText(r, "user.id")))
                .originalFileName(Fields.pathText(r, "process.pe.original_file_name"))
                .parentImage(Fields.pathText(r, "process.parent.executable"))
                .parentCommandLine(commandLine(r, "process.parent"))
                .integrityLevel(Fields.pathText(r, "process.Ext.token.integrity_level_name"))
                .processId(Fields.pathText(r, "process.pid"))
                .parentProcessId(Fields.pathText(r, "process.parent.pid"))
                .currentDirectory(Fields.pathText(r, "process.working_directory"))
                .hashes(ProcessEvents.hashes(
                        "SHA1", Fields.pathText(r, "process.hash.sha1"),
                        "MD5", Fields.pathText(r, "process.hash.md5"),
                        "SHA256", Fields.pathText(r, "process.hash.sha256")))
                .company(Fields.pathText(r, "process.pe.company"))
                .description(Fields.pathText(r, "process.pe.description"))
                .product(Fields.pathText(r, "process.pe.product"))
                .fileVersion(Fields.pathText(r, "process.pe.file_version"));
        TimeField time = TimeField.of("@timestamp", Fields.pathText(r, "@timestamp"));
        return ProcessEvents.complete(b, time, Fields.pathText(r, "process.executable"), commandLine(r, "process"));
    }

    /** {@code event.category} contains {@code process} and the type or action says it started. */
    private static boolean isProcessStart(JsonNode r) {
        JsonNode category = Fields.path(r, "event.category");
        boolean process = category == null ? Fields.path(r, "process.executable") != null
                : Fields.containsIgnoreCase(category, "process");
        if (!process) return false;
        if (Fields.containsIgnoreCase(Fields.path(r, "event.type"), "start")) return true;
        String action = Fields.pathText(r, "event.action");
        return action != null && START_ACTIONS.contains(action.toLowerCase(Locale.ROOT));
    }

    /** {@code command_line}, else {@code args} joined the way Windows would quote them. */
    private static String commandLine(JsonNode r, String process) {
        String line = Fields.pathText(r, process + ".command_line");
        if (line != null) return line;
        JsonNode args = Fields.path(r, process + ".args");
        if (args == null || !args.isArray() || args.isEmpty()) return null;
        StringBuilder sb = new StringBuilder();
        for (JsonNode a : args) {
            String s = a.asText();
            if (sb.length() > 0) sb.append(' ');
            boolean quote = s.isEmpty() || s.indexOf(' ') >= 0 || s.indexOf('\t') >= 0;
            // Quoted as CommandLineToArgvW reads it back; enough for rules that look for substrings.
            sb.append(quote ? '"' + s.replace("\"", "\\\"") + '"' : s);
        }
        return Fields.clean(sb.toString());
    }

    private static String describe(JsonNode v) {
        if (v == null) return "-";
        return v.isArray() ? v.toString() : v.asText();
    }
}
