package dev.tripline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tripline.model.SourceRef;
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
                .containsExactly("sysmon-evtx", "winlogbeat", "security-4624", "security-4672", "security-4697",
                        "security-4688", "system-7045", "sysmon", "defender", "ecs");
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

        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.skipped("not an event Tripline uses (Sysmon 3)"));
    }

    @Test
    void aSecurityEventNoShapeReadsIsSkippedWithItsEventId() throws Exception {
        JsonNode r = json("{\"Channel\":\"Security\",\"EventID\":4625,\"TargetUserName\":\"bob\",\"TimeCreated\":\"2021-01-01 00:00:00.000\"}");

        assertThat(EventShape.detect(r)).contains(EventShape.SECURITY_4688);
        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.skipped("not an event Tripline uses (Security 4625)"));
    }

    @Test
    void aSystemEventOtherThanAServiceInstallIsSkippedNotUnknown() throws Exception {
        JsonNode r = json("{\"SourceName\":\"Service Control Manager\",\"Channel\":\"System\",\"EventID\":7036,"
                + "\"param1\":\"PSEXESVC\",\"param2\":\"running\",\"@timestamp\":\"2023-10-05T09:44:52.018Z\"}");

        assertThat(EventShape.detect(r)).contains(EventShape.SYSTEM_7045);
        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.skipped("not an event Tripline uses (System 7036)"));
    }

    @Test
    void eachSecurityEventIdIsDetectedAsItsOwnShapeInEveryLayout() {
        assertThat(EventShape.detect(ShapeSamples.load("security-4624-nxlog-network"))).contains(EventShape.SECURITY_4624);
        assertThat(EventShape.detect(ShapeSamples.load("security-4624-evtx-rdp"))).contains(EventShape.SECURITY_4624);
        assertThat(EventShape.detect(ShapeSamples.load("security-4624-winlog-service"))).contains(EventShape.SECURITY_4624);
        assertThat(EventShape.detect(ShapeSamples.load("security-4624-sentinel"))).contains(EventShape.SECURITY_4624);
        assertThat(EventShape.detect(ShapeSamples.load("security-4672-evtx"))).contains(EventShape.SECURITY_4672);
        assertThat(EventShape.detect(ShapeSamples.load("security-4697-sentinel"))).contains(EventShape.SECURITY_4697);
        assertThat(EventShape.detect(ShapeSamples.load("system-7045-winlog"))).contains(EventShape.SYSTEM_7045);
        // The process-creation samples keep their shapes.
        for (String s : new String[] {"security-4688", "security-4688-evtx", "security-4688-winlog", "security-4688-sentinel",
                "security-4688-winlogbeat6", "security-4688-evtx-flattened-system", "security-4688-null-sid-target"}) {
            assertThat(EventShape.detect(ShapeSamples.load(s))).as(s).contains(EventShape.SECURITY_4688);
        }
    }

    @Test
    void withoutProviderOrChannelAnEventDataFieldOnlyThatEventHasDecides() {
        ObjectNode logon = (ObjectNode) ShapeSamples.load("security-4624-nxlog-network");
        logon.remove(java.util.List.of("SourceName", "Channel"));
        ObjectNode service = (ObjectNode) ShapeSamples.load("system-7045-nxlog");
        service.remove(java.util.List.of("SourceName", "Channel"));

        assertThat(EventShape.detect(logon)).contains(EventShape.SECURITY_4624);
        assertThat(EventShape.detect(service)).contains(EventShape.SYSTEM_7045);
    }

    @Test
    void aForcedShapeSaysWhatTheOtherRecordsAre() {
        JsonNode logon = ShapeSamples.load("security-4624-nxlog-network");
        JsonNode process = ShapeSamples.load("security-4688");
        SourceRef at = new SourceRef("test", 1);

        assertThat(EventShape.SECURITY_4688.normalizer().normalize(logon, at))
                .isEqualTo(Outcome.skipped("not a process creation (Security 4624)"));
        assertThat(EventShape.SECURITY_4624.normalizer().normalize(process, at))
                .isEqualTo(Outcome.skipped("not a logon (Security 4688)"));
        assertThat(EventShape.SYSTEM_7045.normalizer().normalize(logon, at))
                .isEqualTo(Outcome.skipped("not a service install (Security 4624)"));
    }

    @Test
    void defenderNetworkEventIsSkipped() throws Exception {
        ObjectNode r = (ObjectNode) ShapeSamples.load("defender");
        r.put("ActionType", "ConnectionSuccess");

        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.skipped("not an event Tripline uses (Defender ActionType ConnectionSuccess)"));
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
