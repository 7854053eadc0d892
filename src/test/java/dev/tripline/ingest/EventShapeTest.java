package dev.tripline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The shape registry: names, detection, and records of known sources that are not process creations. */
class EventShapeTest {

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void everyShapeIsFoundByItsCliNameIgnoringCase() {
        assertThat(Arrays.stream(EventShape.values()).map(EventShape::cliName))
                .containsExactly("sysmon-evtx", "winlogbeat", "security-4688", "sysmon", "defender", "ecs");
        for (EventShape s : EventShape.values()) assertThat(EventShape.byName(s.cliName().toUpperCase())).contains(s);
        assertThat(EventShape.byName("syslog")).isEmpty();
    }

    @Test
    void eachShapeGivesNewNormalizersOfItsOwnKind() {
        assertThat(EventShape.DEFENDER_PROCESS.newNormalizer()).isInstanceOf(DefenderProcessNormalizer.class)
                .isNotSameAs(EventShape.DEFENDER_PROCESS.normalizer());
    }

    @Test
    void aRecordOfNoKnownShapeIsNotDetected() throws Exception {
        assertThat(EventShape.detect(json("{\"msg\":\"hello\",\"level\":\"info\"}"))).isEmpty();
        assertThat(EventShape.detect(json("[1,2]"))).isEmpty();
    }

    @Test
    void sysmonNetworkConnectionIsSkippedWithItsEventId() throws Exception {
        ObjectNode r = (ObjectNode) ShapeSamples.load("sysmon");
        r.put("EventID", 3);

        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.skipped("not a process creation (Sysmon event 3)"));
    }

    @Test
    void securityLogonIsSkippedWithItsEventId() throws Exception {
        JsonNode r = json("{\"Channel\":\"Security\",\"EventID\":4624,\"TargetUserName\":\"bob\",\"TimeCreated\":\"2021-01-01 00:00:00.000\"}");

        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.skipped("not a process creation (Security event 4624)"));
    }

    @Test
    void defenderNetworkEventIsSkipped() throws Exception {
        ObjectNode r = (ObjectNode) ShapeSamples.load("defender");
        r.put("ActionType", "ConnectionSuccess");

        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.skipped("not a process creation (Defender ActionType ConnectionSuccess)"));
    }

    @Test
    void ecsNetworkEventIsSkipped() throws Exception {
        JsonNode r = json("{\"@timestamp\":\"2024-01-01T00:00:00Z\",\"event\":{\"category\":[\"network\"],\"type\":[\"connection\"]}}");

        assertThat(EventShape.detect(r)).contains(EventShape.ECS_PROCESS);
        assertThat(ShapeSamples.outcome(r)).isInstanceOf(Outcome.Skipped.class);
    }

    @Test
    void ecsProcessEndIsNotAStart() throws Exception {
        ObjectNode r = (ObjectNode) ShapeSamples.load("ecs");
        r.putArray("event.type").add("end");
        r.put("event.action", "end");

        assertThat(ShapeSamples.outcome(r)).isInstanceOf(Outcome.Skipped.class);
    }

    @Test
    void aProcessCreationWithoutCommandLineIsRejected() {
        ObjectNode r = (ObjectNode) ShapeSamples.load("sysmon");
        r.put("CommandLine", "  ");

        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.rejected("missing command line"));
    }

    @Test
    void aProcessCreationWithoutAnyTimeIsRejected() {
        ObjectNode r = (ObjectNode) ShapeSamples.load("defender");
        r.remove("Timestamp");

        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.rejected("missing time"));
    }

    @Test
    void aProcessCreationWithoutImageIsRejected() {
        ObjectNode r = (ObjectNode) ShapeSamples.load("security-4688");
        r.put("NewProcessName", "-");

        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.rejected("missing image"));
    }

    @Test
    void anUnparseableTimeIsRejectedNamingTheFieldAndValue() {
        ObjectNode r = (ObjectNode) ShapeSamples.load("sysmon");
        r.put("UtcTime", "yesterday");

        Outcome o = ShapeSamples.outcome(r);

        assertThat(o).isEqualTo(Outcome.rejected("unparseable time: UtcTime 'yesterday'"));
        assertThat(Reasons.category(((Outcome.Rejected) o).reason())).isEqualTo("unparseable time");
    }

    @Test
    void nxlogEventTimeIsOnlyALastResort() {
        ObjectNode r = (ObjectNode) ShapeSamples.load("sysmon");
        r.remove("UtcTime");

        var e = (dev.tripline.model.ProcessEvent) ((Outcome.Accepted) ShapeSamples.outcome(r)).fact();
        assertThat(e.getTime()).isEqualTo(ShapeSamples.millis("2020-06-10T02:51:05.723Z")); // @timestamp

        r.remove("@timestamp");
        e = (dev.tripline.model.ProcessEvent) ((Outcome.Accepted) ShapeSamples.outcome(r)).fact();
        assertThat(e.getTime()).isEqualTo(ShapeSamples.millis("2020-06-09T22:51:04Z")); // EventTime, collector-local
    }
}
