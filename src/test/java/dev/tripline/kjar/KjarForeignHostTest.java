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
import org.kie.api.KieServices;
import org.kie.api.builder.KieScanner;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.Results;
import org.kie.api.builder.model.KieSessionModel;
import org.kie.api.command.Command;
import org.kie.api.command.KieCommands;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.ExecutionResults;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.maven.integration.MavenRepository;
import org.kie.maven.integration.embedder.MavenSettings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays a foreign KIE host: installs the KJAR the build made (target/tripline-rules-kjar.jar, with its pom)
 * into a throwaway local Maven repository, creates a container from its coordinates with kie-ci, and runs
 * fixture events through KIE's command API. The host's class loader cannot see any Tripline class: the fact
 * model, the rules and the context lists must all come from the KJAR. The alerts must equal the ones
 * Tripline's own pipeline produces for the same events.
 */
class KjarForeignHostTest {
    private static final Path KJAR = Path.of("target/tripline-rules-kjar.jar");
    private static final String GROUP = "dev.tripline", ARTIFACT = "tripline-rules";
    private static final String NET_RULE = "tripline/detection/discovery/net_group_and_account_recon.drl";

    @TempDir static Path tmp;
    static Path repo;
    static String version;
    static CompiledRules triplineRules;
    static String previousSettings;
    static final KieServices ks = KieServices.Factory.get();

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
        // kie-ci reads its Maven settings from this property (Drools 10.1: MavenSettings.CUSTOM_SETTINGS_PROPERTY),
        // once; re-read them in case something in this JVM already did.
        previousSettings = System.getProperty(MavenSettings.CUSTOM_SETTINGS_PROPERTY);
        System.setProperty(MavenSettings.CUSTOM_SETTINGS_PROPERTY, settings.toAbsolutePath().toString());
        MavenSettings.reinitSettings();
        // kie-ci's default repository is built from the pom.xml in the working directory (here Tripline's own,
        // which a foreign host would not have); build it from an empty project instead.
        var noProject = new org.apache.maven.project.MavenProject();
        noProject.setRemoteArtifactRepositories(new ArrayList<>());
        noProject.setPluginArtifactRepositories(new ArrayList<>());
        MavenRepository.defaultMavenRepository = MavenRepository.getMavenRepository(noProject);
        assertThat(Path.of(MavenSettings.getSettings().getLocalRepository())).isEqualTo(repo.toAbsolutePath());

