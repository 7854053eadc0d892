package dev.tripline.ingest.evtx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage done on purpose to a copy of a real, intact file (security.evtx: 2261 records in 26 chunks), each
 * compared with the intact read: what the damage touches is reported with file offsets and record ids, nothing
 * else is lost.
 */
class EvtxDamageTest {
    private static final int CHUNK = 65536, HEADER = 4096;
    private static final long THIRD_CHUNK = HEADER + 2L * CHUNK;

    private static byte[] intactBytes;
    private static Collected intact;

    @TempDir Path dir;

    @BeforeAll
    static void readIntact() throws IOException {
        Path file = EvtxRealFilesTest.samples().resolve("security.evtx");
        intactBytes = Files.readAllBytes(file);
        intact = Collected.read(file);
        assertThat(intact.records).hasSize(2261);
        assertThat(intact.problems).isEmpty();
    }

    private Collected readDamaged(byte[] bytes) throws IOException {
        Path f = dir.resolve("damaged.evtx");
        Files.write(f, bytes);
        return Collected.read(f);
    }

    private static List<Long> idsOutside(long chunkOffset) {
        return intact.records.stream().filter(r -> r.fileOffset() < chunkOffset || r.fileOffset() >= chunkOffset + CHUNK)
                .map(EvtxRecord::recordId).toList();
    }

    @Test
    void aChunkWithABadMagicIsSkippedWithItsOffsetAndEveryOtherChunkIsRead() throws IOException {
        byte[] b = intactBytes.clone();
        b[(int) THIRD_CHUNK] = 'X';

        Collected c = readDamaged(b);

        assertThat(c.problems).extracting(EvtxProblem::kind, EvtxProblem::chunkOffset)
                .containsExactly(tuple(EvtxProblem.Kind.BAD_CHUNK_MAGIC, THIRD_CHUNK));
        assertThat(c.ids()).isEqualTo(idsOutside(THIRD_CHUNK)).hasSize(2261 - 83);
    }

    @Test
    void aChunkWhoseChecksumsBothFailIsSkippedWithItsOffset() throws IOException {
        byte[] b = intactBytes.clone();
        b[(int) THIRD_CHUNK + 124] ^= 1; // header checksum
        b[(int) THIRD_CHUNK + 52] ^= 1;  // records checksum

        Collected c = readDamaged(b);

        assertThat(c.problems).extracting(EvtxProblem::kind, EvtxProblem::chunkOffset)
                .containsExactly(tuple(EvtxProblem.Kind.BAD_CHUNK_CHECKSUM, THIRD_CHUNK));
        assertThat(c.ids()).isEqualTo(idsOutside(THIRD_CHUNK));
    }

    @Test
    void aRecordWhoseSizeIsWrongIsRejectedWithItsRecordIdAndTheOthersAreRead() throws IOException {
        byte[] b = intactBytes.clone();
        EvtxRecord victim = intact.records.get(200);
        int at = (int) victim.fileOffset();
        b[at + 4] += 8; // the size no longer matches its copy at the record's end
        fixChecksums(b, chunkOf(victim.fileOffset()));

        Collected c = readDamaged(b);

        assertThat(c.problems).extracting(EvtxProblem::kind, EvtxProblem::recordId)
                .containsExactly(tuple(EvtxProblem.Kind.DAMAGED_RECORD, victim.recordId()));
        assertThat(c.ids()).hasSize(2260).doesNotContain(victim.recordId());
    }

    @Test
    void aRecordWithBrokenBinXmlIsRejectedWithItsRecordIdOnly() throws IOException {
        byte[] b = intactBytes.clone();
        EvtxRecord victim = intact.records.get(500);
        int at = (int) victim.fileOffset();
        b[at + 24] = 0x3f; // no BinXML token has this value
        fixChecksums(b, chunkOf(victim.fileOffset()));

        Collected c = readDamaged(b);

        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(EvtxProblem.Kind.DAMAGED_RECORD);
            assertThat(p.recordId()).isEqualTo(victim.recordId());
            assertThat(p.describe()).contains("record " + victim.recordId()).contains("unknown BinXML token 0x3f");
        });
        assertThat(c.ids()).hasSize(2260);
    }

    @Test
    void aFileCutInTheMiddleOfAChunkGivesEveryCompleteRecordBeforeTheCut() throws IOException {
        int cut = (int) THIRD_CHUNK + 30_000;
        byte[] b = Arrays.copyOf(intactBytes, cut);
        // Independent expectation: records whose bytes (size at offset 4) end before the cut.
        List<Long> complete = intact.records.stream()
                .filter(r -> r.fileOffset() + Bytes.le32(intactBytes, (int) r.fileOffset() + 4) <= cut)
                .map(EvtxRecord::recordId).toList();

        Collected c = readDamaged(b);

        assertThat(c.ids()).isEqualTo(complete);
        assertThat(complete.size()).isGreaterThan(91 + 86);
        EvtxRecord cutOne = intact.records.get(complete.size());
        assertThat(c.of(EvtxProblem.Kind.DAMAGED_RECORD)).extracting(EvtxProblem::recordId).containsExactly(cutOne.recordId());
    }

    @Test
    void aFileCutInsideAChunkHeaderLosesOnlyThatChunk() throws IOException {
        byte[] b = Arrays.copyOf(intactBytes, (int) THIRD_CHUNK + 100);

        Collected c = readDamaged(b);

        assertThat(c.ids()).isEqualTo(intact.ids().subList(0, 91 + 86));
        assertThat(c.problems).extracting(EvtxProblem::kind, EvtxProblem::chunkOffset)
                .containsExactly(tuple(EvtxProblem.Kind.TRUNCATED_CHUNK, THIRD_CHUNK));
    }

    @Test
    void aFileThatIsNotEvtxOrIsEmptyIsNamedAsSuch() throws IOException {
        assertThat(readDamaged("{\"not\": \"evtx\"}".getBytes()).problems).extracting(EvtxProblem::kind, EvtxProblem::detail)
                .containsExactly(tuple(EvtxProblem.Kind.NOT_EVTX, "not an EVTX file (no ElfFile signature)"));
        assertThat(readDamaged(new byte[0]).problems).extracting(EvtxProblem::detail).containsExactly("empty file");
        assertThat(readDamaged(Arrays.copyOf(intactBytes, 1000)).problems).extracting(EvtxProblem::detail)
                .containsExactly("EVTX file cut inside its header (1000 bytes)");
    }

    private static long chunkOf(long fileOffset) {
        return HEADER + (fileOffset - HEADER) / CHUNK * CHUNK;
    }

    /** Recomputes both checksums, so only the record-level damage remains to be found. */
    private static void fixChecksums(byte[] b, long chunkOffset) {
        byte[] chunk = Arrays.copyOfRange(b, (int) chunkOffset, (int) chunkOffset + CHUNK);
        int free = Bytes.le32(chunk, 48);
        CRC32 records = new CRC32();
        records.update(chunk, 512, free - 512);
        putLe32(b, (int) chunkOffset + 52, (int) records.getValue());
        chunk = Arrays.copyOfRange(b, (int) chunkOffset, (int) chunkOffset + CHUNK);
        putLe32(b, (int) chunkOffset + 124, ChunkParser.headerChecksum(chunk));
    }

    static void putLe32(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (8 * i));
    }
}
