package dev.tripline.sigma;

import dev.tripline.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompilationException;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleFile;
import dev.tripline.engine.RuleSource;
import dev.tripline.model.Account;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support only: finds the shared Sigma material, and reads SigmaHQ regression data (.evtx dumps as
 * back-to-back pretty-printed JSON) into ProcessEvents. A deliberately minimal Sysmon-1 adapter — the real
 * ingest layer lives elsewhere; this one only copies EventData fields one-to-one.
 */
final class SigmaTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SigmaTestSupport() {}

    /** {@code shared/sigma} beside the checkout; skips the test when absent. */
    static Path sharedSigma() { return SharedData.require("sigma"); }

    static Path corpus() { return sharedSigma().resolve("rules/windows/process_creation"); }

    static Path regression() { return sharedSigma().resolve("regression_data/rules/windows/process_creation"); }

    /** The project's rules-drl folder (tests run with the module root as working directory). */
    static Path rulesDrl() { return Path.of(System.getProperty("user.dir")).resolve("rules-drl"); }

    /** Sysmon process-creation events of one regression file, in file order. */
    static List<ProcessEvent> events(Path json) throws IOException {
        List<ProcessEvent> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(json.toFile())) {
            long n = 0;
            while (it.hasNext()) {
                JsonNode root = it.next();
                n++;
                JsonNode sys = root.path("Event").path("System");
                if (sys.path("EventID").asInt(-1) != 1) continue;
                JsonNode d = root.path("Event").path("EventData");
                String user = text(d, "User");
                Account actor = null;
                if (user != null) {
                    int cut = user.indexOf('\\');
                    actor = cut < 0 ? new Account(null, user, null) : new Account(user.substring(0, cut), user.substring(cut + 1), null);
                }
                String time = sys.path("TimeCreated").path("#attributes").path("SystemTime").asText();
                out.add(ProcessEvent.builder()
                        .time(Instant.parse(time).toEpochMilli())
                        .host(sys.path("Computer").asText(null))
                        .actor(actor)
                        .logonId(text(d, "LogonId"))
                        .image(text(d, "Image")).originalFileName(text(d, "OriginalFileName"))
                        .commandLine(text(d, "CommandLine")).parentImage(text(d, "ParentImage"))
                        .parentCommandLine(text(d, "ParentCommandLine")).integrityLevel(text(d, "IntegrityLevel"))
                        .processId(text(d, "ProcessId")).parentProcessId(text(d, "ParentProcessId"))
                        .currentDirectory(text(d, "CurrentDirectory")).parentUser(text(d, "ParentUser"))
                        .hashes(text(d, "Hashes")).company(text(d, "Company")).description(text(d, "Description"))
                        .product(text(d, "Product")).fileVersion(text(d, "FileVersion"))
                        .schema("sysmon-evtx-test").source(new SourceRef(json.getFileName().toString(), n))
                        .build());
            }
        }
        return out;
    }

    /** The process events of one .evtx file, read by the real ingest layer (native EVTX reader and normalizers). */
    static List<ProcessEvent> evtxEvents(Path evtx) {
        List<ProcessEvent> out = new ArrayList<>();
        dev.tripline.ingest.Ingest.read(List.of(evtx.toString()), java.util.Optional.empty(),
                dev.tripline.ingest.IngestOptions.defaults(), new dev.tripline.ingest.IngestListener() {
                    @Override public void onFact(dev.tripline.model.TimedFact fact) {
                        if (fact instanceof ProcessEvent e) out.add(e);
                    }

                    @Override public void onSkipped(SourceRef source, String reason) {}

                    @Override public void onRejected(SourceRef source, String reason, String detail) {
                        throw new AssertionError(source + ": " + reason + ": " + detail);
                    }
                });
        return out;
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The compiled converted rules, without the prefilter's own two rules. */
    static List<org.kie.api.definition.rule.Rule> convertedRules(CompiledRules compiled) {
        return compiled.rules().stream().filter(r -> !PrefilterRules.isPrefilterRule(r.getName())).toList();
    }

    /** Compiles {@code files}, adding the prefilter rules of each package whose converted rules use one. */
    static CompiledRules compile(String description, List<RuleFile> files) throws RuleCompilationException {
        List<RuleFile> all = new ArrayList<>(files);
        java.util.Set<String> drivers = new java.util.HashSet<>();
        for (RuleFile f : files) if (f.relativePath().endsWith("/" + PrefilterRules.FILE)) drivers.add(f.relativePath());
        for (RuleFile f : files) {
            if (!f.content().contains(" : SigmaCandidate( rule == ")) continue;
            String folder = f.relativePath().substring(0, f.relativePath().lastIndexOf('/'));
            String driver = folder + "/" + PrefilterRules.FILE;
            if (drivers.add(driver)) all.add(new RuleFile(driver, driver, PrefilterRules.generate(folder.replace('/', '.'))));
        }
        return RuleCompiler.compile(RuleSource.of(description, all));
    }

    /** events/event_lifetimes.drl from the bundled rules, so converted rules run with the same fact lifetimes. */
    static RuleFile lifetimes() throws IOException {
        Path p = rulesDrl().resolve("tripline/events/event_lifetimes.drl");
        return new RuleFile(p.toString(), "tripline/events/event_lifetimes.drl", Files.readString(p));
    }
}
