package dev.tripline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --report FILE.html on the fixtures plus hostile command lines: parsed as a browser parses it, it shows every
 * alert with its events and reasons, the suppressed ones apart with their allowlist reasons, every hostile string
 * as text, and it references nothing outside itself. Where Chromium is installed it renders the file too.
 */
class HtmlReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALLOWLIST = "fixtures/suppression-allowlist/allowlist.yaml";
    private static final List<String> FIXTURES = List.of(
            "fixtures/escalation-critical-server-parent/events.jsonl",
            "fixtures/escalation-local-system-sysmon/events.jsonl",
            "fixtures/spread-three-hosts-in-an-hour/events.jsonl",
            "fixtures/suppression-allowlist/events.jsonl");

    @TempDir static Path tmp;
    static Path report;
    static List<JsonNode> shown = new ArrayList<>();
    static List<JsonNode> suppressed = new ArrayList<>();
    static String reportRunStdout;

    @BeforeAll static void runBoth() throws Exception {
        List<String> inputs = new ArrayList<>(FIXTURES);
        inputs.add(HostileEvents.write(tmp).toString());
        report = tmp.resolve("report.html");

        CliRun json = CliRun.of(args(inputs, "--show-suppressed"));
        assertThat(json.exit()).isZero();
        for (String line : json.out().lines().toList()) {
            JsonNode a = JSON.readTree(line);
            (a.path("suppressed").asBoolean() ? suppressed : shown).add(a);
        }
        CliRun withReport = CliRun.of(args(inputs, "--report", report.toString()));
        assertThat(withReport.exit()).isZero();
        reportRunStdout = withReport.out();
    }

    private static String[] args(List<String> inputs, String... extra) {
        List<String> a = new ArrayList<>(List.of("correlate", "--format", "jsonl", "--allowlist", ALLOWLIST));
        a.addAll(List.of(extra));
        a.addAll(inputs);
        return a.toArray(String[]::new);
    }

    @Test void theMainOutputIsUnchangedByTheReport() {
        // The report needs suppressed alerts; without --show-suppressed the main output still leaves them out.
        assertThat(suppressed).isNotEmpty();
        assertThat(reportRunStdout.lines().map(this::read).map(a -> a.path("suppressed").asBoolean())).containsOnly(false);
        assertThat(reportRunStdout.lines().count()).isEqualTo(shown.size());
    }

    @Test void everyAlertIsThereWithItsEventsAndReasons() throws IOException {
        Document doc = Jsoup.parse(report.toFile(), "UTF-8");
        Elements details = doc.select("#alerts details.alert");
        assertThat(details).hasSameSizeAs(shown);
        for (JsonNode a : shown) assertThat(details).anySatisfy(d -> assertShows(d, a));

        Elements hidden = doc.select("#suppressed details.alert");
        assertThat(hidden).hasSameSizeAs(suppressed);
        for (JsonNode a : suppressed) {
            assertThat(hidden).anySatisfy(d -> {
                assertShows(d, a);
                assertThat(d.text()).contains("Suppressed: " + a.path("suppressed_reason").asText());
            });
            assertThat(doc.select("#suppressed table").first().text()).contains(a.path("suppressed_reason").asText());
        }
    }

    @Test void theRunAtAGlanceAndTheGroupsCountWhatTheJsonSays() throws IOException {
        Document doc = Jsoup.parse(report.toFile(), "UTF-8");
        String glance = doc.select("#glance").text();
        assertThat(glance).contains(FIXTURES.get(0)).contains("2024-03-05T");
        for (String sev : List.of("critical", "high", "medium")) {
            long n = shown.stream().filter(a -> a.path("severity").asText().equals(sev)).count();
            if (n > 0) assertThat(glance).contains(sev + " " + n);
        }
        long t1087 = shown.stream().filter(a -> a.at("/rule/tags").toString().contains("attack.t1087.002")).count();
        Element row = doc.select("#by-technique tr:has(td:containsOwn(T1087.002))").first();
        assertThat(row).isNotNull();
        assertThat(row.select("td").get(1).text()).isEqualTo(String.valueOf(t1087));
        long bursts = shown.stream().filter(a -> a.at("/rule/id").asText().equals("7c1f3a52-9d4e-4b8a-a6f1-3e2d5c9b0a17")).count();
        assertThat(bursts).isPositive();
        assertThat(doc.select("#by-rule tr:has(code:containsOwn(7c1f3a52-9d4e-4b8a-a6f1-3e2d5c9b0a17)) td").get(1).text())
                .isEqualTo(String.valueOf(bursts));

        assertThat(accountRow(doc, "NT AUTHORITY\\SYSTEM")).contains("LOCAL_SYSTEM");
        assertThat(accountRow(doc, "IIS APPPOOL\\intranet")).contains("service identity").doesNotContain("LOCAL_SYSTEM");
        assertThat(accountRow(doc, "CORP\\alice")).doesNotContain("service identity").doesNotContain("LOCAL_SYSTEM");
        assertThat(doc.select("#escalations").text()).contains("critical: its parent w3wp.exe is an IIS worker process (web application pool)");
    }

    @Test void theTimelineHasAMarkPerDetectionAndALinePerCorrelation() throws IOException {
        Document doc = Jsoup.parse(report.toFile(), "UTF-8");
        assertThat(doc.select("svg")).hasSize(1);
        long detections = shown.stream().filter(a -> a.path("kind").asText().equals("detection")).count();
        long correlations = shown.size() - detections;
        assertThat(correlations).isPositive();
        assertThat(doc.select("svg.timeline circle.mark")).hasSize((int) detections);
        assertThat(doc.select("circle")).hasSize((int) detections);
        assertThat(doc.select("svg.timeline g.correlation")).hasSize((int) correlations);
        // The spread correlation's line crosses three host rows.
        assertThat(doc.select("svg.timeline g.correlation polyline").eachAttr("points"))
                .anySatisfy(p -> assertThat(p.split(" ")).hasSizeGreaterThanOrEqualTo(3));
        for (Element a : doc.select("svg a")) assertThat(doc.getElementById(a.attr("href").substring(1))).isNotNull();
    }

    @Test void hostileStringsAreTextAndNothingIsExternal() throws IOException {
        String raw = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(raw.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("<img").doesNotContain("<svg onload");
        Document doc = Jsoup.parse(raw);
        assertNothingActiveOrExternal(doc);
        List<String> pres = doc.select("#alerts pre").eachText().isEmpty() ? List.of() : doc.select("#alerts pre").stream().map(Element::wholeText).toList();
        for (String c : HostileEvents.COMMAND_LINES) assertThat(pres).contains(c);
        assertThat(doc.select("#alerts td").stream().map(Element::wholeText)).contains(HostileEvents.HOSTILE_HOST);
        assertThat(doc.select("svg text.host").eachText()).contains(HostileEvents.HOSTILE_HOST.substring(0, 27) + "…");
    }

    @Test void chromiumRendersEveryAlertAndRunsNothing() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            System.out.println("HtmlReportTest: skipped the browser check: /usr/bin/chromium is not installed (Debian package chromium)");
        }
        Assumptions.assumeTrue(Files.isExecutable(chromium), "no /usr/bin/chromium (Debian package chromium): browser check skipped");
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
        Path dom = tmp.resolve("dom.html");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--dump-dom", report.toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // A bound against a hung browser, not a time budget: Chromium normally exits in seconds.
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) p.destroyForcibly();
        assertThat(done).as("chromium exited").isTrue();
        assertThat(p.exitValue()).isZero();

        Document rendered = Jsoup.parse(dom.toFile(), "UTF-8");
        assertThat(rendered.select("#alerts details.alert")).hasSameSizeAs(shown);
        assertThat(rendered.select("#suppressed details.alert")).hasSameSizeAs(suppressed);
        assertThat(rendered.select("svg circle.mark")).hasSize((int) shown.stream().filter(a -> a.path("kind").asText().equals("detection")).count());
        assertNothingActiveOrExternal(rendered);
        List<String> pres = rendered.select("#alerts pre").stream().map(Element::wholeText).toList();
        for (String c : HostileEvents.COMMAND_LINES) assertThat(pres).contains(c);
    }

    private static String accountRow(Document doc, String account) {
        return doc.select("#by-account tr").stream().filter(r -> !r.select("td").isEmpty() && r.select("td").first().ownText().equals(account))
                .map(Element::text).findFirst().orElseThrow(() -> new AssertionError("no row for " + account));
    }

    private static void assertNothingActiveOrExternal(Document doc) {
        assertThat(doc.select("script, img, iframe, object, embed, link, base, form, foreignObject, image, use")).isEmpty();
        for (Element e : doc.getAllElements()) {
            for (Attribute at : e.attributes()) {
                assertThat(at.getKey().toLowerCase(Locale.ROOT)).as("attribute on <%s>", e.tagName()).doesNotStartWith("on");
                assertThat(at.getKey()).isNotIn("src", "srcset", "xlink:href", "action", "formaction");
                if (at.getKey().equals("href")) assertThat(at.getValue()).startsWith("#");
                assertThat(at.getValue().toLowerCase(Locale.ROOT)).doesNotContain("javascript:").doesNotContain("://");
            }
        }
        for (Element style : doc.select("style")) assertThat(style.data()).doesNotContain("url(").doesNotContain("@import");
    }

    private static void assertShows(Element d, JsonNode a) {
        String summary = d.selectFirst("summary").text();
        assertThat(summary).contains(a.path("time").asText()).contains(a.path("severity").asText()).contains(a.at("/rule/title").asText());
        for (JsonNode r : a.path("reasons")) assertThat(d.select("ul.reasons li").eachText()).contains(r.asText());
        List<String> cites = d.select("table.events td code").eachText();
        List<String> commandLines = d.select("table.events pre").stream().map(Element::wholeText).toList();
        for (JsonNode e : a.path("events")) {
            assertThat(cites).contains(e.path("file").asText() + ":" + e.path("line").asLong());
            assertThat(commandLines).contains(e.path("command_line").asText());
        }
    }

    private JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
