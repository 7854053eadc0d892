package dev.tripline.cli;

import static dev.tripline.testing.TestFiles.copyTree;

import dev.tripline.authoring.RuleSkeleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** validate, test and new-rule through the CLI, on copies of the rules and fixtures in temp folders. */
class AuthoringCommandsTest {
    private static final Path RULES = Path.of("rules-drl");
    private static final Path FIXTURES = Path.of("fixtures");
    private static final String NET_RULE = "tripline/detection/discovery/net_group_and_account_recon.drl";

    @TempDir Path tmp;

    record Run(int exit, String out, String err) {}

    static Run tripline(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cli = TriplineCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * The core rules only: the net.exe detection and the burst (two finding rules) with the context, escalation and
     * suppression rules they need — so coverage counts stay small and readable whatever else ships in rules-drl.
     */
    Path rulesCopy() throws IOException {
        Path dir = tmp.resolve("rules");
        copyTree(RULES, dir);
        for (String extra : List.of("tripline/detection/discovery/sigma", "tripline/detection/persistence",
                "tripline/correlation/discovery_spread.drl", "tripline/correlation/recon_then_account_manipulation.drl")) {
            deleteTree(dir.resolve(extra));
        }
        return dir;
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }

    Path fixturesCopy(String... names) throws IOException {
        Path dir = tmp.resolve("fixtures");
        Files.createDirectories(dir);
        for (String n : names) copyTree(FIXTURES.resolve(n), dir.resolve(n));
        return dir;
    }

    static void edit(Path file, String from, String to) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(s).contains(from);
        Files.writeString(file, s.replace(from, to), StandardCharsets.UTF_8);
    }

    static int lineOf(Path file, String text) throws IOException {
        var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError(text + " not in " + file);
    }

    // ---- validate ----

