package dev.tripline.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** The --kie-server options without a server: usage errors and an unreachable server (KieServerRestIT has the server). */
class KieServerOptionsTest {
    static final String EVENTS = "fixtures/burst-three-in-ten-minutes/events.jsonl";

    @Test void aContainerWithoutAServerIsAUsageError() {
        CliRun run = CliRun.of("correlate", "--kie-container", "tripline", EVENTS);
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--kie-container needs --kie-server");
        assertThat(run.out()).isEmpty();
    }

    @Test void aServerWithoutAContainerIsAUsageError() {
        CliRun run = CliRun.of("correlate", "--kie-server", "http://127.0.0.1:1/rest/server", EVENTS);
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--kie-server needs --kie-container");
    }

    @Test void localRulesOrListsWithAServerAreAUsageError() {
        CliRun run = CliRun.of("correlate", "--kie-server", "http://127.0.0.1:1/rest/server", "--kie-container", "t",
                "--rules", "rules-drl", EVENTS);
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--rules, --sigma, --context and --allowlist do not apply");
    }

    @Test void noServerListeningExitsWithKieUnreachableBeforeReadingInput() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.of("correlate", "--kie-server", "http://127.0.0.1:" + port + "/rest/server", "--kie-container", "t", EVENTS);
        assertThat(run.exit()).isEqualTo(ExitCodes.KIE_UNREACHABLE);
        assertThat(run.err()).startsWith("tripline: cannot reach KIE Server http://127.0.0.1:" + port + "/rest/server: connection refused")
                .doesNotContain("events normalized");
        assertThat(run.out()).isEmpty();
    }

    @Test void deployToNoServerExitsWithKieUnreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.of("kie", "deploy", "http://127.0.0.1:" + port + "/rest/server", "tripline", "--kjar-version", "1.0");
        assertThat(run.exit()).isEqualTo(ExitCodes.KIE_UNREACHABLE);
        assertThat(run.err()).contains("cannot reach KIE Server");
    }
}
