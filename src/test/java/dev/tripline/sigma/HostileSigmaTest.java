package dev.tripline.sigma;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile Sigma rules (issue 10) are rejections with a reason, never a crash, and never something that matches
 * differently; the ordinary rule converted beside each of them still converts and compiles.
 */
class HostileSigmaTest {
    private static final String GOOD = rule("00000000-0000-0000-0000-00000000000a", "sel: {CommandLine|contains: whoami}", "sel");

    private static String rule(String id, String detection, String condition) {
        return "title: rule " + id + "\nid: " + id + "\nlevel: high\nlogsource: {category: process_creation, product: windows}\n"
                + "detection:\n  " + detection.replace("\n", "\n  ") + "\n  condition: " + condition + "\n";
    }

    /** Converts the hostile document beside the good one; returns the hostile one's rejection reason. */
    private static String rejectionOf(String hostile) throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("good.yml", GOOD);
        sources.put("hostile.yml", hostile);
        ConversionResult r = SigmaConverter.defaults().convert(sources);
        assertThat(r.files()).as("the good rule still converts").hasSize(1);
        assertThat(r.rejections()).hasSize(1);
        assertThat(r.rejections().get(0).file()).isEqualTo("hostile.yml");
        assertThat(SigmaTestSupport.convertedRules(SigmaTestSupport.compile("hostile", r.files()))).hasSize(1); // what was converted compiles
        return r.rejections().get(0).reason();
    }

    @Test
    void deeplyNestedNotIsOverLimit() throws Exception {
        assertThat(rejectionOf(rule("00000000-0000-0000-0000-000000000001", "sel: {CommandLine: x}", "not ".repeat(200) + "sel")))
                .startsWith("over limit: condition nested deeper than 32");
    }

    @Test
    void twentyThousandParenthesesAreOverLimit() throws Exception {
        assertThat(rejectionOf(rule("00000000-0000-0000-0000-000000000002", "sel: {CommandLine: x}", "(".repeat(20_000) + "sel" + ")".repeat(20_000))))
                .startsWith("over limit: condition of 40003 characters");
        assertThat(rejectionOf(rule("00000000-0000-0000-0000-000000000012", "sel: {CommandLine: x}", "(".repeat(40) + "sel" + ")".repeat(40))))
                .startsWith("over limit: condition nested deeper than 32");
    }

    @Test
    void fiveThousandNestedYamlListsAreOverLimit() throws Exception {
        String nested = "[".repeat(5000) + "x" + "]".repeat(5000);
        assertThat(rejectionOf(rule("00000000-0000-0000-0000-000000000003", "sel: {CommandLine: " + nested + "}", "sel")))
                .startsWith("over limit: nested deeper than 64 levels");
    }

    @Test
    void allOfTwentyThousandSelectionsIsOverLimit() throws Exception {
        String sels = IntStream.range(0, 20_000).mapToObj(i -> "s" + i + ": {CommandLine: v" + i + "}").collect(Collectors.joining("\n"));
        assertThat(rejectionOf(rule("00000000-0000-0000-0000-000000000004", sels, "all of s*")))
                .isEqualTo("over limit: 20000 detection identifiers (limit 256)");
        assertThat(rejectionOf(rule("00000000-0000-0000-0000-000000000014", sels, "1 of s*")))
                .isEqualTo("over limit: 20000 detection identifiers (limit 256)");
    }

    @Test
    void hugeCountIsOverLimitNotANumberFormatException() throws Exception {
        assertThat(rejectionOf(rule("00000000-0000-0000-0000-000000000005", "s1: {CommandLine: x}", "99999999999 of s*")))
                .startsWith("over limit: '99999999999 of'");
    }

    @Test
    void sixtyThousandValuesAreRejectedAtConversionNotAtCompile() throws Exception {
        String values = IntStream.range(0, 60_000).mapToObj(i -> "'v" + i + "'").collect(Collectors.joining(", ", "[", "]"));
        assertThat(rejectionOf(rule("00000000-0000-0000-0000-000000000006", "sel: {CommandLine|contains: " + values + "}", "sel")))
                .isEqualTo("over limit: 60000 values (limit 4096)");
        // Fewer values, each long: the DRL size limit, before Drools would fail on it.
        String longValues = IntStream.range(0, 3_000).mapToObj(i -> "'" + "v".repeat(100) + i + "'").collect(Collectors.joining(", ", "[", "]"));
        assertThat(rejectionOf(rule("00000000-0000-0000-0000-000000000016", "sel: {CommandLine|contains: " + longValues + "}", "sel")))
                .startsWith("over limit: the rule converts to").contains("KiB of DRL (limit 256 KiB)");
    }

    private static String correlation(String id, String timespan) {
        return GOOD + "---\ntitle: corr " + id + "\nid: " + id + "\nlevel: high\ncorrelation:\n  type: event_count\n"
                + "  rules: [00000000-0000-0000-0000-00000000000a]\n  group-by: [User]\n  timespan: " + timespan + "\n  condition: {gte: 3}\n";
    }

    @Test
    void timespansTooLongForALongAreOverTheLimitNotWrappedOrCrashed() throws Exception {
        for (String t : List.of("8825400613783079d", "12345678901234567890123s")) {
            ConversionResult r = SigmaConverter.defaults().convert(Map.of("corr.yml", correlation("00000000-0000-0000-0000-000000000007", t)));
            assertThat(r.rejections()).as(t).singleElement()
                    .satisfies(x -> assertThat(x.reason()).startsWith("unsupported correlation: timespan " + t + " is over the limit of 1h"));
            assertThat(r.files()).as("the rule it correlates still converts").hasSize(1);
        }
        ConversionResult ok = SigmaConverter.defaults().convert(Map.of("corr.yml", correlation("00000000-0000-0000-0000-000000000008", "10m")));
        assertThat(ok.rejections()).isEmpty();
        assertThat(ok.files()).hasSize(2);
    }

    @Test
    void unknownLevelIsRejectedNotSilentlyMedium() throws Exception {
        String bad = rule("00000000-0000-0000-0000-000000000009", "sel: {CommandLine: x}", "sel").replace("level: high", "level: severe");
        assertThat(rejectionOf(bad)).isEqualTo("invalid document: unknown level 'severe' (known: informational, low, medium, high, critical)");
    }

    @Test
    void otherLogSourcesAreNamedNotBlamedOnAField() throws Exception {
        String dns = rule("00000000-0000-0000-0000-000000000010", "sel: {QueryName|endswith: .evil}", "sel")
                .replace("category: process_creation", "category: dns_query");
        assertThat(rejectionOf(dns)).isEqualTo("unsupported log source: log source dns_query is not supported (process_creation only)");
    }

    @Test
    void aNonUtf8FileIsRejectedAndTheRestOfTheFolderConverts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a_good.yml"), GOOD, StandardCharsets.UTF_8);
        byte[] latin1 = rule("00000000-0000-0000-0000-000000000011", "sel: {CommandLine: 'caf\u00e9'}", "sel").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("b_latin1.yml"), latin1);
        ConversionResult r = SigmaConverter.defaults().convert(dir);
        assertThat(r.files()).hasSize(1);
        assertThat(r.rejections()).singleElement().satisfies(x -> {
            assertThat(x.file()).endsWith("b_latin1.yml");
            assertThat(x.reason()).startsWith("invalid file: not UTF-8 text");
        });
        CompiledRules compiled = RuleCompiler.compile(SigmaConverter.merge(RuleSource.bundled(), r));
        assertThat(compiled.rules()).anyMatch(rule -> rule.getName().equals("rule 00000000-0000-0000-0000-00000000000a"));
    }
}
