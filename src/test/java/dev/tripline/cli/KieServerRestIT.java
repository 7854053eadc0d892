package dev.tripline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.ingest.Ingest;
import dev.tripline.ingest.IngestListener;
import dev.tripline.ingest.IngestOptions;
import dev.tripline.kie.KieServerClient;
import dev.tripline.kie.KieServerException;
import dev.tripline.kjar.command.RemoteEvent;
import dev.tripline.model.Account;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import dev.tripline.output.AlertJson;
import dev.tripline.output.AlertSink;
import dev.tripline.pipeline.BatchRun;
import dev.tripline.scenario.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tripline's KJAR in a real KIE Server 7.74.1.Final (kie-server-it/, started here as its own JVM on 127.0.0.1 with
 * HTTP Basic auth): deployed with {@code tripline kie deploy} (PUT /containers/{id}), then every fixture scenario
 * that holds process events only is run through {@code correlate --kie-server} (JSON batches) and must print
 * exactly what a local {@code correlate} prints; the same scenarios as hand-built XStream batches must give the
 * same findings. The payloads the test sends are written to target/kie-server-it/ (docs/brms.md shows them).
 */
class KieServerRestIT {
    static final String CONTAINER = "tripline", USER = "tripline";
    static final Path PAYLOADS = Path.of("target/kie-server-it");
    static Path tmp, log;
    static Process server;
    static URI base;
    static String password, version;
    static Function<String, String> savedEnvironment;
    static dev.tripline.engine.CompiledRules bundled;

    @BeforeAll static void startTheServerAndDeployTheKjar() throws Exception {
        Path jar = Path.of(System.getProperty("tripline.kieServerJar", "kie-server-it/target/tripline-kie-server.jar"));
        assumeTrue(Files.isRegularFile(jar), "no test KIE Server at " + jar + " (the kie-server-build execution makes it at pre-integration-test)");
        Optional<Path> java = java17();
        assumeTrue(java.isPresent(), "KIE Server 7.74 needs a Java 17 runtime (Java 25 does not start it): set JAVA17_HOME");

        version = kjarVersion();
        tmp = Files.createTempDirectory("tripline-kie-server-it");
        Path repo = tmp.resolve("m2");
        installKjar(repo);
        Path settings = tmp.resolve("settings.xml");
        Files.writeString(settings, """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
                  <localRepository>%s</localRepository>
                  <offline>true</offline>
                </settings>
                """.formatted(repo.toAbsolutePath()));
        int port = freePort();
        base = URI.create("http://127.0.0.1:" + port + "/rest/server");
        password = UUID.randomUUID().toString();
        log = tmp.resolve("kie-server.log");
        ProcessBuilder pb = new ProcessBuilder(java.get().toString(), "-Xmx384m",
                "-Dkie.maven.settings.custom=" + settings.toAbsolutePath(), "-Dorg.kie.server.repo=" + tmp.resolve("state").toAbsolutePath(),
                "-jar", jar.toAbsolutePath().toString(), "--server.port=" + port, "--kieserver.location=" + base);
        pb.environment().put("TRIPLINE_KIE_PASSWORD", password); // the server's user; never on a command line
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        server = pb.start();
        KieServerClient client = new KieServerClient(base, USER, password, Duration.ofSeconds(30));
        waitUntil(Duration.ofMinutes(8), () -> {
            if (!server.isAlive()) throw new AssertionError("the KIE Server exited:\n" + tail());
            try {
                client.serverInfo();
                return true;
            } catch (KieServerException e) {
                if (e.problem() == KieServerException.Problem.UNAUTHORIZED) throw e;
                return false;
            }
        });
        System.out.printf("KIE Server 7.74.1 start until GET /rest/server = 200: %.1f s%n", (System.nanoTime() - t0) / 1e9);

        savedEnvironment = KieServerOptions.environment;
        KieServerOptions.environment = name -> name.equals(KieServerOptions.PASSWORD_ENV) ? password : System.getenv(name);
        long t1 = System.nanoTime();
        CliRun deploy = CliRun.of("kie", "deploy", base.toString(), CONTAINER, "--kie-user", USER, "--kjar-version", version);
        System.out.printf("tripline kie deploy (PUT /containers/%s): %.1f s%n", CONTAINER, (System.nanoTime() - t1) / 1e9);
        assertThat(deploy.exit()).as(deploy.err() + tail()).isZero();
        assertThat(deploy.out()).contains("container tripline STARTED with dev.tripline:tripline-rules:" + version);
        Files.createDirectories(PAYLOADS);
    }

