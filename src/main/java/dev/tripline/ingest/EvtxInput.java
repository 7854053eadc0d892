package dev.tripline.ingest;

import dev.tripline.ingest.evtx.EvtxProblem;
import dev.tripline.ingest.evtx.EvtxReader;
import dev.tripline.ingest.evtx.EvtxRecord;
import dev.tripline.model.SourceRef;
import java.io.IOException;
import java.io.InputStream;

/**
 * An .evtx input: each record, rendered in {@code evtx_dump}'s JSON layout, goes through shape detection and
 * the normalizers exactly as a JSON record would, located by file and EventRecordID. A damaged chunk is rejected
 * as a whole-file matter (its byte offset in the detail), a damaged record with its record id; a file that is
 * not EVTX at all is reported unreadable and the run goes on.
 */
final class EvtxInput {
    static final String SIGNATURE_BYTES = "ElfFile\0";

    private EvtxInput() {}

    /** Whether the first bytes are the EVTX signature (content decides, not the file name). */
    static boolean sniff(byte[] head, int length) {
        return EvtxReader.isEvtx(head, length);
    }

    /** Reads the stream (positioned at the file's first byte); returns the records read, or -1 when not EVTX. */
    static long read(String name, InputStream in, RecordDispatcher dispatcher, IngestListener listener) throws IOException {
        boolean[] notEvtx = {false};
        EvtxReader.Summary summary = EvtxReader.read(in, new EvtxReader.Sink() {
            @Override public void record(EvtxRecord r) {
                dispatcher.record(r.json(), SourceRef.ofRecord(name, r.recordId()));
            }

            @Override public void problem(EvtxProblem p) {
                switch (p.kind()) {
                    case NOT_EVTX -> {
                        notEvtx[0] = true;
                        listener.onInputUnreadable(name, p.detail());
                    }
                    case DAMAGED_RECORD -> dispatcher.reject(p.recordId() >= 0 ? SourceRef.ofRecord(name, p.recordId()) : new SourceRef(name, 0),
                            Reasons.DAMAGED_EVTX_RECORD, p.describe());
                    case CHECKSUM_MISMATCH -> { } // a note: the chunk's records were each checked and read
                    default -> dispatcher.reject(new SourceRef(name, 0), Reasons.DAMAGED_EVTX_CHUNK, p.describe());
                }
            }
        }, true);
        return notEvtx[0] ? -1 : summary.records();
    }
}
