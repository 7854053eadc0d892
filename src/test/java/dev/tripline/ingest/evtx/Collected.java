package dev.tripline.ingest.evtx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything a read delivered, in order. */
final class Collected implements EvtxReader.Sink {
    final List<EvtxRecord> records = new ArrayList<>();
    final List<EvtxProblem> problems = new ArrayList<>();
    EvtxReader.Summary summary;

    @Override public void record(EvtxRecord record) { records.add(record); }

    @Override public void problem(EvtxProblem problem) { problems.add(problem); }

    static Collected read(Path file) {
        return read(file, true);
    }

    static Collected read(Path file, boolean parallel) {
        Collected c = new Collected();
        try {
            c.summary = EvtxReader.read(file, c, parallel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    List<Long> ids() { return records.stream().map(EvtxRecord::recordId).toList(); }

    List<EvtxProblem> of(EvtxProblem.Kind kind) { return problems.stream().filter(p -> p.kind() == kind).toList(); }
}
