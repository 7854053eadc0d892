package dev.tripline.sigma;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.CorrelationSession;
import dev.tripline.engine.RuleFile;
import dev.tripline.engine.RuleSource;
import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import dev.tripline.sigma.runtime.SigmaMatch;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Injection safety, value semantics, regex safety, and equivalence with the hand-written net.exe rule. */
class ConversionSemanticsTest {

    /** Every event through one session, then the end of input: every alert the rules give. */
    static List<Alert> run(CompiledRules rules, List<ProcessEvent> events) {
        List<Alert> out = new ArrayList<>();
        try (CorrelationSession s = CorrelationSession.replay(rules)) {
            for (ProcessEvent e : events) out.addAll(s.accept(e));
            out.addAll(s.finish());
        }
        return out;
    }

    private static ProcessEvent cmd(String commandLine) {
        return DiscoveryPackTest.event("2026-01-05T10:00:00Z", "C:\\Windows\\System32\\cmd.exe", "Cmd.Exe", commandLine);
    }

    private static CompiledRules convertAndCompile(String yaml) throws Exception {
        ConversionResult r = SigmaConverter.defaults().convert(Map.of("test.yml", yaml));
        assertThat(r.rejections()).isEmpty();
        return SigmaTestSupport.compile("test", r.files());
    }

