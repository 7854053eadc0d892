package dev.tripline.context;

import dev.tripline.model.LocalSystemName;
import dev.tripline.model.ServerProcess;
import dev.tripline.model.ServiceAccountPattern;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the lists that classification rules join on — LOCAL_SYSTEM names, service-account patterns, server
 * processes — from YAML beside the DRL, so a user changes them without touching Java or DRL.
 * <pre>
 * local_system_names: ['NT AUTHORITY\SYSTEM', …]
 * service_accounts:   [{sid: S-1-5-19, why: …} | {name: 'svc_*', why: …}]
 * server_processes:   [{image: w3wp.exe, kind: …}]
 * </pre>
 */
public final class ContextListLoader {

    /** A problem with one data file, in terms the user can fix. */
    public record Problem(String path, int line, String message) {}

    private static final int MAX_CODE_POINTS = 64 << 20;

    private ContextListLoader() {}

    /** Facts from one YAML document; problems go to {@code problems}, the good entries are still returned. */
    public static List<Object> load(String path, String yaml, Consumer<Problem> problems) {
        List<Object> facts = new ArrayList<>();
        Object doc;
        try {
            List<Object> docs = BoundedYaml.loadAll(path, yaml, MAX_CODE_POINTS);
            doc = docs.isEmpty() ? null : docs.get(0);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            problems.accept(new Problem(path, line, "invalid YAML: " + e.getProblem()));
            return facts;
        } catch (YamlEngineException e) {
            problems.accept(new Problem(path, 0, "invalid YAML: " + e.getMessage()));
            return facts;
        }
        if (doc == null) return facts;
        if (!(doc instanceof Map<?, ?> top)) {
            problems.accept(new Problem(path, 1, "expected a map of lists (local_system_names, service_accounts, server_processes)"));
            return facts;
        }
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String key = String.valueOf(e.getKey());
            List<?> items = e.getValue() instanceof List<?> l ? l : null;
            if (items == null) {
                problems.accept(new Problem(path, 0, "'" + key + "' must be a list"));
                continue;
            }
            switch (key) {
                case "local_system_names" -> items.forEach(i -> facts.add(new LocalSystemName(String.valueOf(i))));
                case "service_accounts" -> items.forEach(i -> serviceAccount(path, key, i, facts, problems));
                case "server_processes" -> items.forEach(i -> serverProcess(path, key, i, facts, problems));
                default -> problems.accept(new Problem(path, 0, "unknown list '" + key
                        + "' (known: local_system_names, service_accounts, server_processes)"));
            }
        }
        return facts;
    }

    private static void serviceAccount(String path, String key, Object item, List<Object> facts, Consumer<Problem> problems) {
        if (!(item instanceof Map<?, ?> m) || (m.get("sid") == null && m.get("name") == null) || m.get("why") == null) {
            problems.accept(new Problem(path, 0, key + ": each entry needs 'sid' or 'name', and 'why' (got " + item + ")"));
            return;
        }
        facts.add(new ServiceAccountPattern(str(m.get("sid")), str(m.get("name")), str(m.get("why"))));
    }

    private static void serverProcess(String path, String key, Object item, List<Object> facts, Consumer<Problem> problems) {
        if (!(item instanceof Map<?, ?> m) || m.get("image") == null || m.get("kind") == null) {
            problems.accept(new Problem(path, 0, key + ": each entry needs 'image' and 'kind' (got " + item + ")"));
            return;
        }
        facts.add(new ServerProcess(str(m.get("image")), str(m.get("kind"))));
    }

    private static String str(Object o) { return o == null ? null : o.toString(); }
}
