package dev.tripline.sigma;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.CorrelationSession;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleFile;
import dev.tripline.engine.RuleSource;
import dev.tripline.model.Account;
import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The discovery pack under rules-drl/tripline/detection/discovery/sigma/: SigmaHQ rules for the discovery phase
 * around the net.exe recon rule (whoami, nltest, dsquery, AdFind, PowerShell AD cmdlets, local account and share
 * discovery). The committed files must be exactly what the converter makes of the corpus (regenerate with
 * {@code -Dsigma.pack.write=true}), carry attack.discovery, and compile with the bundled rules.
 */
class DiscoveryPackTest {
    static final String FOLDER = "tripline/detection/discovery/sigma";
    static final List<String> PACK = List.of(
            "proc_creation_win_whoami_all_execution.yml",
            "proc_creation_win_whoami_groups_discovery.yml",
            "proc_creation_win_whoami_priv_discovery.yml",
            "proc_creation_win_whoami_execution_from_high_priv_process.yml",
            "proc_creation_win_renamed_whoami.yml",
            "proc_creation_win_nltest_recon.yml",
            "proc_creation_win_nltest_execution.yml",
            "proc_creation_win_dsquery_domain_trust_discovery.yml",
            "proc_creation_win_pua_adfind_enumeration.yml",
            "proc_creation_win_pua_adfind_susp_usage.yml",
            "proc_creation_win_powershell_user_discovery_get_aduser.yml",
            "proc_creation_win_powershell_computer_discovery_get_adcomputer.yml",
            "proc_creation_win_powershell_get_localgroup_member_recon.yml",
            "proc_creation_win_susp_local_system_owner_account_discovery.yml",
            "proc_creation_win_net_view_share_and_sessions_enum.yml",
            "proc_creation_win_nslookup_domain_discovery.yml");

    static ConversionResult convertPack() throws Exception {
        Path corpus = SigmaTestSupport.corpus();
        Map<String, String> sources = new LinkedHashMap<>();
        // Named by file name only, so the generated comments carry no machine path.
        for (String f : PACK) sources.put(f, Files.readString(corpus.resolve(f)));
        return SigmaConverter.defaults().withFolder(FOLDER).convert(sources);
    }

    @Test
    void committedPackIsTheConversionOfTheCorpusFiles() throws Exception {
        ConversionResult r = convertPack();
        assertThat(r.rejections()).isEmpty();
        assertThat(r.files()).hasSize(PACK.size());
        Path root = SigmaTestSupport.rulesDrl();
        if (Boolean.getBoolean("sigma.pack.write")) SigmaConverter.write(r, root);
        for (RuleFile f : r.files()) {
            assertThat(f.content()).contains("attack.discovery");
            assertThat(root.resolve(f.relativePath())).as(f.relativePath()).hasContent(f.content());
        }
        assertThat(r.support()).as("the package's prefilter rules").singleElement()
                .satisfies(f -> assertThat(root.resolve(f.relativePath())).hasContent(f.content()));
    }

    @Test
    void bundledRulesAndThePackCompileTogetherAndFeedTheBurst() throws Exception {
        CompiledRules rules = RuleCompiler.compile(RuleSource.directory(SigmaTestSupport.rulesDrl()));
        // One rule per pack file, plus the package's two prefilter rules (sigma_prefilter.drl).
        assertThat(rules.rules().stream().filter(x -> x.getPackageName().equals(FOLDER.replace('/', '.')))).hasSize(PACK.size() + 2);

        List<Alert> alerts = new ArrayList<>();
        try (CorrelationSession s = CorrelationSession.replay(rules)) {
            alerts.addAll(s.accept(event("2026-01-05T10:00:00Z", "C:\\Windows\\System32\\whoami.exe", "whoami.exe", "whoami /groups")));
            alerts.addAll(s.accept(event("2026-01-05T10:01:00Z", "C:\\Windows\\System32\\nltest.exe", "nltestrk.exe", "nltest /domain_trusts")));
            alerts.addAll(s.accept(event("2026-01-05T10:02:00Z", "C:\\Windows\\System32\\whoami.exe", "whoami.exe", "whoami /priv")));
            alerts.addAll(s.finish());
        }
        assertThat(alerts).filteredOn(a -> a.kind().equals("correlation")).hasSize(1);
        assertThat(alerts).filteredOn(a -> a.kind().equals("detection")).hasSizeGreaterThanOrEqualTo(3);
    }

    private static long line;

    static ProcessEvent event(String at, String image, String ofn, String cmd) {
        return ProcessEvent.builder().time(Instant.parse(at).toEpochMilli()).host("WS01.corp.local")
                .actor(new Account("CORP", "alice", "S-1-5-21-1-2-3-1104")).logonId("0x3c21d")
                .image(image).originalFileName(ofn).commandLine(cmd).parentImage("C:\\Windows\\System32\\cmd.exe")
                .schema("test").source(new SourceRef("test", ++line)).build();
    }
}
