package dev.tripline.kjar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.ingest.Ingest;
import dev.tripline.ingest.IngestListener;
import dev.tripline.ingest.IngestOptions;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import dev.tripline.scenario.Scenario;
import dev.tripline.scenario.ScenarioResult;
import dev.tripline.scenario.ScenarioRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays foreign KIE hosts: installs the KJAR the build made (target/tripline-rules-kjar.jar, with its pom) into a
 * throwaway local Maven repository, and has Drools hosts of other versions (kie-ci + Drools 7.74.1.Final,
 * 8.44.0.Final and 10.1.0, each on a class loader of its own, see {@link KieHosts}) create a container from its
 * coordinates and run fixture events through KIE's command API ({@code dev.tripline.kjar.host.ForeignHost}). No
 * host can see a Tripline class: the fact model, the rules and the context lists all come from the KJAR. Their
 * alerts must equal the ones Tripline's own pipeline (Drools 10.2.0) produces for the same events.
 */
class KjarForeignHostTest {
    private static final Path KJAR = Path.of("target/tripline-rules-kjar.jar");
    private static final String GROUP = "dev.tripline", ARTIFACT = "tripline-rules";
    private static final String NET_RULE = "tripline/detection/discovery/net_group_and_account_recon.drl";
    private static final List<String> SCENARIOS = List.of("escalation-critical-server-parent", "burst-three-in-ten-minutes",
            "escalation-local-system-localized", "escalation-service-identities");

    @TempDir static Path tmp;
    static Path repo;
    static String version;
    static CompiledRules triplineRules;
    static String previousSettings;

    @BeforeAll static void installIntoAThrowawayRepository() throws Exception {
        assertThat(KJAR).as("built by the jar plugin at process-test-classes").exists();
        version = kjarProperties().getProperty("version");
        repo = tmp.resolve("m2");
        Path settings = tmp.resolve("settings.xml");
        Files.writeString(settings, """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
                  <localRepository>%s</localRepository>
                  <offline>true</offline>
                </settings>
                """.formatted(repo.toAbsolutePath()));
        previousSettings = System.getProperty("kie.maven.settings.custom");
        for (KieHosts host : KieHosts.values()) {
            String hook = host.call("useMavenSettings", settings.toAbsolutePath().toString());
            assertThat(hook).as("%s: kie-ci's default repository hook", host).isNotEqualTo("none");
        }
        install(version, Files.readAllBytes(KJAR));
        triplineRules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
    }

    @AfterAll static void restoreSettings() {
        if (previousSettings == null) System.clearProperty("kie.maven.settings.custom");
        else System.setProperty("kie.maven.settings.custom", previousSettings);
    }

    @Test void eachHostRunsItsOwnDroolsAndCannotSeeTripline() throws Exception {
        for (KieHosts host : KieHosts.values()) {
            ClassLoader cl = host.loader();
            Class<?> kieServices = cl.loadClass("org.kie.api.KieServices");
            assertThat(kieServices).isNotSameAs(org.kie.api.KieServices.class);
            assertThat(kieServices.getProtectionDomain().getCodeSource().getLocation().toString())
                    .as(host.toString()).contains("kie-api-" + host.toString().substring("drools-".length()));
            assertThat(cl.getResource("dev/tripline/model/ProcessEvent.class")).as(host.toString()).isNull();
            assertThat(cl.getResource("tripline-rules/tripline/events/event_lifetimes.drl")).as(host.toString()).isNull();
        }
    }