    @Test void validateAcceptsTheBundledRules() throws IOException {
        Run r = tripline("validate", "--rules", rulesCopy().toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("0 error(s)");
    }

    @Test void validateReportsSyntaxAndSemanticErrorsOfEveryFileAtFileLine() throws IOException {
        Path rules = rulesCopy();
        Path syntax = rules.resolve("tripline/context/server_process.drl");
        edit(syntax, "Detection( $e : event )", "Detection( $e : event ");               // unclosed pattern
        Path badField = rules.resolve("tripline/escalation/discovery_by_machine_identity.drl");
        edit(badField, "RunsAsLocalSystem( account == $a, $why : reason )", "RunsAsLocalSystem( acount == $a, $why : reason )");
        Path unknownType = rules.resolve("tripline/context/service_identity.drl");
        edit(unknownType, "$p : ServiceAccountPattern( matches( $a ) )", "$p : ServiceAccountPatern( matches( $a ) )");

        Run r = tripline("validate", "--rules", rules.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.RULES_INVALID);
        assertThat(r.out())
                .contains(syntax + ":" + lineOf(syntax, "$s : ServerProcess") + ":5: error: ")
                .contains(badField + ":" + lineOf(badField, "acount == $a") + ": error: ")
                .contains(unknownType + ":" + lineOf(unknownType, "ServiceAccountPatern") + ": error: ")
                .contains("ServiceAccountPatern")
                .contains("acount");
        assertThat(r.out().lines().filter(l -> l.contains(": error: ")).map(l -> l.substring(0, l.indexOf(':'))).distinct())
                .as("every broken file, and only those").containsExactlyInAnyOrder(syntax.toString(), badField.toString(), unknownType.toString());
    }

    @Test void validateReportsDuplicateIdsAndUnknownLevelsAsMetadataProblems() throws IOException {
        Path rules = rulesCopy();
        Path net = rules.resolve(NET_RULE);
        edit(net, "@level( \"medium\" )", "@level( \"severe\" )");
        Path copy = rules.resolve("tripline/detection/discovery/copy_of_net.drl");
        Files.writeString(copy, Files.readString(net).replace("package tripline.detection.discovery;", "package tripline.detection.copy;")
                .replace("@level( \"severe\" )", "@level( \"high\" )").replace("@title( \"Suspicious Group And Account Reconnaissance Activity Using Net.EXE\" )", ""));

        Run r = tripline("validate", "--rules", rules.toString());

        assertThat(r.exit()).as(r.out()).isEqualTo(ExitCodes.CHECK_FAILED);
        int ruleLine = lineOf(net, "rule \"net.exe group");
        assertThat(r.out())
                .contains(net + ":" + ruleLine + ": error: rule \"net.exe group or account enumeration is reconnaissance\": @level \"severe\" is not a known severity")
                // files are checked in path order: copy_of_net.drl comes first, so the original is the duplicate
                .contains(net + ":" + ruleLine + ": error: rule \"net.exe group or account enumeration is reconnaissance\": duplicate @id \"d95de845-b83c-4a9a-8a6a-4fc802ebf6c0\" (also rule \"net.exe group or account enumeration is reconnaissance\" at " + copy + ":" + ruleLine + ")")
                .contains(copy + ":" + ruleLine + ": error: rule \"net.exe group or account enumeration is reconnaissance\": @title is missing")
                .contains("3 error(s)");
    }

    // ---- test ----

    @Test void testPassesScenariosWritesJUnitXmlAndReportsCoverage() throws Exception {
        Path fixtures = fixturesCopy("burst-three-in-ten-minutes", "escalation-critical-server-parent");
        Path xml = tmp.resolve("reports/tripline.xml");

        Run r = tripline("test", "--rules", rulesCopy().toString(), "--fixtures", fixtures.toString(), "--junit-xml", xml.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("PASS burst-three-in-ten-minutes\n", "PASS escalation-critical-server-parent\n", "2 passed, 0 failed\n",
                "rule coverage: 2 of 2 finding rule(s) fired in some scenario\n");
        Element suite = parse(xml).getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getElementsByTagName("testcase").getLength()).isEqualTo(2);
    }

    @Test void aFailingScenarioPrintsTheAlertDiffAndFails() throws Exception {
        Path fixtures = fixturesCopy("burst-three-in-ten-minutes", "seed-net1-localgroup-administrators");
        edit(fixtures.resolve("burst-three-in-ten-minutes/expected-alerts.jsonl"),
                "{\"kind\": \"correlation\", \"rule\": {\"id\": \"7c1f3a52-9d4e-4b8a-a6f1-3e2d5c9b0a17\"}, \"severity\": \"high\"",
                "{\"kind\": \"correlation\", \"rule\": {\"id\": \"7c1f3a52-9d4e-4b8a-a6f1-3e2d5c9b0a17\"}, \"severity\": \"critical\"");
        Path xml = tmp.resolve("junit.xml");

        Run r = tripline("test", "--rules", rulesCopy().toString(), "--fixtures", fixtures.toString(), "--junit-xml", xml.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(r.out()).contains("FAIL burst-three-in-ten-minutes\n", "PASS seed-net1-localgroup-administrators\n", "1 passed, 1 failed\n",
                "  1 missing, 1 unexpected alert(s)\n");
        String minus = r.out().lines().filter(l -> l.startsWith("  - ")).findFirst().orElseThrow();
        String plus = r.out().lines().filter(l -> l.startsWith("  + ")).findFirst().orElseThrow();
        assertThat(minus).contains("\"severity\":\"critical\"").startsWith("  - {").endsWith("}");
        assertThat(plus).contains("\"severity\":\"high\"", "\"kind\":\"correlation\"", "\"line\":3").startsWith("  + {").endsWith("}");
        Element suite = parse(xml).getDocumentElement();
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("burst-three-in-ten-minutes");
        assertThat(failure.getAttribute("message")).isEqualTo("1 missing, 1 unexpected alert(s)");
        assertThat(failure.getTextContent()).contains("- {", "+ {");
    }

    @Test void aRuleThatFiresInNoScenarioIsReported() throws IOException {
        Path rules = rulesCopy();
        Path fixtures = fixturesCopy("seed-net1-localgroup-administrators");

        Run r = tripline("test", "--rules", rules.toString(), "--fixtures", fixtures.toString());

        assertThat(r.exit()).as("coverage alone does not fail by default").isZero();
        Path burst = rules.resolve("tripline/correlation/discovery_burst.drl");
        assertThat(r.out()).contains("rule coverage: 1 of 2 finding rule(s) fired in some scenario; never fired:\n",
                "  " + burst + ":" + lineOf(burst, "rule \"Three distinct") + ": \"Three distinct discovery commands by one account on one host within 10 minutes are a burst\" (@id 7c1f3a52-9d4e-4b8a-a6f1-3e2d5c9b0a17)");
        assertThat(tripline("test", "--rules", rules.toString(), "--fixtures", fixtures.toString(), "--fail-on-uncovered").exit())
                .isEqualTo(ExitCodes.CHECK_FAILED);
    }

    // ---- new-rule ----

    @Test void newRuleWritesASkeletonThatValidatesAndAScenarioThatFailsUntilTheConditionIsWritten() throws IOException {
        Path rules = rulesCopy();
        Path fixtures = fixturesCopy();

        Run created = tripline("new-rule", "certutil-download", "--rules", rules.toString(), "--fixtures", fixtures.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        Path drl = rules.resolve("tripline/detection/custom/certutil-download.drl");
        assertThat(drl).exists();
        assertThat(fixtures.resolve("certutil-download/events.jsonl")).exists();
        assertThat(Files.readString(drl)).containsPattern("@id\\( \"[0-9a-f-]{36}\" \\)").contains("@title(", "@level(", "@tags(", "Detection.of(");

        Run valid = tripline("validate", "--rules", rules.toString());
        assertThat(valid.exit()).as(valid.out()).isZero();

        Run red = tripline("test", "--rules", rules.toString(), "--fixtures", fixtures.toString());
        assertThat(red.exit()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(red.out()).contains("FAIL certutil-download\n", "  1 missing, 0 unexpected alert(s)\n", "never fired:", "certutil-download.drl");

        edit(drl, RuleSkeleton.PLACEHOLDER, RuleSkeleton.EXAMPLE);
        Run green = tripline("test", "--rules", rules.toString(), "--fixtures", fixtures.toString());
        assertThat(green.exit()).as(green.out()).isZero();
        assertThat(green.out()).contains("PASS certutil-download\n", "1 passed, 0 failed\n");

        String before = Files.readString(drl);
        Run again = tripline("new-rule", "certutil-download", "--rules", rules.toString(), "--fixtures", fixtures.toString());
        assertThat(again.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("already exists");
        assertThat(Files.readString(drl)).isEqualTo(before);
    }

    @Test void newRuleRejectsABadName() {
        Run r = tripline("new-rule", "Bad Name!", "--rules", tmp.resolve("r").toString(), "--fixtures", tmp.resolve("f").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    private static Document parse(Path xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    }
}
