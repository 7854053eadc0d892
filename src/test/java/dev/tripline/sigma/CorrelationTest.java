package dev.tripline.sigma;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.CorrelationSession;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tripline's example Sigma correlations, converted and run beside the bundled rules and the discovery pack. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrelationTest {
    private static final String BURST = "3f0b1d7e-6a52-4c1e-9f3a-2b8d5e7c1a01";
    private static final String TOOLS = "3f0b1d7e-6a52-4c1e-9f3a-2b8d5e7c1a02";
    private static final String SEQUENCE = "3f0b1d7e-6a52-4c1e-9f3a-2b8d5e7c1a03";
    private CompiledRules rules;

    @BeforeAll
    void compile() throws Exception {
        ConversionResult r = SigmaConverter.defaults().convertFile(Path.of(getClass().getResource("/sigma/correlations/discovery_correlations.yml").toURI()));
        assertThat(r.rejections()).isEmpty();
        assertThat(r.files()).hasSize(4);
        rules = RuleCompiler.compile(SigmaConverter.merge(RuleSource.directory(SigmaTestSupport.rulesDrl()), r));
    }

    private List<Alert> run(List<ProcessEvent> events) {
        List<Alert> out = new ArrayList<>();
        try (CorrelationSession s = CorrelationSession.replay(rules)) {
            for (ProcessEvent e : events) out.addAll(s.accept(e));
            out.addAll(s.finish());
        }
        return out;
    }

    private static long count(List<Alert> alerts, String id) { return alerts.stream().filter(a -> a.rule().id().equals(id)).count(); }

    private static ProcessEvent net(String at, String cmd) { return DiscoveryPackTest.event(at, "C:\\Windows\\System32\\net.exe", "net.exe", cmd); }
    private static ProcessEvent whoami(String at) { return DiscoveryPackTest.event(at, "C:\\Windows\\System32\\whoami.exe", "whoami.exe", "whoami /groups"); }
    private static ProcessEvent nltest(String at) { return DiscoveryPackTest.event(at, "C:\\Windows\\System32\\nltest.exe", "nltestrk.exe", "nltest /domain_trusts"); }

    @Test
    void eventCountBurstAlertsOncePerEpisodeAndAgainAfterTheEpisodeCloses() {
        List<Alert> a = run(List.of(
                net("2026-01-05T10:00:00Z", "net group \"domain admins\" /domain"), whoami("2026-01-05T10:01:00Z"),
                nltest("2026-01-05T10:02:00Z"),                 // third: burst
                whoami("2026-01-05T10:05:00Z"), nltest("2026-01-05T10:09:00Z"),   // same episode: no new alert
                whoami("2026-01-05T12:00:00Z"), nltest("2026-01-05T12:01:00Z"),
                net("2026-01-05T12:02:00Z", "net accounts /domain")));           // new episode after quiet time
        assertThat(count(a, BURST)).isEqualTo(2);
        Alert first = a.stream().filter(x -> x.rule().id().equals(BURST)).findFirst().orElseThrow();
        assertThat(first.events()).hasSize(3);
    }

    @Test
    void burstNeedsOneUserOnOneHostInsideTheWindow() {
        assertThat(count(run(List.of(net("2026-01-05T10:00:00Z", "net accounts /domain"), whoami("2026-01-05T10:06:00Z"),
                nltest("2026-01-05T10:12:00Z"))), BURST)).isZero();
    }

    @Test
    void valueCountSeesDistinctTools() {
        assertThat(count(run(List.of(whoami("2026-01-05T10:00:00Z"), whoami("2026-01-05T10:01:00Z"))), TOOLS)).isZero();
        assertThat(count(run(List.of(whoami("2026-01-05T10:00:00Z"), nltest("2026-01-05T10:20:00Z"))), TOOLS)).isEqualTo(1);
    }

    @Test
    void temporalOrderedNeedsReconBeforeAccountCreation() {
        ProcessEvent recon = net("2026-01-05T10:00:00Z", "net group \"domain admins\" /domain");
        assertThat(count(run(List.of(recon, net("2026-01-05T10:30:00Z", "net user mallory P@ss /add"))), SEQUENCE)).isEqualTo(1);
        assertThat(count(run(List.of(net("2026-01-05T09:30:00Z", "net user mallory P@ss /add"),
                net("2026-01-05T10:00:00Z", "net group \"domain admins\" /domain"))), SEQUENCE)).isZero();
        assertThat(count(run(List.of(recon, net("2026-01-05T11:30:00Z", "net user mallory P@ss /add"))), SEQUENCE)).isZero();
    }
}
