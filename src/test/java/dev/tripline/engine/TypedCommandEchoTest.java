package dev.tripline.engine;

import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine holds a net.exe detection open for its echo, and releases it when event time passes the window or the input ends. */
class TypedCommandEchoTest {
    private static CompiledRules rules;

    @BeforeAll static void compile() throws Exception {
        rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
    }

    private static ProcessEvent typed(String at) {
        return Events.net(at, "net group \"Domain Admins\" /domain").processId("4000").build();
    }

    private static ProcessEvent echo(String at) {
        return Events.net(at, "C:\\Windows\\system32\\net1  group \"Domain Admins\" /domain").image("C:\\Windows\\System32\\net1.exe")
                .originalFileName("net1.exe").processId("4001").parentProcessId("4000").parentImage("C:\\Windows\\System32\\net.exe").build();
    }

    @Test void theTypedCommandWaitsForItsEchoAndLeavesWhenEventTimePassesTheWindow() {
        try (CorrelationSession s = CorrelationSession.replay(rules)) {
            assertThat(s.accept(typed("2024-03-05T09:00:00Z"))).as("held open for its echo").isEmpty();
            assertThat(s.holdsAlerts()).isTrue();
            assertThat(s.accept(echo("2024-03-05T09:00:00.016Z"))).as("the echo raises nothing of its own").isEmpty();
            assertThat(s.accept(Events.net("2024-03-05T09:00:04.999Z", "ipconfig /all").build())).as("still inside the 5 s window").isEmpty();

            List<Alert> out = s.accept(Events.net("2024-03-05T09:00:05Z", "ipconfig /all").build());

            assertThat(out).singleElement().satisfies(a -> {
                assertThat(a.events()).extracting(ProcessEvent::getImage).containsExactly("C:\\Windows\\System32\\net.exe", "C:\\Windows\\System32\\net1.exe");
                assertThat(a.context()).containsExactly("net1.exe spawned by net.exe for the same command");
            });
            assertThat(s.holdsAlerts()).isFalse();
        }
    }

    @Test void theEndOfTheInputReleasesWhatIsHeld() {
        try (CorrelationSession s = CorrelationSession.replay(rules)) {
            List<Alert> out = new ArrayList<>(s.accept(typed("2024-03-05T09:00:00Z")));
            out.addAll(s.finish());
            assertThat(out).singleElement().satisfies(a -> assertThat(a.events()).hasSize(1));
        }
    }

    @Test void nearMissAnEchoAfterItsParentWasWrittenStandsAlone() {
        try (CorrelationSession s = CorrelationSession.replay(rules)) {
            List<Alert> out = new ArrayList<>(s.accept(typed("2024-03-05T09:00:00Z")));
            out.addAll(s.accept(echo("2024-03-05T09:00:06Z")));
            out.addAll(s.finish());
            assertThat(out).hasSize(2).allSatisfy(a -> assertThat(a.events()).hasSize(1));
        }
    }

    @Test void net1IsNetInTheCommandKeyAndTheProgramIsNamedByItsBareName() {
        assertThat(echo("2024-03-05T09:00:00Z").getCommandLineKey()).isEqualTo("net group \"domain admins\" /domain")
                .isEqualTo(typed("2024-03-05T09:00:00Z").getCommandLineKey());
        assertThat(Events.net("2024-03-05T09:00:00Z", "\"C:\\Windows\\System32\\WHOAMI.EXE\"   /all").build().getCommandLineKey()).isEqualTo("whoami /all");
        assertThat(Events.net("2024-03-05T09:00:00Z", "net localgroup").build().getCommandLineKey())
                .isNotEqualTo(Events.net("2024-03-05T09:00:00Z", "net group").build().getCommandLineKey());
    }
}