        install(version, Files.readAllBytes(KJAR));
        triplineRules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
    }

    @AfterAll static void restoreSettings() {
        if (previousSettings == null) System.clearProperty(MavenSettings.CUSTOM_SETTINGS_PROPERTY);
        else System.setProperty(MavenSettings.CUSTOM_SETTINGS_PROPERTY, previousSettings);
        MavenSettings.reinitSettings();
        MavenRepository.defaultMavenRepository = null;
    }

    @Test void theKjarHoldsOnlyTheModelTheSigmaMatchersTheRulesTheContextListsAndItsDescriptors() throws IOException {
        try (ZipFile zip = new ZipFile(KJAR.toFile())) {
            List<String> files = zip.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).toList();
            assertThat(files).contains("META-INF/kmodule.xml", "META-INF/maven/dev.tripline/tripline-rules/pom.xml",
                    "META-INF/maven/dev.tripline/tripline-rules/pom.properties", NET_RULE, ContextListsDrl.PATH,
                    "dev/tripline/model/ProcessEvent.class", "dev/tripline/model/Detection.class",
                    "dev/tripline/sigma/runtime/SigmaMatch.class", "com/google/re2j/Pattern.class");
            assertThat(files).allMatch(f -> f.startsWith("META-INF/") || f.startsWith("dev/tripline/model/")
                    || f.startsWith("dev/tripline/sigma/runtime/") || f.startsWith("dev/tripline/kjar/command/") || f.startsWith("com/google/re2j/") || f.startsWith("tripline/"));
            assertThat(files).filteredOn(f -> f.startsWith("META-INF/maven/")).allMatch(f -> f.contains("/tripline-rules/"));
        }
    }

    @Test void aContainerFromMavenCoordinatesDeclaresTheTwoSessions() {
        long t0 = System.nanoTime();
        KieContainer container = ks.newKieContainer(releaseId(version), isolatedLoader());
        KieSession s = container.newKieSession("tripline-replay");
        System.out.printf("KJAR container + first session: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        try {
            assertThat(container.getKieBaseModel("tripline").getEventProcessingMode()).isEqualTo(EventProcessingOption.STREAM);
            KieSessionModel replay = container.getKieSessionModel("tripline-replay");
            KieSessionModel live = container.getKieSessionModel("tripline-live");
            assertThat(replay.getClockType()).isEqualTo(ClockTypeOption.PSEUDO);
            assertThat(live.getClockType()).isEqualTo(ClockTypeOption.REALTIME);
            KieSession liveSession = container.newKieSession("tripline-live");
            liveSession.dispose();
        } finally {
            s.dispose();
            container.dispose();
        }
    }

    @Test void theForeignHostGetsTheSameAlertsAsTripline() throws Exception {
        KieContainer container = ks.newKieContainer(releaseId(version), isolatedLoader());
        try {
            for (String name : List.of("escalation-critical-server-parent", "burst-three-in-ten-minutes",
                    "escalation-local-system-localized", "escalation-service-identities")) {
                Scenario scenario = Scenario.load(Path.of("fixtures", name));
                ScenarioResult tripline = ScenarioRunner.run(triplineRules, scenario);
                assertThat(tripline.passed()).as(name).isTrue();
                // A KIE host sees every finding; folding repeats into one alert is the CLI's batch-report step.
                List<String> expected = undeduplicated(scenario).stream().map(KjarForeignHostTest::summary).sorted().toList();

                List<String> foreign = runThroughCommands(container, events(scenario, container));

                assertThat(foreign).as(name).isEqualTo(expected);
            }
        } finally {
            container.dispose();
        }
    }

    @Test void aRunningContainerPicksUpASecondVersionWithAChangedRule() throws Exception {
        String v2 = version + "-upgrade";
        install(v2, rewrite(Files.readAllBytes(KJAR), Map.of(
                NET_RULE, s -> s.replace("@level( \"medium\" )", "@level( \"high\" )"),
                "META-INF/maven/dev.tripline/tripline-rules/pom.xml", s -> s.replace("<version>" + version + "</version>", "<version>" + v2 + "</version>"),
                "META-INF/maven/dev.tripline/tripline-rules/pom.properties", s -> s.replace("version=" + version, "version=" + v2))));

        long t0 = System.nanoTime();
        KieContainer container = ks.newKieContainer(releaseId(version), isolatedLoader());
        KieSession session = container.newKieSession("tripline-replay");
        System.out.printf("upgrade test: container v1 + session: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        try {
            List<Object> events = events(Scenario.load(Path.of("fixtures", "burst-three-in-ten-minutes")), container);
            KieCommands cmd = ks.getCommands();
            long clock = 0;
            clock = insertAndFire(session, cmd, events.get(0), clock);
            assertThat(findingLevels(session)).containsExactly("MEDIUM");

            long t1 = System.nanoTime();
            Results results = container.updateToVersion(releaseId(v2));
            System.out.printf("updateToVersion: %d ms%n", (System.nanoTime() - t1) / 1_000_000);

            assertThat(results.getMessages()).isEmpty();
            assertThat(container.getReleaseId().getVersion()).isEqualTo(v2);
            insertAndFire(session, cmd, events.get(1), clock);
            // The session kept its facts (the first detection, still MEDIUM). Drools replaces a changed rule by
            // removing and re-adding it, so the new rule also fires on the event still in working memory: one
            // more detection, at the new level, for the held event, and one for the new event.
            assertThat(findingLevels(session)).containsExactlyInAnyOrder("MEDIUM", "HIGH", "HIGH");
        } finally {
            session.dispose();
            container.dispose();
        }
    }

    @Test void aKieScannerMovesAContainerOnAVersionRangeToTheNewestVersionInstalled() throws Exception {
        String older = "7.0.0", newer = "7.0.1";
        install(older, versioned(older, Map.of()));
        writeVersionList(older);
        KieContainer container = ks.newKieContainer(ks.newReleaseId(GROUP, ARTIFACT, "[7.0,8.0)"), isolatedLoader());
        KieScanner scanner = ks.newKieScanner(container);
        try {
            assertThat(container.getReleaseId().getVersion()).isEqualTo(older);
            List<Object> events = events(Scenario.load(Path.of("fixtures", "burst-three-in-ten-minutes")), container);
            KieSession before = container.newKieSession("tripline-replay");
            insertAndFire(before, ks.getCommands(), events.get(0), 0);
            assertThat(findingLevels(before)).containsExactly("MEDIUM");
            before.dispose();

            install(newer, versioned(newer, Map.of(NET_RULE, s -> s.replace("@level( \"medium\" )", "@level( \"high\" )"))));
            writeVersionList(older, newer);
            scanner.scanNow();

            assertThat(container.getReleaseId().getVersion()).as("the scanner found the newer version in the range").isEqualTo(newer);
            KieSession after = container.newKieSession("tripline-replay");
            insertAndFire(after, ks.getCommands(), events.get(0), 0);
            assertThat(findingLevels(after)).as("a new session runs the changed rule").containsExactly("HIGH");
            after.dispose();
        } finally {
            scanner.shutdown();
            container.dispose();
        }
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

    // ---- the host's side: commands in, objects out ----

    /** Events through one BatchExecutionCommand: per event advance the pseudo clock, insert, fire; then get the findings. */
    static List<String> runThroughCommands(KieContainer container, List<Object> events) throws Exception {
        KieCommands cmd = ks.getCommands();
        ClassLoader cl = container.getClassLoader();
        List<Command<?>> batch = new ArrayList<>();
        long clock = 0;
        for (Object e : events) {
            long t = (long) call(e, "getTime");
            if (t > clock) batch.add(cmd.newAdvanceSessionTime(t - clock, TimeUnit.MILLISECONDS));
            clock = Math.max(clock, t);
            batch.add(cmd.newInsert(e));
            batch.add(cmd.newFireAllRules());
        }
        batch.add(cmd.newGetObjects(new ClassObjectFilter(cl.loadClass("dev.tripline.model.Finding")), "findings"));
        batch.add(cmd.newGetObjects(new ClassObjectFilter(cl.loadClass("dev.tripline.model.Escalation")), "escalations"));
        KieSession session = container.newKieSession("tripline-replay");
        try {
            ExecutionResults out = session.execute(cmd.newBatchExecution(batch));
            return alerts((Collection<?>) out.getValue("findings"), (Collection<?>) out.getValue("escalations"));
        } finally {
            session.dispose();
        }
    }

    static long insertAndFire(KieSession session, KieCommands cmd, Object event, long clock) throws Exception {
        long t = (long) call(event, "getTime");
        List<Command<?>> batch = new ArrayList<>();
        if (t > clock) batch.add(cmd.newAdvanceSessionTime(t - clock, TimeUnit.MILLISECONDS));
        batch.add(cmd.newInsert(event));
        batch.add(cmd.newFireAllRules());
        session.execute(cmd.newBatchExecution(batch));
        return Math.max(t, clock);
    }

    static List<String> findingLevels(KieSession session) throws Exception {
        List<String> out = new ArrayList<>();
        for (Object f : session.getObjects(o -> o.getClass().getSimpleName().equals("Detection"))) out.add(call(f, "getLevel").toString());
        return out;
    }

    /**
     * What Tripline's FindingCollector makes of the findings, done with the host's objects (reflection: the
     * classes are the KJAR's): severity is the highest of the rule's level and the escalations, reasons listed
     * lowest first.
     */
    static List<String> alerts(Collection<?> findings, Collection<?> escalations) throws Exception {
        Map<Object, List<Object>> byFinding = new IdentityHashMap<>();
        for (Object e : escalations) byFinding.computeIfAbsent(call(e, "getFinding"), k -> new ArrayList<>()).add(e);
        List<String> out = new ArrayList<>();
        for (Object f : findings) {
            Enum<?> severity = (Enum<?>) call(f, "getLevel");
            List<Object> raised = new ArrayList<>(byFinding.getOrDefault(f, List.of()));
            raised.sort(Comparator.comparing((Object e) -> ((Enum<?>) uncheckedCall(e, "getSeverity")).ordinal())
                    .thenComparing(e -> (String) uncheckedCall(e, "getReason")));
            LinkedHashSet<String> reasons = new LinkedHashSet<>();
            for (Object e : raised) {
                Enum<?> s = (Enum<?>) call(e, "getSeverity");
                if (s.ordinal() > severity.ordinal()) severity = s;
                reasons.add(s.name().toLowerCase() + ": " + call(e, "getReason"));
            }
            Object actor = call(f, "getActor");
            List<Long> lines = new ArrayList<>();
            for (Object ev : (List<?>) call(f, "getEvents")) lines.add((Long) call(call(ev, "getSource"), "line"));
            out.add(String.join(" | ", (String) call(f, "kind"), (String) call(f, "getRuleId"), severity.name().toLowerCase(),
                    String.valueOf(call(f, "getHost")), (Boolean) call(actor, "isKnown") ? (String) call(actor, "display") : "null",
                    reasons.toString(), lines.toString()));
        }
        out.sort(null);
        return out;
    }

    /** The same fields of an alert as Tripline writes it. */
    static String summary(JsonNode a) {
        List<String> reasons = new ArrayList<>();
        a.get("reasons").forEach(r -> reasons.add(r.asText()));
        List<Long> lines = new ArrayList<>();
        a.get("events").forEach(e -> lines.add(e.get("line").asLong()));
        return String.join(" | ", a.get("kind").asText(), a.get("rule").get("id").asText(), a.get("severity").asText(),
                a.get("host").asText(), a.get("user").isNull() ? "null" : a.get("user").asText(), reasons.toString(), lines.toString());
    }

    /** The scenario's events, read by Tripline's ingest and rebuilt as the KJAR's ProcessEvent class. */
    static List<Object> events(Scenario s, KieContainer container) throws Exception {
        List<ProcessEvent> ours = new ArrayList<>();
        Ingest.read(s.eventInputs(), Optional.empty(), IngestOptions.defaults(), new IngestListener() {
            @Override public void onFact(TimedFact fact) { ours.add((ProcessEvent) fact); }
            @Override public void onSkipped(SourceRef source, String reason) {}
            @Override public void onRejected(SourceRef source, String reason, String detail) { throw new AssertionError(source + " " + reason); }
        });
        ours.sort(Comparator.comparingLong(ProcessEvent::getTime));
        ClassLoader kjar = container.getClassLoader(); // each container has its own copy of the model classes
        List<Object> out = new ArrayList<>();
        for (ProcessEvent e : ours) out.add(foreign(e, kjar));
        return out;
    }

    static Object foreign(ProcessEvent e, ClassLoader kjar) throws Exception {
        Class<?> eventClass = kjar.loadClass("dev.tripline.model.ProcessEvent");
        Class<?> accountClass = kjar.loadClass("dev.tripline.model.Account");
        Class<?> sourceClass = kjar.loadClass("dev.tripline.model.SourceRef");
        assertThat(eventClass).isNotSameAs(ProcessEvent.class);
        Object b = eventClass.getMethod("builder").invoke(null);
        for (Method m : b.getClass().getMethods()) {
            if (m.getParameterCount() != 1 || m.getDeclaringClass() != b.getClass()) continue;
            String getter = "get" + Character.toUpperCase(m.getName().charAt(0)) + m.getName().substring(1);
            Object v = ProcessEvent.class.getMethod(getter).invoke(e);
            if (v instanceof dev.tripline.model.Account a) {
                v = accountClass.getConstructor(String.class, String.class, String.class).newInstance(a.getDomain(), a.getName(), a.getSid());
            } else if (v instanceof SourceRef r) {
                v = sourceClass.getConstructor(String.class, long.class).newInstance(r.file(), r.line());
            }
            if (v != null) m.invoke(b, v);
        }
        return b.getClass().getMethod("build").invoke(b);
    }

    // ---- plumbing ----

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

    /** The host's class loader: Drools, but no Tripline class and none of Tripline's bundled rules. */
    static ClassLoader isolatedLoader() {
        ClassLoader app = KjarForeignHostTest.class.getClassLoader();
        return new ClassLoader(app) {
            @Override protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("dev.tripline.")) throw new ClassNotFoundException(name);
                return super.loadClass(name, resolve);
            }

            @Override public URL getResource(String name) {
                return hidden(name) ? null : super.getResource(name);
            }

            @Override public Enumeration<URL> getResources(String name) throws IOException {
                return hidden(name) ? java.util.Collections.emptyEnumeration() : super.getResources(name);
            }

            private boolean hidden(String name) {
                return name.startsWith("dev/tripline/") || name.startsWith("tripline-rules/");
            }
        };
    }

    static ReleaseId releaseId(String v) { return ks.newReleaseId(GROUP, ARTIFACT, v); }

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

    static Object call(Object target, String method) throws Exception {
        Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }

    static Object uncheckedCall(Object target, String method) {
        try {
            return call(target, method);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