    @Test void theKjarHoldsOnlyTheModelTheSigmaMatchersTheRulesTheContextListsAndItsDescriptors() throws IOException {
        try (ZipFile zip = new ZipFile(KJAR.toFile())) {
            List<String> files = zip.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).toList();
            assertThat(files).contains("META-INF/kmodule.xml", "META-INF/maven/dev.tripline/tripline-rules/pom.xml",
                    "META-INF/maven/dev.tripline/tripline-rules/pom.properties", NET_RULE, ContextListsDrl.PATH,
                    "dev/tripline/model/ProcessEvent.class", "dev/tripline/model/Detection.class",
                    "dev/tripline/sigma/runtime/SigmaMatch.class", "com/google/re2j/Pattern.class");
            assertThat(files).allMatch(f -> f.startsWith("META-INF/") || f.startsWith("dev/tripline/model/")
                    || f.startsWith("dev/tripline/sigma/runtime/") || f.startsWith("dev/tripline/kjar/command/") || f.startsWith("dev/tripline/engine/FindingCollector")
                    || f.startsWith("com/google/re2j/") || f.startsWith("tripline/"));
            assertThat(files).filteredOn(f -> f.startsWith("META-INF/maven/")).allMatch(f -> f.contains("/tripline-rules/"));
        }
    }

    @Test void aContainerFromMavenCoordinatesDeclaresTheTwoSessions() throws Exception {
        long t0 = System.nanoTime();
        List<String> sessions = KieHosts.DROOLS_10_1_0.call("sessions", GROUP, ARTIFACT, version);
        System.out.printf("KJAR container + sessions on %s: %d ms%n", KieHosts.DROOLS_10_1_0, (System.nanoTime() - t0) / 1_000_000);
        assertThat(sessions).containsExactly("tripline=stream", "tripline-replay=pseudo", "tripline-live=realtime");
    }

    /** The host matrix: every host gives Tripline's findings on the fixture scenarios. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(KieHosts.class)
    void theForeignHostGetsTheSameAlertsAsTripline(KieHosts host) throws Exception {
        List<List<String>> expected = new ArrayList<>();
        List<List<Map<String, Object>>> events = new ArrayList<>();
        for (String name : SCENARIOS) {
            Scenario scenario = Scenario.load(Path.of("fixtures", name));
            ScenarioResult tripline = ScenarioRunner.run(triplineRules, scenario);
            assertThat(tripline.passed()).as(name).isTrue();
            // A KIE host sees every finding; folding repeats into one alert is the CLI's batch-report step.
            expected.add(undeduplicated(scenario).stream().map(KjarForeignHostTest::summary).sorted().toList());
            events.add(events(scenario));
        }
        assertThat(expected).allSatisfy(alerts -> assertThat(alerts).isNotEmpty());

        long t0 = System.nanoTime();
        List<List<String>> foreign = host.call("alerts", GROUP, ARTIFACT, version, events);
        System.out.printf("%s: container from coordinates + %d scenarios in %d ms%n", host, SCENARIOS.size(), (System.nanoTime() - t0) / 1_000_000);

        for (int i = 0; i < SCENARIOS.size(); i++) assertThat(foreign.get(i)).as("%s: %s", host, SCENARIOS.get(i)).isEqualTo(expected.get(i));
    }

    @Test void aRunningContainerPicksUpASecondVersionWithAChangedRule() throws Exception {
        String v2 = version + "-upgrade";
        install(v2, rewrite(Files.readAllBytes(KJAR), Map.of(
                NET_RULE, s -> s.replace("@level( \"medium\" )", "@level( \"high\" )"),
                "META-INF/maven/dev.tripline/tripline-rules/pom.xml", s -> s.replace("<version>" + version + "</version>", "<version>" + v2 + "</version>"),
                "META-INF/maven/dev.tripline/tripline-rules/pom.properties", s -> s.replace("version=" + version, "version=" + v2))));

        List<Map<String, Object>> events = events(Scenario.load(Path.of("fixtures", "burst-three-in-ten-minutes")));
        // The second command 30 s after the first, while the first event (1 minute) and its detection (2 minutes)
        // are still in working memory.
        events.get(1).put("time", (Long) events.get(0).get("time") + 30_000L);
        List<String> out = KieHosts.DROOLS_10_1_0.call("upgrade", GROUP, ARTIFACT, version, v2, events);

        // The session kept its facts (the first detection, still MEDIUM). Drools replaces a changed rule by
        // removing and re-adding it, so the new rule also fires on the event still in working memory: one
        // more detection, at the new level, for the held event, and one for the new event.
        assertThat(out).containsExactly("messages=[]", "version=" + v2, "before=[MEDIUM]", "after=[HIGH, HIGH, MEDIUM]");
    }

    @Test void aKieScannerMovesAContainerOnAVersionRangeToTheNewestVersionInstalled() throws Exception {
        String older = "7.0.0", newer = "7.0.1";
        install(older, versioned(older, Map.of()));
        writeVersionList(older);
        Runnable installNewer = () -> {
            try {
                install(newer, versioned(newer, Map.of(NET_RULE, s -> s.replace("@level( \"medium\" )", "@level( \"high\" )"))));
                writeVersionList(older, newer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };

        List<String> out = KieHosts.DROOLS_10_1_0.call("scan", GROUP, ARTIFACT, "[7.0,8.0)",
                events(Scenario.load(Path.of("fixtures", "burst-three-in-ten-minutes"))), installNewer);

        assertThat(out).as("the scanner found the newer version in the range; a new session runs the changed rule")
                .containsExactly("version=" + older, "levels=[MEDIUM]", "version=" + newer, "levels=[HIGH]");
    }

    /** The built KJAR as version {@code v}, with some entries rewritten. */
    private static byte[] versioned(String v, Map<String, UnaryOperator<String>> edits) throws IOException {
        Map<String, UnaryOperator<String>> all = new java.util.HashMap<>(edits);
        all.put("META-INF/maven/dev.tripline/tripline-rules/pom.xml", s -> s.replace("<version>" + version + "</version>", "<version>" + v + "</version>"));
        all.put("META-INF/maven/dev.tripline/tripline-rules/pom.properties", s -> s.replace("version=" + version, "version=" + v));
        return rewrite(Files.readAllBytes(KJAR), all);
    }

    /** What `mvn install` leaves beside the versions of an artifact, and what version ranges are resolved from. */
    private static void writeVersionList(String... versions) throws IOException {
        StringBuilder list = new StringBuilder();
        for (String v : versions) list.append("      <version>").append(v).append("</version>\n");
        Files.writeString(repo.resolve("dev/tripline/tripline-rules/maven-metadata-local.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <metadata>
                  <groupId>dev.tripline</groupId>
                  <artifactId>tripline-rules</artifactId>
                  <versioning>
                    <latest>%s</latest>
                    <release>%s</release>
                    <versions>
                %s    </versions>
                    <lastUpdated>%s</lastUpdated>
                  </versioning>
                </metadata>
                """.formatted(versions[versions.length - 1], versions[versions.length - 1], list,
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now())));
    }

    // ---- Tripline's side ----

    /** The same fields of an alert as Tripline writes it. */
    static String summary(JsonNode a) {
        List<String> reasons = new ArrayList<>();
        a.get("reasons").forEach(r -> reasons.add(r.asText()));
        List<Long> lines = new ArrayList<>();
        a.get("events").forEach(e -> lines.add(e.get("line").asLong()));
        return String.join(" | ", a.get("kind").asText(), a.get("rule").get("id").asText(), a.get("severity").asText(),
                a.get("host").asText(), a.get("user").isNull() ? "null" : a.get("user").asText(), reasons.toString(), lines.toString());
    }

    /**
     * The scenario's events, read by Tripline's ingest, as the host application takes them: builder-method name →
     * value, an account as [domain, name, sid], a source as [file, line].
     */
    static List<Map<String, Object>> events(Scenario s) throws Exception {
        List<ProcessEvent> ours = new ArrayList<>();
        Ingest.read(s.eventInputs(), Optional.empty(), IngestOptions.defaults(), new IngestListener() {
            @Override public void onFact(TimedFact fact) { ours.add((ProcessEvent) fact); }
            @Override public void onSkipped(SourceRef source, String reason) {}
            @Override public void onRejected(SourceRef source, String reason, String detail) { throw new AssertionError(source + " " + reason); }
        });
        ours.sort(Comparator.comparingLong(ProcessEvent::getTime));
        List<Map<String, Object>> out = new ArrayList<>();
        for (ProcessEvent e : ours) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Method setter : ProcessEvent.Builder.class.getMethods()) {
                if (setter.getParameterCount() != 1 || setter.getDeclaringClass() != ProcessEvent.Builder.class) continue;
                String getter = "get" + Character.toUpperCase(setter.getName().charAt(0)) + setter.getName().substring(1);
                Object v = ProcessEvent.class.getMethod(getter).invoke(e);
                if (v instanceof dev.tripline.model.Account a) v = java.util.Arrays.asList(a.getDomain(), a.getName(), a.getSid());
                else if (v instanceof SourceRef r) v = List.of(r.file(), r.line());
                if (v != null) m.put(setter.getName(), v);
            }
            out.add(m);
        }
        return out;
    }

    /** Tripline's own alerts for the scenario with deduplication off, as alert JSON. */
    static List<com.fasterxml.jackson.databind.JsonNode> undeduplicated(Scenario scenario) {
        List<com.fasterxml.jackson.databind.JsonNode> out = new java.util.ArrayList<>();
        dev.tripline.pipeline.BatchRun.run(triplineRules, scenario.eventInputs(),
                dev.tripline.pipeline.BatchRun.Options.defaults().withDedupWindow(java.time.Duration.ZERO),
                new dev.tripline.output.AlertSink() {
                    @Override public void write(dev.tripline.model.Alert a) { out.add(dev.tripline.output.AlertJson.toJson(a)); }
                    @Override public void close() {}
                });
        return out;
    }

    // ---- plumbing ----

    static void install(String v, byte[] jar) throws IOException {
        Path dir = repo.resolve("dev/tripline/tripline-rules").resolve(v);
        Files.createDirectories(dir);
        Files.write(dir.resolve(ARTIFACT + "-" + v + ".jar"), jar);
        String pom;
        try (ZipFile zip = new ZipFile(writeTemp(jar).toFile())) {
            pom = new String(zip.getInputStream(zip.getEntry("META-INF/maven/dev.tripline/tripline-rules/pom.xml")).readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(pom).contains("<version>" + v + "</version>");
        Files.writeString(dir.resolve(ARTIFACT + "-" + v + ".pom"), pom);
    }

    static Path writeTemp(byte[] jar) throws IOException {
        Path p = Files.createTempFile(tmp, "kjar", ".jar");
        Files.write(p, jar);
        return p;
    }

    /** A copy of the jar with some text entries rewritten. */
    static byte[] rewrite(byte[] jar, Map<String, UnaryOperator<String>> edits) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipFile in = new ZipFile(writeTemp(jar).toFile()); ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] content;
                try (InputStream s = in.getInputStream(e)) { content = s.readAllBytes(); }
                UnaryOperator<String> edit = edits.get(e.getName());
                if (edit != null) {
                    String before = new String(content, StandardCharsets.UTF_8);
                    String after = edit.apply(before);
                    assertThat(after).as(e.getName() + " changed").isNotEqualTo(before);
                    content = after.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Properties kjarProperties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("target/kjar/META-INF/maven/dev.tripline/tripline-rules/pom.properties"))) {
            p.load(in);
        }
        return p;
    }

}
