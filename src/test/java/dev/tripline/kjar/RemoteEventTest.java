package dev.tripline.kjar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tripline.kjar.command.RemoteEvent;
import dev.tripline.model.Account;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;
import org.junit.jupiter.api.Test;

/** The wire bean a KIE Server client sends and alerts carry back must not lose where an event came from. */
class RemoteEventTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ProcessEvent eventFrom(SourceRef source) {
        return ProcessEvent.builder().time(1709629200000L).host("ws07.corp.local")
                .actor(new Account("NT AUTHORITY", "SYSTEM", "S-1-5-18")).image("C:\\Windows\\System32\\net.exe")
                .commandLine("net localgroup administrators").schema("sysmon-evtx").source(source).build();
    }

    @Test
    void anEvtxRecordKeepsItsEventRecordIdThroughJson() throws Exception {
        ProcessEvent sent = eventFrom(SourceRef.ofRecord("events.evtx", 21475));

        String wire = MAPPER.writeValueAsString(RemoteEvent.of(sent));
        ProcessEvent received = MAPPER.readValue(wire, RemoteEvent.class).toProcessEvent();

        assertThat(received.getSource()).isEqualTo(sent.getSource());
        assertThat(received.getSource().toString()).isEqualTo("events.evtx#21475");
    }

    @Test
    void aLineStaysALineAndHasNoRecord() throws Exception {
        ProcessEvent sent = eventFrom(new SourceRef("events.jsonl", 7));

        ProcessEvent received = MAPPER.readValue(MAPPER.writeValueAsString(RemoteEvent.of(sent)), RemoteEvent.class)
                .toProcessEvent();

        assertThat(received.getSource()).isEqualTo(new SourceRef("events.jsonl", 7));
        assertThat(received.getSource().hasRecord()).isFalse();
    }

    @Test
    void anOlderClientThatSendsNoRecordFieldMeansALine() throws Exception {
        String wire = "{\"time\":1,\"host\":\"h\",\"schema\":\"sysmon\",\"sourceFile\":\"a.jsonl\",\"sourceLine\":3}";

        assertThat(MAPPER.readValue(wire, RemoteEvent.class).toProcessEvent().getSource())
                .isEqualTo(new SourceRef("a.jsonl", 3));
    }
}
