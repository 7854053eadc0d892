package dev.tripline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tripline.ingest.evtx.EvtxProblem;
import dev.tripline.ingest.evtx.EvtxReader;
import dev.tripline.ingest.evtx.EvtxRecord;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import dev.tripline.testing.SharedData;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .evtx through the ingest layer: the same facts as the JSON route, located by file and EventRecordID. */
class EvtxIngestTest {
    /**
     * SigmaHQ's JSON in this one regression folder was not rendered from its .evtx as it stands: the JSON says
     * ParentCommandLine {@code C:\Windows\Explorer.exe} and a 7-digit SystemTime where the .evtx holds
     * {@code Explorer.EXE} and a FILETIME shown to the microsecond.
     */
    private static final String EDITED_JSON = "proc_creation_win_susp_right_to_left_override";

    @TempDir Path dir;

    private static RecordingListener read(Path... inputs) {
        RecordingListener out = new RecordingListener();
        Ingest.read(Arrays.stream(inputs).map(Path::toString).toList(), Optional.empty(), IngestOptions.defaults(), out);
        return out;
    }

    @Test
    void sigmaRegressionEvtxGivesTheFactsOfSigmaHqsOwnJsonRendering() throws IOException {
        Path root = SharedData.require("sigma/regression_data");
        List<Path> evtx;
        try (Stream<Path> s = Files.walk(root)) {
            evtx = s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
        assertThat(evtx).hasSize(68);
        List<String> differ = new ArrayList<>();
        int facts = 0;
        for (Path e : evtx) {
            Path json = e.resolveSibling(e.getFileName().toString().replace(".evtx", ".json"));
            RecordingListener fromEvtx = read(e), fromJson = read(json);
            assertThat(fromEvtx.rejected).as(e.toString()).isEmpty();
            assertThat(fromEvtx.unreadable).isEmpty();
            if (!views(fromEvtx.facts).equals(views(fromJson.facts))) differ.add(e.getParent().getFileName().toString());
            assertThat(fromEvtx.facts).allSatisfy(f -> {
                assertThat(f.getSource().file()).isEqualTo(e.toString());
                assertThat(f.getSource().hasRecord()).isTrue();
            });
            facts += fromEvtx.facts.size();
        }
        assertThat(facts).isEqualTo(70);
        assertThat(differ).containsExactly(EDITED_JSON);
    }

    /**
     * Every sample file, read directly and read from the JSON Lines {@code tripline evtx dump} would write: the same
     * facts, skips and rejections (by reason), so the .evtx route is the JSON route.
     */
    @Test
    void realSamplesGiveTheSameFactsReadDirectlyAsReadFromTheirJsonDump() throws IOException {
        Path samples = SharedData.require("evtx/omerbenamram");
        for (String name : List.of("security.evtx", "system.evtx", "sysmon.evtx", "new-user-security.evtx", "Security_short_selected.evtx")) {
            Path evtx = samples.resolve(name);
            Path jsonl = dir.resolve(name + ".jsonl");
            try (Writer w = Files.newBufferedWriter(jsonl)) {
                EvtxReader.read(evtx, new EvtxReader.Sink() {
                    @Override public void record(EvtxRecord r) {
                        try {
                            w.write(r.json().toString());
                            w.write('\n');
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }

                    @Override public void problem(EvtxProblem p) {}
                });
            }
            RecordingListener direct = read(evtx), viaJson = read(jsonl);
            assertThat(views(direct.facts)).as(name).isEqualTo(views(viaJson.facts));
            assertThat(direct.skipped).extracting(RecordingListener.Skip::reason)
                    .isEqualTo(viaJson.skipped.stream().map(RecordingListener.Skip::reason).toList());
        }
    }

    @Test
    void securityEvtxGivesLogonsPrivilegedLogonsAndProcessEventsAndSkipsTheRestByEventId() {
        RecordingListener out = read(SharedData.require("evtx/omerbenamram/security.evtx"));

        assertThat(out.factsByType()).containsKeys("LogonEvent", "PrivilegedLogonEvent");
        assertThat(out.records()).isEqualTo(2261);
        assertThat(out.skipped).extracting(RecordingListener.Skip::reason).contains("not an event Tripline uses (Security 4634)");
        assertThat(out.closed).containsEntry(SharedData.require("evtx/omerbenamram/security.evtx").toString(), 2261L);
    }

    @Test
    void recordsOfOtherLogsAreSkippedByChannelAndEventId() {
        RecordingListener out = read(SharedData.require("evtx/omerbenamram/2-system-Microsoft-Windows-LiveId%4Operational.evtx"));

        assertThat(out.facts).isEmpty();
        assertThat(out.skipped).isNotEmpty().allSatisfy(s -> assertThat(s.reason())
                .matches("not an event Tripline uses \\(Microsoft-Windows-LiveId/Operational \\d+\\)"));
    }

    @Test
    void contentDecidesNotTheName() throws IOException {
        Path real = SharedData.require("evtx/omerbenamram/new-user-security.evtx");
        Path disguised = Files.copy(real, dir.resolve("export.json"));

        RecordingListener out = read(disguised);

        assertThat(out.records()).isEqualTo(4);
        assertThat(out.rejected).isEmpty();
        assertThat(out.skipped).allSatisfy(s -> assertThat(s.source().hasRecord()).isTrue());
    }

    @Test
    void aFolderWalkReadsEvtxAndNamesEvtxFilesThatAreNotEvtxWhileTheRunGoesOn() throws IOException {
        Path real = SharedData.require("evtx/omerbenamram/new-user-security.evtx");
        Path folder = Files.createDirectories(dir.resolve("triage"));
        Files.copy(real, folder.resolve("b-security.evtx"));
        Files.writeString(folder.resolve("a-not-really.evtx"), "{\"Event\": {}}\n");
        Files.write(folder.resolve("c-empty.evtx"), new byte[0]);

        RecordingListener out = read(folder);

        assertThat(out.unreadable).containsOnlyKeys(folder + "/a-not-really.evtx", folder + "/c-empty.evtx");
        assertThat(out.unreadable.get(folder + "/a-not-really.evtx")).isEqualTo("not an EVTX file (no ElfFile signature)");
        assertThat(out.unreadable.get(folder + "/c-empty.evtx")).isEqualTo("empty file");
        assertThat(out.records()).isEqualTo(4);
        assertThat(out.skipped).allSatisfy(s -> assertThat(s.source().file()).isEqualTo(folder + "/b-security.evtx"));
    }

    @Test
    void damagedChunksAndRecordsAreRejectedWithFileChunkOffsetAndRecordId() {
        Path file = SharedData.require("evtx/omerbenamram/sample-with-zero-data-size-event.evtx");

        RecordingListener out = read(file);

        assertThat(out.rejected).extracting(r -> r.source(), r -> r.reason())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SourceRef.ofRecord(file.toString(), 3), "damaged evtx record"));
        assertThat(out.rejected.get(0).detail()).contains("record 3 (chunk at byte 4096)");
        assertThat(out.rejected.get(0).source().toString()).isEqualTo(file + "#3");
    }

    /** A fact as the values of its getters, its source left out. */
    static List<String> views(List<TimedFact> facts) {
        List<String> out = new ArrayList<>();
        for (TimedFact f : facts) {
            StringBuilder s = new StringBuilder(f.getClass().getSimpleName());
            Method[] methods = f.getClass().getMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method m : methods) {
                if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) continue;
                if (m.getName().equals("getSource") || m.getName().equals("source") || m.getName().equals("hashCode")
                        || m.getName().equals("toString") || m.getName().equals("getClass")) continue;
                try {
                    s.append(' ').append(m.getName()).append('=').append(m.invoke(f));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            out.add(s.toString());
        }
        return out;
    }
}