    @AfterAll static void stopTheServer() throws Exception {
        if (savedEnvironment != null) KieServerOptions.environment = savedEnvironment;
        if (server != null) {
            server.destroy();
            if (!server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) server.destroyForcibly().waitFor();
        }
    }

    /** Fixture scenarios without --context/--allowlist whose events are all process events. */
    static Stream<Scenario> processEventScenarios() throws IOException {
        List<Scenario> out = new ArrayList<>();
        for (Scenario s : Scenario.all(Path.of("fixtures"))) {
            if (!s.contextFiles().isEmpty() || !s.allowlists().isEmpty()) continue;
            if (facts(s).stream().allMatch(f -> f instanceof ProcessEvent)) out.add(s);
        }
        assertThat(out).hasSizeGreaterThan(15);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}") @MethodSource("processEventScenarios")
    void correlateThroughTheServerPrintsWhatALocalCorrelatePrints(Scenario s) throws Exception {
        List<String> args = scenarioArgs(s);
        // the CLI itself for one scenario; for the others what it runs, with the bundled rules compiled once
        CliRun local = s.name().equals("burst-three-in-ten-minutes") ? CliRun.of(concat(List.of("correlate"), args)) : localCorrelate(s);
        long t0 = System.nanoTime();
        CliRun remote = CliRun.of(concat(List.of("correlate", "--kie-server", base.toString(), "--kie-container", CONTAINER, "--kie-user", USER), args));
        System.out.printf("correlate --kie-server %s: %d ms%n", s.name(), (System.nanoTime() - t0) / 1_000_000);

        assertThat(remote.exit()).as(remote.err()).isEqualTo(ExitCodes.OK);
        assertThat(remote.alertLines()).as("the fixture's expected alerts").isEqualTo(s.expectedAlerts().size());
        // The same alert lines. Two alerts with the same first-seen time (two rules on one event) may come out in
        // either order: Drools 7 and 10 fire rules matched by the same fact in different orders.
        assertThat(remote.out().lines().sorted().toList()).isEqualTo(local.out().lines().sorted().toList());
        assertThat(withoutTiming(remote.err())).isEqualTo(withoutTiming(local.err()));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("processEventScenarios")
    void anXStreamBatchGetsTheFindingsOfALocalRun(Scenario s) throws Exception {
        List<String> expected = undeduplicated(s);
        String xml = xstreamBatch(facts(s));
        if (s.name().equals("burst-three-in-ten-minutes")) Files.writeString(PAYLOADS.resolve("batch-" + s.name() + ".xml"), xml);

        long t0 = System.nanoTime();
        HttpResponse<String> r = post("/containers/instances/" + CONTAINER, xml, "application/xml", "XSTREAM");
        System.out.printf("XStream batch %s: %d ms%n", s.name(), (System.nanoTime() - t0) / 1_000_000);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getAttribute("type")).as(r.body()).isEqualTo("SUCCESS");
        List<String> got = new ArrayList<>();
        NodeList alerts = doc.getElementsByTagName("dev.tripline.kjar.command.RemoteAlert");
        for (int i = 0; i < alerts.getLength(); i++) got.add(summary((Element) alerts.item(i)));
        got.sort(null);
        assertThat(got).isEqualTo(expected);
    }