    @Test
    void hostileValuesAndTitlesCompileAndMatchExactlyTheLiteralValue() throws Exception {
        Path p = Path.of(getClass().getResource("/sigma/hostile/hostile.yml").toURI());
        ConversionResult r = SigmaConverter.defaults().convertFile(p);
        assertThat(r.rejections()).isEmpty();
        CompiledRules rules = SigmaTestSupport.compile("hostile", r.files());
        assertThat(SigmaTestSupport.convertedRules(rules)).hasSize(1);
        assertThat(SigmaTestSupport.convertedRules(rules).get(0).getName()).isEqualTo("Evil \" end then rule \"x\" when */ $e # // title");

        List<String> hits = List.of("xa\"by", "c\\d", "$x${y}", "line1\nline2", "end\nthen\n  insert( null );\nrule", "*/ /* // #", "\\u0041");
        List<String> misses = List.of("ab", "a\\\"b", "cd", "c\\\\e", "$x$y", "line1 line2", "end then", "A", "u0041", "*/ /*");
        for (String h : hits) assertThat(run(rules, List.of(cmd(h)))).as(h).hasSize(1);
        for (String m : misses) assertThat(run(rules, List.of(cmd(m)))).as(m).isEmpty();
        Alert a = run(rules, List.of(cmd("a\"b"))).get(0);
        assertThat(a.rule().id()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(a.severity().label()).isEqualToIgnoringCase("low");
    }

    @Test
    void wildcardsEscapesNullAndEmptyFollowTheSpecification() throws Exception {
        CompiledRules rules = convertAndCompile("""
                title: semantics
                id: 22222222-0000-0000-0000-000000000001
                logsource: {category: process_creation, product: windows}
                detection:
                    wild:
                        CommandLine|contains: 'a*b?c'
                    escaped:
                        CommandLine|endswith: 'lit\\*'
                    backslash:
                        CommandLine: '\\\\net.exe'
                    nofile:
                        OriginalFileName: null
                    emptydesc:
                        Description: ''
                    condition: wild or escaped or backslash or (nofile and emptydesc)
                level: low
                """);
        assertThat(run(rules, List.of(cmd("xx A123bXc yy")))).hasSize(1);      // * and ? wildcards, case-insensitive
        assertThat(run(rules, List.of(cmd("xx abc")))).isEmpty();               // ? needs exactly one character
        assertThat(run(rules, List.of(cmd("foo LIT*")))).hasSize(1);            // \* is a literal star
        assertThat(run(rules, List.of(cmd("foo litX")))).isEmpty();
        assertThat(run(rules, List.of(cmd("\\NET.exe")))).hasSize(1);          // \n is a backslash then n
        ProcessEvent noOfn = ProcessEvent.builder().time(1).commandLine("zzz").description("").schema("t")
                .source(new dev.tripline.model.SourceRef("t", 1)).build();
        assertThat(run(rules, List.of(noOfn))).hasSize(1);                      // null = absent, '' = empty
    }

    @Test
    void windashAndBase64offsetExpandTheirVariants() throws Exception {
        CompiledRules rules = convertAndCompile("""
                title: variants
                id: 22222222-0000-0000-0000-000000000002
                logsource: {category: process_creation, product: windows}
                detection:
                    dash:
                        CommandLine|windash|contains: ' -enc '
                    b64:
                        CommandLine|base64offset|contains: 'http://'
                    condition: 1 of them
                level: low
                """);
        for (String v : List.of("ps -enc x", "ps /enc x", "ps \u2013enc x", "ps \u2014enc x", "ps \u2015enc x")) {
            assertThat(run(rules, List.of(cmd(v)))).as(v).hasSize(1);
        }
        for (String prefix : List.of("", "a", "ab")) {
            String enc = java.util.Base64.getEncoder().encodeToString((prefix + "http://evil").getBytes());
            assertThat(run(rules, List.of(cmd("powershell -e " + enc)))).as(enc).hasSize(1);
        }
    }

    @Test
    void regexRunsInLinearTimeAndUnsupportedConstructsAreRejected() throws Exception {
        // A pattern/input pair that takes exponential time on a backtracking engine completes by construction.
        String evil = "a".repeat(5000) + "!";
        assertThat(SigmaMatch.re(evil, "^(a+)+$", "")).isFalse();
        assertThat(SigmaMatch.re(evil, "(a|aa)*b", "")).isFalse();
        assertThat(SigmaMatch.re("X -H Y", "\\s-h\\s", "i")).isTrue();
        assertThat(SigmaMatch.re("X -H Y", "\\s-h\\s", "")).isFalse();

        ConversionResult r = SigmaConverter.defaults().convert(Map.of("lookbehind.yml", """
                title: lookbehind
                id: 22222222-0000-0000-0000-000000000003
                logsource: {category: process_creation, product: windows}
                detection:
                    sel:
                        CommandLine|re: '(?<!foo)bar'
                    condition: sel
                level: low
                """));
        assertThat(r.files()).isEmpty();
        assertThat(r.rejections()).singleElement().satisfies(x -> {
            assertThat(x.file()).isEqualTo("lookbehind.yml");
            assertThat(x.field()).isEqualTo("CommandLine");
            assertThat(x.modifier()).isEqualTo("re");
            assertThat(x.category()).isEqualTo("unsupported regex");
        });
    }

    @Test
    void unknownFieldsAndUnresolvedPlaceholdersAreRejectedWithReasons() {
        ConversionResult r = SigmaConverter.defaults().convert(Map.of("bad.yml", """
                title: unknown field
                id: 22222222-0000-0000-0000-000000000004
                logsource: {category: process_creation, product: windows}
                detection:
                    sel:
                        TargetFilename: 'x'
                    condition: sel
                ---
                title: placeholder
                id: 22222222-0000-0000-0000-000000000005
                logsource: {category: process_creation, product: windows}
                detection:
                    sel:
                        User|expand: '%admins%'
                    condition: sel
                """));
        assertThat(r.files()).isEmpty();
        assertThat(r.rejectionCounts()).containsEntry("unknown field", 1).containsEntry("unresolved placeholder", 1);
    }

    @Test
    void convertedNetReconRuleMatchesTheHandWrittenRuleOnPositivesAndNearMisses() throws Exception {
        Path sigma = SigmaTestSupport.corpus().resolve("proc_creation_win_net_groups_and_accounts_recon.yml");
        ConversionResult converted = SigmaConverter.defaults().convertFile(sigma);
        Path hand = SigmaTestSupport.rulesDrl().resolve("tripline/detection/discovery/net_group_and_account_recon.drl");
        CompiledRules sigmaRules = SigmaTestSupport.compile("sigma", converted.files());
        CompiledRules handRules = SigmaTestSupport.compile("hand", List.of(new RuleFile(hand.toString(),
                "tripline/detection/discovery/net_group_and_account_recon.drl", Files.readString(hand))));
        List<String> lines = List.of(
                // positives
                "net group \"domain admins\" /domain", "net localgroup administrators", "NET1 GROUP \"Enterprise Admins\" /DO",
                "net accounts /domain", "net localgroup \"Remote Desktop Users\"", "net localgroup \"Utilisateurs du Bureau à distance\"",
                "net group \"Exchange Trusted Subsystem\" /dom", "net localgroup Administrateurs",
                // near misses
                "net group \"domain admins\" bob /add /domain", "net localgroup administrators bob /add", "net accounts",
                "net user /domain", "net groups domain admins", "net group /domain", "netgroup \"domain admins\"",
                "net localgroup users", "net accounts/domain");
        for (String line : lines) {
            for (String image : List.of("C:\\Windows\\System32\\net.exe", "C:\\Windows\\System32\\net1.exe", "C:\\Tools\\notnet.exe")) {
                ProcessEvent e = DiscoveryPackTest.event("2026-01-05T10:00:00Z", image, image.endsWith("notnet.exe") ? "notnet.exe" : "net.exe", line);
                int bySigma = run(sigmaRules, List.of(e)).size();
                int byHand = run(handRules, List.of(e)).size();
                assertThat(bySigma).as(image + " " + line).isEqualTo(byHand);
            }
        }
        assertThat(run(sigmaRules, List.of(cmd("x")))).isEmpty();
    }

    @Test
    void mergeAddsConvertedRulesToARuleSource() throws Exception {
        ConversionResult r = SigmaConverter.defaults().convertFile(SigmaTestSupport.corpus().resolve("proc_creation_win_nltest_recon.yml"));
        RuleSource merged = SigmaConverter.merge(RuleSource.directory(SigmaTestSupport.rulesDrl()), r);
        assertThat(merged.drlFiles()).extracting(RuleFile::relativePath).contains("tripline/sigma/proc_creation_win_nltest_recon.drl");
        Path out = Files.createTempDirectory("sigma-out");
        // The rule and its package's prefilter rules.
        assertThat(SigmaConverter.write(r, out)).hasSize(2).allSatisfy(p -> assertThat(p).exists())
                .anySatisfy(p -> assertThat(p).hasFileName("sigma_prefilter.drl"));
        assertThat(merged.drlFiles()).extracting(RuleFile::relativePath).contains("tripline/sigma/sigma_prefilter.drl");
    }
}
