package dev.tripline.pipeline;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.model.Alert;
import dev.tripline.output.AlertSink;
import dev.tripline.output.RunStats;
import dev.tripline.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * All 6,892 real process-creation events of the shared research datasets, through the real pipeline.
 *
 * <p>Exactly twelve events are net.exe/net1.exe group or account reconnaissance (found independently by a
 * plain reading of the Sigma rule over every line):
 * <ul>
 *   <li>mdecrevoisier 1067–1070: OFFSEC\admmig on FS03 runs {@code net group /domain} and {@code net accounts /domain},
 *   each through net.exe and its net1.exe child (Security 4688). Four distinct command lines within seconds:
 *   also one burst correlation, raised when the third arrives (by time: 1069, 1070, 1067; 1068 then extends it);</li>
 *   <li>OTRF 1450–1453: THESHIRE\pgustavo, {@code net localgroup Administrators} via net.exe and net1.exe, each seen
 *   by Sysmon and by 4688 — two distinct command lines, so no burst;</li>
 *   <li>OTRF 1458–1461: THESHIRE\sbeavers, {@code net group "Domain Admins" /domain}, the same pattern.</li>
 * </ul>
 * All are ordinary domain users on workstations or a file server, so every detection stays medium. Nothing else
 * in the 6,892 events may alert.
 */
class SharedDatasetsTest {
    private static final String MDE = "mdecrevoisier_evtx_to_mitre_attack.jsonl.gz";
    private static final String OTRF = "otrf_security_datasets.jsonl.gz";

    @Test void exactlyTheTwelveReconEventsAndOneBurstAreDetected() throws Exception {
        Path datasets = SharedData.require("datasets");
        List<String> inputs;
        try (Stream<Path> files = Files.list(datasets)) {
            inputs = files.filter(p -> p.toString().endsWith(".jsonl.gz")).sorted().map(Path::toString).toList();
        }
        CompiledRules rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
        List<Alert> alerts = new ArrayList<>();
        AlertSink collect = new AlertSink() {
            @Override public void write(Alert a) { alerts.add(a); }
            @Override public void close() {}
        };

        RunStats stats = BatchRun.run(rules, inputs, BatchRun.Options.defaults(), collect);

        assertThat(stats.lines()).isEqualTo(6892);
        assertThat(stats.events() + stats.skippedCount() + stats.rejectedCount()).isEqualTo(6892);
        assertThat(alerts).filteredOn(a -> a.kind().equals("detection"))
                .extracting(a -> fileName(a), a -> a.events().get(0).getSource().line(), a -> a.user().display(), a -> a.severity().label())
                .containsExactlyInAnyOrder(
                        tuple(MDE, 1067L, "OFFSEC\\admmig", "medium"), tuple(MDE, 1068L, "OFFSEC\\admmig", "medium"),
                        tuple(MDE, 1069L, "OFFSEC\\admmig", "medium"), tuple(MDE, 1070L, "OFFSEC\\admmig", "medium"),
                        tuple(OTRF, 1450L, "THESHIRE\\pgustavo", "medium"), tuple(OTRF, 1451L, "THESHIRE\\pgustavo", "medium"),
                        tuple(OTRF, 1452L, "THESHIRE\\pgustavo", "medium"), tuple(OTRF, 1453L, "THESHIRE\\pgustavo", "medium"),
                        tuple(OTRF, 1458L, "THESHIRE\\sbeavers", "medium"), tuple(OTRF, 1459L, "THESHIRE\\sbeavers", "medium"),
                        tuple(OTRF, 1460L, "THESHIRE\\sbeavers", "medium"), tuple(OTRF, 1461L, "THESHIRE\\sbeavers", "medium"));
        assertThat(alerts).filteredOn(a -> a.kind().equals("correlation"))
                .singleElement()
                .satisfies(burst -> {
                    assertThat(burst.user().display()).isEqualTo("OFFSEC\\admmig");
                    assertThat(burst.severity().label()).isEqualTo("high");
                    assertThat(burst.events()).extracting(e -> e.getSource().line()).containsExactly(1069L, 1070L, 1067L);
                });
    }

    private static String fileName(Alert a) {
        return Path.of(a.events().get(0).getSource().file()).getFileName().toString();
    }
}
