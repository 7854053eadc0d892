package dev.tripline.output;

import dev.tripline.model.Alert;

import java.io.IOException;

/** Passes on the alerts an {@link AlertFilter} keeps; the others are counted in the run summary as filtered out. */
public final class FilteringSink implements AlertSink {
    private final AlertSink downstream;
    private final AlertFilter filter;
    private final RunStats stats;

    public FilteringSink(AlertSink downstream, AlertFilter filter, RunStats stats) {
        this.downstream = downstream;
        this.filter = filter;
        this.stats = stats;
    }

    @Override public void write(Alert a) throws IOException {
        if (filter.test(a)) downstream.write(a);
        else stats.filteredOut(a);
    }

    @Override public void close() throws IOException { downstream.close(); }
}
