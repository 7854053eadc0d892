package dev.tripline.ingest.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tripline.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 23 real files of the Rust evtx project's samples (several damaged on purpose), against the record counts
 * libevtx's {@code evtxexport} gives (an independent reader; shared/evtx/README.md).
 */
class EvtxRealFilesTest {

    static Path samples() { return SharedData.require("evtx/omerbenamram"); }

    @ParameterizedTest(name = "{0}: {1} records, as evtxexport reads them")
    @CsvSource({
            "security.evtx, 2261",
            "security_bad_string_cache.evtx, 2261",
            "sample-with-irregular-bool-values.evtx, 3028",
            "system.evtx, 1881",
            "sysmon.evtx, 358",
            "Security_with_size_t.evtx, 636"})
    void undamagedChunksGiveExactlyTheIndependentCount(String file, int expected) {
        Collected c = Collected.read(samples().resolve(file));

        assertThat(c.records).hasSize(expected);
        assertThat(c.of(EvtxProblem.Kind.DAMAGED_RECORD)).isEmpty();
    }

    /**
     * Where evtxexport stops at the first bad record of a chunk, this reader resumes at the next record signature:
     * it gives every record evtxexport gives and more, each a real record (its own EventRecordID inside matches
     * the record header, none twice).
     */
    @ParameterizedTest(name = "{0}: at least evtxexport's {1}")
    @CsvSource({"sample_with_a_bad_chunk_magic.evtx, 267", "sample-with-zero-data-size-event.evtx, 335"})
    void damagedChunksGiveAtLeastTheIndependentCountAndOnlyRealRecords(String file, int evtxexport) {
        Collected c = Collected.read(samples().resolve(file));

        assertThat(c.records.size()).isGreaterThanOrEqualTo(evtxexport);
        assertThat(new HashSet<>(c.ids())).hasSameSizeAs(c.ids());
        assertThat(c.records).allSatisfy(r ->
                assertThat(r.json().at("/Event/System/EventRecordID").asLong()).isEqualTo(r.recordId()));
        assertThat(c.of(EvtxProblem.Kind.DAMAGED_RECORD)).isNotEmpty().allSatisfy(p -> assertThat(p.recordId()).isPositive());
    }

    @Test
    void aRecordWithAnImpossibleSizeIsRejectedWithItsIdAndTheRecordsAfterItAreRead() {
        Collected c = Collected.read(samples().resolve("sample-with-zero-data-size-event.evtx"));

        assertThat(c.of(EvtxProblem.Kind.DAMAGED_RECORD)).extracting(EvtxProblem::recordId, EvtxProblem::chunkOffset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 4096L));
        assertThat(c.ids()).contains(2L, 4L, 117L).doesNotContain(3L);
    }

    @Test
    void aDirtyFileIsReadToItsLastValidChunkNotToTheChunkCountItsHeaderClaims() throws IOException {
        Path file = samples().resolve("sysmon.evtx");
        byte[] header = Files.readAllBytes(file);
        int headerChunkCount = (header[42] & 0xff) | (header[43] & 0xff) << 8;

        Collected c = Collected.read(file);

        assertThat(headerChunkCount).isEqualTo(1);
        assertThat(c.records).hasSize(358);
        // 9 chunks hold records; the 8 blocks of leftover bytes after them are skipped and counted, by offset.
        assertThat(c.records.get(c.records.size() - 1).fileOffset()).isGreaterThan(4096L + 8 * 65536L);
        assertThat(c.of(EvtxProblem.Kind.BAD_CHUNK_MAGIC)).extracting(EvtxProblem::chunkOffset)
                .containsExactly(593920L, 659456L, 724992L, 790528L, 856064L, 921600L, 987136L, 1052672L);
    }

    @Test
    void aChunkWithABadMagicIsSkippedAndCountedAndTheNextChunkIsRead() {
        Collected c = Collected.read(samples().resolve("sample_with_a_bad_chunk_magic.evtx"));

        assertThat(c.of(EvtxProblem.Kind.BAD_CHUNK_MAGIC)).extracting(EvtxProblem::chunkOffset).containsExactly(397312L, 659456L);
        // The chunk right after the first bad one is read.
        assertThat(c.records).anySatisfy(r -> assertThat(r.fileOffset()).isBetween(397312L + 65536L, 397312L + 2 * 65536L));
    }

    @Test
    void aDamagedChunkHeaderWhoseRecordsChecksumHoldsLosesNoRecordAndIsNoted() {
        Collected damaged = Collected.read(samples().resolve("security_bad_string_cache.evtx"));
        Collected intact = Collected.read(samples().resolve("security.evtx"));

        assertThat(damaged.ids()).isEqualTo(intact.ids());
        assertThat(damaged.problems).extracting(EvtxProblem::kind, EvtxProblem::chunkOffset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EvtxProblem.Kind.CHECKSUM_MISMATCH, 4096L));
    }

    /** Forwarded events (and issue 201 of the Rust parser) store elements without templates or dependency ids. */
    @ParameterizedTest
    @CsvSource({"MSExchange_Management_wec.evtx", "issue_201.evtx"})
    void forwardedEventsWithoutTemplatesAreRead(String file) {
        Collected c = Collected.read(samples().resolve(file));

        assertThat(c.problems).isEmpty();
        assertThat(c.records).singleElement().satisfies(r -> {
            assertThat(r.json().at("/Event/System/Channel").asText()).isEqualTo("MSExchange Management");
            assertThat(r.json().at("/Event/EventData/Data/#text/0").asText()).isEqualTo("Set-Mailbox");
        });
    }

    @Test
    void everyRecordOfEverySampleCarriesItsOwnRecordIdAndParallelReadingChangesNothing() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(samples())) {
            files = s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
        assertThat(files).hasSize(23);
        for (Path f : files) {
            Collected parallel = Collected.read(f, true);
            Collected sequential = Collected.read(f, false);
            assertThat(parallel.records).extracting(r -> r.json().toString())
                    .as(f.getFileName().toString()).isEqualTo(sequential.records.stream().map(r -> r.json().toString()).toList());
            assertThat(parallel.problems).isEqualTo(sequential.problems);
            assertThat(parallel.records).allSatisfy(r -> assertThat(r.json().at("/Event/System").isObject()).isTrue());
        }
    }
}
