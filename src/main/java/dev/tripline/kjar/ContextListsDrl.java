package dev.tripline.kjar;

import dev.tripline.context.ContextListLoader;
import dev.tripline.engine.RuleFile;
import dev.tripline.engine.RuleSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the rules folder's data lists ({@code identities.yaml}) into DRL, so the KJAR is self-contained: a
 * foreign KIE host runs no Tripline Java, yet the classification rules need the list facts that
 * {@link ContextListLoader} inserts in Tripline. The generated rule has top salience and inserts every list
 * fact the first time the session fires.
 *
 * <p>No double insertion: the rule fires only when no list fact of any kind is in working memory. Tripline
 * inserts its own list facts when a session starts (before the first firing), so if Tripline ever loads a
 * folder holding this generated file as well as the YAML, the rule stays silent.
 *
 * <p>Run at build time ({@code process-classes}) with {@code RULES_DIR OUTPUT_DIR}; writes
 * {@code OUTPUT_DIR/tripline/context/context_lists.drl}.
 */
public final class ContextListsDrl {
    /** Where the generated file goes inside the KJAR. */
    public static final String PATH = "tripline/context/context_lists.drl";
    public static final String RULE_NAME = "Context lists from the rules folder's data files are in working memory";

    private ContextListsDrl() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) throw new IllegalArgumentException("usage: ContextListsDrl RULES_DIR OUTPUT_DIR");
        String drl = generate(RuleSource.directory(Path.of(args[0])));
        Path out = Path.of(args[1]).resolve(PATH);
        Files.createDirectories(out.getParent());
        Files.writeString(out, drl, StandardCharsets.UTF_8);
    }

    /** The DRL for every data file of {@code source}; throws if a data file has problems (the build must fail). */
    public static String generate(RuleSource source) {
        List<String> problems = new ArrayList<>();
        StringBuilder inserts = new StringBuilder();
        List<String> files = new ArrayList<>();
        for (RuleFile data : source.dataFiles()) {
            files.add(data.relativePath());
            int expected = ContextListLoader.load(data.displayPath(), data.content(), p -> problems.add(p.toString())).size();
            int written = statements(data, inserts, problems);
            if (problems.isEmpty() && written != expected) {
                problems.add(data.displayPath() + ": the loader makes " + expected + " facts but the KJAR generator wrote "
                        + written + " (a new list type? teach " + ContextListsDrl.class.getSimpleName() + ")");
            }
        }
        if (!problems.isEmpty()) throw new IllegalStateException("cannot generate the context-list DRL:\n" + String.join("\n", problems));

        return "package tripline.context;\n\n"
                + "// GENERATED at build time from " + String.join(", ", files) + " — do not edit; edit the YAML.\n"
                + "// Inserts the context-list facts once, the first time the session fires, unless the host (Tripline)\n"
                + "// already inserted them.\n\n"
                + "import dev.tripline.model.LocalSystemName;\n"
                + "import dev.tripline.model.ServiceAccountPattern;\n"
                + "import dev.tripline.model.ServerProcess;\n\n"
                + "rule \"" + RULE_NAME + "\"\n"
                + "    salience 1000000\n"
                + "when\n"
                + "    not LocalSystemName()\n"
                + "    not ServiceAccountPattern()\n"
                + "    not ServerProcess()\n"
                + "then\n"
                + inserts
                + "end\n";
    }

    private static int statements(RuleFile data, StringBuilder out, List<String> problems) {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().build()).loadFromString(data.content());
        } catch (RuntimeException e) {
            return 0; // the loader has reported it
        }
        if (!(doc instanceof Map<?, ?> top)) return 0;
        int n = 0;
        for (Map.Entry<?, ?> e : top.entrySet()) {
            if (!(e.getValue() instanceof List<?> items)) continue;
            String key = String.valueOf(e.getKey());
            for (Object item : items) {
                Map<?, ?> m = item instanceof Map<?, ?> map ? map : Map.of();
                String stmt = switch (key) {
                    case "local_system_names" -> "new LocalSystemName(" + lit(item) + ")";
                    case "service_accounts" -> "new ServiceAccountPattern(" + lit(m.get("sid")) + ", " + lit(m.get("name")) + ", " + lit(m.get("why")) + ")";
                    case "server_processes" -> "new ServerProcess(" + lit(m.get("image")) + ", " + lit(m.get("kind")) + ")";
                    default -> null;
                };
                if (stmt == null) {
                    problems.add(data.displayPath() + ": list '" + key + "' is not known to " + ContextListsDrl.class.getSimpleName());
                    break;
                }
                out.append("    insert( ").append(stmt).append(" );\n");
                n++;
            }
        }
        return n;
    }

    /** A Java string literal, ASCII only (other characters as unicode escapes), or {@code null}. */
    static String lit(Object value) {
        if (value == null) return "null";
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toString().toCharArray()) {
            switch (c) {
                case '\\' -> s.append("\\\\");
                case '"' -> s.append("\\\"");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) s.append(String.format("\\u%04x", (int) c));
                    else s.append(c);
                }
            }
        }
        return s.append('"').toString();
    }
}