    @Test void theJsonBatchOfTheDocsGivesTheBurstAndItsDetections() throws Exception {
        Scenario s = Scenario.load(Path.of("fixtures", "burst-three-in-ten-minutes"));
        String json = jsonBatch(facts(s));
        Files.writeString(PAYLOADS.resolve("batch-" + s.name() + ".json"), json);

        HttpResponse<String> r = post("/containers/instances/" + CONTAINER, json, "application/json", null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Files.writeString(PAYLOADS.resolve("response-" + s.name() + ".json"), r.body());
        JsonNode answer = AlertJson.MAPPER.readTree(r.body());
        assertThat(answer.path("type").asText()).isEqualTo("SUCCESS");
        List<String> got = new ArrayList<>();
        for (var a : KieServerClient.alerts(answer.path("result").path("execution-results"), "alerts")) {
            got.add(String.join(" | ", a.getKind(), a.getRule().getId(), a.getSeverity(), a.getHost(),
                    new Account(a.getUserDomain(), a.getUserName(), a.getUserSid()).display(), a.getReasons().toString(), lines(a.getEvents())));
        }
        got.sort(null);
        assertThat(got).isEqualTo(undeduplicated(s));
        assertThat(got).anyMatch(l -> l.startsWith("correlation | ")).filteredOn(l -> l.startsWith("detection | ")).hasSize(3);
    }

    // ---- one clear message and one exit code per failure ----

    @Test void aWrongPasswordExitsWithKieUnauthorized() throws IOException {
        Function<String, String> right = KieServerOptions.environment;
        KieServerOptions.environment = name -> "not-" + password;
        try {
            CliRun run = CliRun.of("correlate", "--kie-server", base.toString(), "--kie-container", CONTAINER, "--kie-user", USER, burstEvents());
            assertThat(run.exit()).isEqualTo(ExitCodes.KIE_UNAUTHORIZED);
            assertThat(run.err()).contains("refused the credentials (HTTP 401)").doesNotContain(password);
            assertThat(run.out()).isEmpty();
        } finally {
            KieServerOptions.environment = right;
        }
    }

    @Test void anUnknownContainerExitsWithKieNoContainer() throws IOException {
        CliRun run = CliRun.of("correlate", "--kie-server", base.toString(), "--kie-container", "no-such-container", "--kie-user", USER, burstEvents());
        assertThat(run.exit()).isEqualTo(ExitCodes.KIE_NO_CONTAINER);
        assertThat(run.err()).contains("has no container no-such-container");
    }

    @Test void aServerThatIsNotThereExitsWithKieUnreachable() throws IOException {
        CliRun run = CliRun.of("correlate", "--kie-server", "http://127.0.0.1:" + freePort() + "/rest/server", "--kie-container", CONTAINER, burstEvents());
        assertThat(run.exit()).isEqualTo(ExitCodes.KIE_UNREACHABLE);
        assertThat(run.err()).contains("cannot reach KIE Server");
    }

    @Test void aBatchTheContainerCannotRunIsAServerError() {
        KieServerClient client = new KieServerClient(base, USER, password, Duration.ofMinutes(2));
        ObjectNode batch = AlertJson.MAPPER.createObjectNode().put("lookup", "tripline-replay");
        batch.putArray("commands").addObject().putObject("dev.tripline.kjar.command.InsertEvent");
        assertThatThrownBy(() -> client.execute(CONTAINER, batch))
                .isInstanceOfSatisfying(KieServerException.class, e -> {
                    assertThat(e.problem()).isEqualTo(KieServerException.Problem.SERVER_ERROR);
                    assertThat(e.getMessage()).contains("InsertEvent without an event");
                });
        assertThat(KieServerOptions.report(new KieServerException(KieServerException.Problem.SERVER_ERROR, "x"), new java.io.PrintWriter(java.io.Writer.nullWriter())))
                .isEqualTo(ExitCodes.KIE_SERVER_ERROR);
    }

    // ---- payloads ----

    /** Per event in time order: clock, insert (the JSON marshaller builds ProcessEvent by its constructor), fire; then close every window. */
    static String jsonBatch(List<TimedFact> facts) {
        ObjectNode b = AlertJson.MAPPER.createObjectNode().put("lookup", "tripline-replay");
        var cmds = b.putArray("commands");
        long clock = 0;
        for (TimedFact f : facts) {
            clock = Math.max(clock, f.getTime());
            cmds.addObject().putObject("dev.tripline.kjar.command.AdvanceClock").put("time", f.getTime());
            ObjectNode event = AlertJson.MAPPER.valueToTree(RemoteEvent.of((ProcessEvent) f));
            ObjectNode pe = cmds.addObject().putObject("insert").putObject("object").putObject(ProcessEvent.class.getName());
            pe.put("time", f.getTime());
            event.fields().forEachRemaining(field -> {
                switch (field.getKey()) {
                    case "time", "actorDomain", "actorName", "actorSid", "sourceFile", "sourceLine" -> {}
                    default -> pe.set(field.getKey(), field.getValue());
                }
            });
            pe.putObject("actor").put("domain", event.path("actorDomain").textValue()).put("name", event.path("actorName").textValue())
                    .put("sid", event.path("actorSid").textValue());
            pe.putObject("source").put("file", f.getSource().file()).put("line", f.getSource().line());
            cmds.addObject().putObject("dev.tripline.kjar.command.FireAndCollect");
        }
        cmds.addObject().putObject("dev.tripline.kjar.command.AdvanceClock").put("time", clock + Duration.ofDays(1).toMillis());
        cmds.addObject().putObject("dev.tripline.kjar.command.FireAndCollect");
        cmds.addObject().putObject("dev.tripline.kjar.command.TakeAlerts").put("outIdentifier", "alerts");
        cmds.addObject().putObject("dispose");
        return b.toPrettyString();
    }

    /** The same in XStream: events as RemoteEvent beans in InsertEvent (XStream cannot build the immutable ProcessEvent). */
    static String xstreamBatch(List<TimedFact> facts) {
        StringBuilder x = new StringBuilder("<batch-execution lookup=\"tripline-replay\">\n");
        long clock = 0;
        for (TimedFact f : facts) {
            clock = Math.max(clock, f.getTime());
            x.append("  <dev.tripline.kjar.command.AdvanceClock><time>").append(f.getTime()).append("</time></dev.tripline.kjar.command.AdvanceClock>\n");
            x.append("  <dev.tripline.kjar.command.InsertEvent><event>");
            JsonNode e = AlertJson.MAPPER.valueToTree(RemoteEvent.of((ProcessEvent) f));
            e.fields().forEachRemaining(field -> {
                if (!field.getValue().isNull()) x.append('<').append(field.getKey()).append('>').append(xml(field.getValue().asText())).append("</").append(field.getKey()).append('>');
            });
            x.append("</event></dev.tripline.kjar.command.InsertEvent>\n");
            x.append("  <dev.tripline.kjar.command.FireAndCollect/>\n");
        }
        x.append("  <dev.tripline.kjar.command.AdvanceClock><time>").append(clock + Duration.ofDays(1).toMillis()).append("</time></dev.tripline.kjar.command.AdvanceClock>\n");
        x.append("  <dev.tripline.kjar.command.FireAndCollect/>\n");
        x.append("  <dev.tripline.kjar.command.TakeAlerts><outIdentifier>alerts</outIdentifier></dev.tripline.kjar.command.TakeAlerts>\n");
        x.append("  <dispose/>\n</batch-execution>\n");
        return x.toString();
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static HttpResponse<String> post(String path, String body, String contentType, String kieContentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", contentType).header("Accept", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (kieContentType != null) b.header("X-KIE-ContentType", kieContentType);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    // ---- expectations from Tripline's own pipeline ----

    /** The scenario's alerts from a local run with folding off (a KIE host sees every finding), as summary lines. */
    static List<String> undeduplicated(Scenario s) throws Exception {
        if (bundled == null) bundled = RuleCompiler.compile(RuleSource.bundled());
        List<String> out = new ArrayList<>();
        BatchRun.Options options = BatchRun.Options.defaults().withDedupWindow(Duration.ZERO);
        BatchRun.run(bundled, s.eventInputs(), options, new AlertSink() {
            @Override public void write(dev.tripline.model.Alert a) {
                List<Long> lines = a.events().stream().map(e -> e.getSource().line()).toList();
                out.add(String.join(" | ", a.kind(), a.rule().id(), a.severity().label(), a.host(), a.user().display(), a.reasons().toString(), lines.toString()));
            }
            @Override public void close() {}
        });
        out.sort(null);
        return out;
    }

    /** What {@code tripline correlate} (jsonl) prints for the scenario, run in-process on the bundled rules. */
    static CliRun localCorrelate(Scenario s) throws Exception {
        if (bundled == null) bundled = RuleCompiler.compile(RuleSource.bundled());
        BatchRun.Options options = BatchRun.Options.defaults().withSchema(Optional.ofNullable(s.schema()).flatMap(dev.tripline.ingest.EventShape::byName))
                .withShowSuppressed(s.showSuppressed());
        if (s.reorderWindow() != null) options = options.withReorderWindow(dev.tripline.pipeline.Durations.parse(s.reorderWindow()));
        if (s.dedupWindow() != null) options = options.withDedupWindow(dev.tripline.pipeline.Durations.parse(s.dedupWindow()));
        java.io.StringWriter out = new java.io.StringWriter(), err = new java.io.StringWriter();
        dev.tripline.output.RunStats stats;
        try (AlertSink sink = dev.tripline.output.OutputFormat.JSONL.open(out)) {
            stats = BatchRun.run(bundled, s.eventInputs(), options, sink, new ByteArrayInputStream(new byte[0]));
        }
        java.io.PrintWriter pw = new java.io.PrintWriter(err);
        dev.tripline.output.RunSummaryWriter.write(stats, pw);
        pw.flush();
        return new CliRun(ExitCodes.OK, out.toString(), err.toString());
    }

    static String summary(Element alert) {
        Element rule = child(alert, "rule");
        List<String> reasons = new ArrayList<>();
        for (Element r : children(child(alert, "reasons"))) reasons.add(r.getTextContent());
        List<Long> lines = new ArrayList<>();
        for (Element e : children(child(alert, "events"))) lines.add(Long.parseLong(child(e, "sourceLine").getTextContent()));
        return String.join(" | ", text(alert, "kind"), text(rule, "id"), text(alert, "severity"), text(alert, "host"),
                new Account(text(alert, "userDomain"), text(alert, "userName"), text(alert, "userSid")).display(), reasons.toString(), lines.toString());
    }

    static String lines(List<RemoteEvent> events) {
        return events.stream().map(RemoteEvent::getSourceLine).toList().toString();
    }

    static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent();
    }

    static Element child(Element parent, String name) {
        for (Element e : children(parent)) if (e.getTagName().equals(name)) return e;
        return null;
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        if (parent == null) return out;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element e) out.add(e);
        return out;
    }

    /** The scenario's facts as Tripline reads them, in time order. */
    static List<TimedFact> facts(Scenario s) {
        List<TimedFact> out = new ArrayList<>();
        Ingest.read(s.eventInputs(), Optional.ofNullable(s.schema()).flatMap(dev.tripline.ingest.EventShape::byName), IngestOptions.defaults(), new IngestListener() {
            @Override public void onFact(TimedFact fact) { out.add(fact); }
            @Override public void onSkipped(SourceRef source, String reason) {}
            @Override public void onRejected(SourceRef source, String reason, String detail) {}
        });
        out.sort(Comparator.comparingLong(TimedFact::getTime));
        return out;
    }

    static List<String> scenarioArgs(Scenario s) {
        List<String> a = new ArrayList<>();
        if (s.schema() != null) a.addAll(List.of("--schema", s.schema()));
        if (s.reorderWindow() != null) a.addAll(List.of("--reorder-window", s.reorderWindow()));
        if (s.dedupWindow() != null) a.addAll(List.of("--dedup-window", s.dedupWindow()));
        if (s.showSuppressed()) a.add("--show-suppressed");
        a.addAll(s.eventInputs());
        return a;
    }

    static String[] concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    static String withoutTiming(String runSummary) {
        return runSummary.lines().filter(l -> !l.matches("tripline: [0-9.]+ s, [0-9]+ events/s")).reduce("", (x, y) -> x + y + "\n");
    }

    static String burstEvents() { return Path.of("fixtures", "burst-three-in-ten-minutes", "events.jsonl").toString(); }

    // ---- plumbing ----

    static void waitUntil(Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("not within " + deadline + ":\n" + tail());
            Thread.sleep(250);
        }
    }

