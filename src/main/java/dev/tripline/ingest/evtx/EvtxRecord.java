package dev.tripline.ingest.evtx;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event record: its EventRecordID (from the record header), where it sits in the file, and the event as
 * the JSON tree {@code evtx_dump} writes ({@code {"Event": {"#attributes": …, "System": …, "EventData": …}}}).
 */
public record EvtxRecord(long recordId, long fileOffset, ObjectNode json) {}
