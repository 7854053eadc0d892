package dev.tripline.context;

import dev.tripline.model.AllowlistEntry;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --allowlist FILE}: known-benign activity, YAML/JSON ({@code allow: […]}) or CSV. Each entry: any of
 * {@code parent_image}, {@code command_line}, {@code account}, {@code host} (wildcards {@code *} and {@code ?}),
 * optional {@code from}/{@code until} (ISO-8601 instants) and a required {@code reason}.
 */
public final class AllowlistLoader {
    private AllowlistLoader() {}

    public static List<Object> load(Path file) throws ContextFileException {
        Object doc = Records.read(file);
        String origin = file.getFileName().toString();
        if (!(doc instanceof Map<?, ?> top)) throw new ContextFileException(file + ": expected an 'allow' list");
        Object entries = top.containsKey("rows") ? top.get("rows") : top.get("allow");
        if (entries == null) throw new ContextFileException(file + ": expected an 'allow' list");
        if (!(entries instanceof List<?>)) throw new ContextFileException(file + ": 'allow' must be a list of entries");
        List<Object> facts = new ArrayList<>();
        int i = 0;
        for (Object o : InventoryLoader.list(entries, file, "allow")) {
            Map<?, ?> m = InventoryLoader.map(o, file, "allow", ++i);
            String where = file + ": allow[" + i + "]";
            String reason = Records.text(m, "reason");
            if (reason == null) throw new ContextFileException(where + ": every allowlist entry needs a 'reason'");
            String parent = Records.text(m, "parent_image"), cmd = Records.text(m, "command_line"),
                    account = Records.text(m, "account"), host = Records.text(m, "host");
            if (parent == null && cmd == null && account == null && host == null) {
                throw new ContextFileException(where + ": give at least one of parent_image, command_line, account, host");
            }
            facts.add(new AllowlistEntry(parent, cmd, account, host, instant(m, "from", where), instant(m, "until", where), reason, origin));
        }
        return facts;
    }

    private static Long instant(Map<?, ?> m, String key, String where) throws ContextFileException {
        String v = Records.text(m, key);
        if (v == null) return null;
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ContextFileException(where + ": '" + key + "' must be an ISO-8601 instant such as 2024-03-05T18:00:00Z, got '" + v + "'");
        }
    }
}