    /** This JVM when it is a 17; else JAVA17_HOME; else the usual Debian/Ubuntu location. */
    static Optional<Path> java17() {
        if (System.getProperty("java.specification.version").equals("17")) return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
        List<String> homes = new ArrayList<>();
        if (System.getenv("JAVA17_HOME") != null) homes.add(System.getenv("JAVA17_HOME"));
        homes.add("/usr/lib/jvm/java-17-openjdk-amd64");
        homes.add("/usr/lib/jvm/java-17-openjdk-arm64");
        return homes.stream().map(h -> Path.of(h, "bin", "java")).filter(Files::isExecutable).findFirst();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String kjarVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("target/kjar/META-INF/maven/dev.tripline/tripline-rules/pom.properties"))) {
            p.load(in);
        }
        return p.getProperty("version");
    }

    static void installKjar(Path repo) throws IOException {
        Path dir = repo.resolve("dev/tripline/tripline-rules").resolve(version);
        Files.createDirectories(dir);
        Files.copy(Path.of("target/tripline-rules-kjar.jar"), dir.resolve("tripline-rules-" + version + ".jar"));
        Files.copy(Path.of("target/kjar/META-INF/maven/dev.tripline/tripline-rules/pom.xml"), dir.resolve("tripline-rules-" + version + ".pom"));
    }

    static String tail() {
        try {
            List<String> l = Files.readAllLines(log);
            return String.join("\n", l.subList(Math.max(0, l.size() - 40), l.size()));
        } catch (IOException | RuntimeException e) {
            return "(no server log)";
        }
    }
}
