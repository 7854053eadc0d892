package dev.tripline.sigma;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.CorrelationSession;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleIdentity;
import dev.tripline.engine.RuleSource;
import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule is identified by its @id: loaded twice (a Sigma rule the bundled discovery pack also carries, or the same
 * rule given twice), one copy runs, the one given explicitly; every event is detected once and counted once.
 */
class DuplicateRulesTest {
    /** "Group Membership Reconnaissance Via Whoami.EXE", in the bundled discovery pack and in the fixtures. */
    static final String WHOAMI_GROUPS = "bd8b828d-0dca-48e1-8a63-8a58ecf2644f";
    private static final String PAIR = "7c1e2f40-5b7a-4d0e-9a61-0d2b3c4e5f60";
    private static final String QUIET_PAIR = "7c1e2f40-5b7a-4d0e-9a61-0d2b3c4e5f61";

    static Path fixture(String folder) throws Exception {
        return Path.of(DuplicateRulesTest.class.getResource("/sigma/" + folder).toURI());
    }

    private static CompiledRules bundledPlus(String... folders) throws Exception {
        RuleSource source = RuleSource.bundled();
        for (String f : folders) source = SigmaConverter.merge(source, SigmaConverter.defaults().convert(fixture(f)));
        return RuleCompiler.compile(source);
    }

    private static ProcessEvent whoami(String at) {
        return DiscoveryPackTest.event(at, "C:\\Windows\\System32\\whoami.exe", "whoami.exe", "whoami /groups");
    }

    private static List<Alert> run(CompiledRules rules, List<ProcessEvent> events) {
        return ConversionSemanticsTest.run(rules, events);
    }

    private static List<Alert> of(List<Alert> alerts, String id) { return alerts.stream().filter(a -> a.rule().id().equals(id)).toList(); }

    @Test
    void theCopyGivenExplicitlyRunsInsteadOfTheBundledOneAndEachEventIsDetectedOnce() throws Exception {
        CompiledRules rules = bundledPlus("duplicates");

        assertThat(rules.duplicates()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(WHOAMI_GROUPS);
            assertThat(d.kept()).contains("whoami_groups_copy.yml");
            assertThat(d.dropped()).singleElement().asString().startsWith("rules-drl/").contains("whoami_groups_discovery");
        });
        assertThat(rules.rules().stream().filter(r -> WHOAMI_GROUPS.equals(r.getMetaData().get("id"))))
                .singleElement().satisfies(r -> assertThat(r.getName()).isEqualTo("Whoami group listing (user copy)"));

        List<Alert> alerts = run(rules, List.of(whoami("2026-01-05T10:00:00Z"), whoami("2026-01-05T10:01:00Z")));
        assertThat(of(alerts, WHOAMI_GROUPS)).hasSize(2).allSatisfy(a -> assertThat(a.events()).hasSize(1));
        assertThat(of(alerts, PAIR)).singleElement().satisfies(a -> assertThat(a.events()).hasSize(2));
    }

    @Test
    void withoutAnExplicitCopyTheBundledRuleRunsAndNothingIsReported() throws Exception {
        CompiledRules rules = RuleCompiler.compile(RuleSource.bundled());

        assertThat(rules.duplicates()).isEmpty();
        assertThat(of(run(rules, List.of(whoami("2026-01-05T10:00:00Z"))), WHOAMI_GROUPS)).singleElement()
                .satisfies(a -> assertThat(a.rule().name()).isEqualTo("Group Membership Reconnaissance Via Whoami.EXE"));
    }

    @Test
    void theSameRuleGivenTwiceRunsOnce() throws Exception {
        CompiledRules rules = bundledPlus("duplicates", "duplicates");

        assertThat(rules.duplicates()).hasSize(2).anySatisfy(d -> assertThat(d.id()).isEqualTo(PAIR));
        assertThat(RuleIdentity.describe(rules.duplicates())).contains(WHOAMI_GROUPS).contains(PAIR).doesNotContain("\n");
        List<Alert> alerts = run(rules, List.of(whoami("2026-01-05T10:00:00Z"), whoami("2026-01-05T10:01:00Z")));
        assertThat(of(alerts, WHOAMI_GROUPS)).hasSize(2);
        assertThat(of(alerts, PAIR)).hasSize(1);
    }

    /**
     * Hang guard. A quiet rule (generate: false) inserts QuietDetections, which correlations match only as
     * TimedFact: their lifetime was never read, so they outlived the correlation's marks (3h), and when the marks
     * expired the correlation fired again and inserted a mark that had expired already, without end.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCorrelationOverAQuietRuleLoadedTwiceAlertsOnceAndEnds() throws Exception {
        CompiledRules rules = bundledPlus("duplicates-quiet");

        List<Alert> alerts = run(rules, List.of(whoami("2026-01-05T10:00:00Z"), whoami("2026-01-05T10:01:00Z"),
                whoami("2026-01-05T10:02:00Z"), whoami("2026-01-05T14:00:00Z")));

        assertThat(of(alerts, WHOAMI_GROUPS)).as("the quiet copy wins over the bundled rule: no detection alerts").isEmpty();
        assertThat(of(alerts, QUIET_PAIR)).singleElement().satisfies(a -> assertThat(a.events()).hasSize(2));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void quietDetectionsExpireWithTheirWindowSoTheSessionDoesNotKeepThem() throws Exception {
        CompiledRules rules = bundledPlus("duplicates-quiet");
        try (CorrelationSession s = CorrelationSession.replay(rules)) {
            long before = s.factCount();
            s.accept(whoami("2026-01-05T10:00:00Z"));
            s.advanceTo(java.time.Instant.parse("2026-01-06T10:00:00Z").toEpochMilli());
            assertThat(s.factCount()).as("the event, its quiet detection and any mark are gone a day later").isEqualTo(before);
        }
    }
}
