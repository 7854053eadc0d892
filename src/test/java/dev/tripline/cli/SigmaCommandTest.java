package dev.tripline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sigma convert} and {@code correlate --sigma}, on rule files written here (no shared data needed). */
class SigmaCommandTest {
    private static final String NET_USER_ADD = """
            title: New User Created Via Net.EXE
            id: cd219ff3-fa99-45d4-8380-a7d15116c6dc
            status: test
            author: Endgame, JHasenbalg (idea)
            tags:
                - attack.persistence
                - attack.t1136.001
            logsource:
                category: process_creation
                product: windows
            detection:
                selection_img:
                    - Image|endswith:
                          - '\\net.exe'
                          - '\\net1.exe'
                    - OriginalFileName:
                          - 'net.exe'
                          - 'net1.exe'
                selection_cli:
                    CommandLine|contains|all:
                        - 'user'
                        - 'add'
                condition: all of selection_*
            falsepositives:
                - Legitimate user creation
            level: medium
            """;

    @TempDir Path tmp;

    @Test void convertWritesReadableDrlThatCarriesTheSigmaIdentity() throws Exception {
        Path rule = Files.writeString(tmp.resolve("net_user_add.yml"), NET_USER_ADD);

        CliRun run = CliRun.of("sigma", "convert", rule.toString(), "--output", tmp.resolve("out").toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        Path drl = tmp.resolve("out/tripline/sigma/net_user_add.drl");
        assertThat(drl).exists();
        assertThat(Files.readString(drl)).contains("rule \"New User Created Via Net.EXE\"")
                .contains("@id( \"cd219ff3-fa99-45d4-8380-a7d15116c6dc\" )").contains("Endgame");
        assertThat(run.err()).contains("1 converted, 0 rejected");
    }

    @Test void aRuleThatCannotBeConvertedIsRejectedWithItsReason() throws Exception {
        Path rule = Files.writeString(tmp.resolve("odd.yml"), NET_USER_ADD.replace("CommandLine|contains|all", "NoSuchField|contains|all"));

        CliRun run = CliRun.of("sigma", "convert", rule.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.err()).contains("rejected").contains("odd.yml").contains("NoSuchField");
    }

    @Test void correlateRunsSigmaRulesBesideTheDrl() throws Exception {
        Path rule = Files.writeString(tmp.resolve("net_user_add.yml"), NET_USER_ADD);
        String seed = Files.readAllLines(Path.of("fixtures/seed-net-group-domain-admins/events.jsonl")).get(0);
        Path events = Files.writeString(tmp.resolve("events.jsonl"),
                seed + "\n" + seed.replace("net group \\\"Domain admins\\\" /DOMAIN", "net user mallory Passw0rd! /add") + "\n");

        CliRun run = CliRun.of("correlate", "--quiet", "--sigma", rule.toString(), events.toString(), "fixtures/branch-add-filter");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().lines().filter(l -> l.contains("cd219ff3-fa99-45d4-8380-a7d15116c6dc")))
                .as("only 'net user mallory … /add' creates a user; the /add lines of branch-add-filter name no 'user'")
                .singleElement().satisfies(l -> assertThat(l).contains("\"line\":2,").contains("net user mallory"));
        assertThat(run.out().lines().filter(l -> l.contains("d95de845-b83c-4a9a-8a6a-4fc802ebf6c0")).count()).isEqualTo(2);
    }
}
