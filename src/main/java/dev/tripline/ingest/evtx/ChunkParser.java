package dev.tripline.ingest.evtx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * One 64 KiB chunk (libevtx "Chunk", MS-EVEN6 2.2.2-2.2.3) into records and problems. Chunks are independent
 * (names and templates are chunk-relative), so chunks are parsed in parallel.
 *
 * <p>Trust follows the checksums. Both good: the records up to the free-space offset are read. One bad (a chunk
 * copied while being written, a damaged string table): every record is checked on its own (signature, size,
 * size copy, BinXML) and reading resumes at the next record signature after damage. Both bad: the chunk is
 * skipped. Files flagged "no CRC32" are read like a chunk with one bad checksum, without a note.
 */
final class ChunkParser {
    static final int CHUNK_SIZE = 0x10000;
    static final int HEADER_SIZE = 512;
    private static final int RECORD_HEADER = 24;
    private static final int MIN_RECORD = RECORD_HEADER + 4;
    private static final byte[] CHUNK_MAGIC = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};
    private static final byte[] RECORD_MAGIC = {0x2a, 0x2a, 0, 0};

    /** What one chunk gave; {@code empty} for never-used space (all-zero signature). */
    record Result(List<EvtxRecord> records, List<EvtxProblem> problems, boolean empty) {}

    private ChunkParser() {}

    /** {@code length} bytes of {@code chunk} were read (less than 64 KiB when the file ends inside the chunk). */
    static Result parse(byte[] chunk, int length, long fileOffset, boolean checksums) {
        List<EvtxRecord> records = new ArrayList<>();
        List<EvtxProblem> problems = new ArrayList<>(0);
        try {
            if (isZero(chunk, length)) return new Result(records, problems, true);
            if (!Bytes.startsWith(chunk, length, 0, CHUNK_MAGIC)) {
                problems.add(new EvtxProblem(EvtxProblem.Kind.BAD_CHUNK_MAGIC, fileOffset, -1, "not a chunk signature, skipped"));
                return new Result(records, problems, false);
            }
            if (length < HEADER_SIZE) {
                problems.add(new EvtxProblem(EvtxProblem.Kind.TRUNCATED_CHUNK, fileOffset, -1,
                        "the file ends " + length + " bytes into the chunk header, skipped"));
                return new Result(records, problems, false);
            }
            int free = Bytes.le32(chunk, 48);
            boolean headerOk = headerChecksum(chunk) == Bytes.le32(chunk, 124);
            boolean recordsOk = free >= HEADER_SIZE && free <= length && recordsChecksum(chunk, free) == Bytes.le32(chunk, 52);
            if (checksums && !headerOk && !recordsOk) {
                problems.add(new EvtxProblem(EvtxProblem.Kind.BAD_CHUNK_CHECKSUM, fileOffset, -1,
                        "header and records checksums both wrong, skipped"));
                return new Result(records, problems, false);
            }
            boolean trusted = checksums && headerOk && recordsOk;
            if (checksums && !trusted) {
                problems.add(new EvtxProblem(EvtxProblem.Kind.CHECKSUM_MISMATCH, fileOffset, -1,
                        (headerOk ? "records checksum wrong" : "header checksum wrong") + ", records checked one by one"));
            }
            records(chunk, trusted ? free : length, length, fileOffset, records, problems);
        } catch (RuntimeException e) {
            // A reader bug on odd bytes costs this chunk's remaining records, never the file.
            problems.add(new EvtxProblem(EvtxProblem.Kind.DAMAGED_RECORD, fileOffset, -1, "reader failure: " + e));
        }
        return new Result(records, problems, false);
    }

    private static void records(byte[] chunk, int end, int length, long fileOffset, List<EvtxRecord> out, List<EvtxProblem> problems) {
        BinXmlParser parser = new BinXmlParser(chunk, length);
        int pos = HEADER_SIZE;
        while (pos <= end - RECORD_HEADER) {
            if (!Bytes.startsWith(chunk, end, pos, RECORD_MAGIC)) {
                if (isZero(chunk, pos, Math.min(end, pos + RECORD_HEADER))) return; // free space
                int next = nextSignature(chunk, pos + 1, end);
                problems.add(new EvtxProblem(EvtxProblem.Kind.UNREADABLE_BYTES, fileOffset, -1,
                        (next - pos) + " bytes at chunk offset " + pos + " are no record, skipped"));
                pos = next;
                continue;
            }
            int size = Bytes.le32(chunk, pos + 4);
            long id = Bytes.le64(chunk, pos + 8);
            if (size < MIN_RECORD || size > CHUNK_SIZE - HEADER_SIZE) {
                problems.add(new EvtxProblem(EvtxProblem.Kind.DAMAGED_RECORD, fileOffset, id, "record size " + Integer.toUnsignedString(size) + " is impossible, rejected"));
                pos = nextSignature(chunk, pos + 4, end);
                continue;
            }
            if (pos + size > length) {
                problems.add(new EvtxProblem(EvtxProblem.Kind.DAMAGED_RECORD, fileOffset, id,
                        "the file ends inside the record (" + size + " bytes at chunk offset " + pos + "), rejected"));
                return;
            }
            if (pos + size > end || Bytes.le32(chunk, pos + size - 4) != size) {
                problems.add(new EvtxProblem(EvtxProblem.Kind.DAMAGED_RECORD, fileOffset, id,
                        "record size " + size + " does not match its copy at the record's end, rejected"));
                pos = nextSignature(chunk, pos + 4, end);
                continue;
            }
            try {
                List<Node> body = parser.fragment(pos + RECORD_HEADER, pos + size - 4, 0);
                ObjectNode json = JsonLayout.render(body);
                out.add(new EvtxRecord(id, fileOffset + pos, json));
            } catch (EvtxFormatException e) {
                problems.add(new EvtxProblem(EvtxProblem.Kind.DAMAGED_RECORD, fileOffset, id, "BinXML: " + e.getMessage() + ", rejected"));
            } catch (RuntimeException e) {
                problems.add(new EvtxProblem(EvtxProblem.Kind.DAMAGED_RECORD, fileOffset, id, "reader failure: " + e + ", rejected"));
            }
            pos += size;
        }
    }

    private static int nextSignature(byte[] chunk, int from, int end) {
        for (int p = from; p <= end - 4; p++) {
            if (chunk[p] == 0x2a && chunk[p + 1] == 0x2a && chunk[p + 2] == 0 && chunk[p + 3] == 0) return p;
        }
        return end;
    }

    static int headerChecksum(byte[] chunk) {
        CRC32 crc = new CRC32();
        crc.update(chunk, 0, 120);
        crc.update(chunk, 128, HEADER_SIZE - 128);
        return (int) crc.getValue();
    }

    static int recordsChecksum(byte[] chunk, int free) {
        CRC32 crc = new CRC32();
        crc.update(chunk, HEADER_SIZE, free - HEADER_SIZE);
        return (int) crc.getValue();
    }

    private static boolean isZero(byte[] b, int n) {
        return isZero(b, 0, n);
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }
}
