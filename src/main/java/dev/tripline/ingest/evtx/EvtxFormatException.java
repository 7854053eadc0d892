package dev.tripline.ingest.evtx;

/** Bytes that do not follow the format where they should: costs the record or chunk being read, never the file. */
final class EvtxFormatException extends Exception {
    EvtxFormatException(String message) {
        super(message, null, false, false);
    }
}
