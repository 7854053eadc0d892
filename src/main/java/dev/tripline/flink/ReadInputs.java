package dev.tripline.flink;

import dev.tripline.ingest.EventShape;
import dev.tripline.ingest.Ingest;
import dev.tripline.ingest.IngestOptions;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;
import java.util.Optional;

/**
 * The file side of the job: each element is one input as the CLI takes it (a file, a folder, gzip or not,
 * any shape), read with the core's streaming {@link Ingest} reader, so events carry the same file and line
 * as in the CLI's alerts. One input is one unit of work: its source position is checkpointed before or after
 * it, never in the middle, so a restart re-reads a whole input and keyed state makes that exact.
 */
final class ReadInputs extends ProcessFunction<String, FlinkEvent> {
    private final String schema;
    private final int maxRecordBytes;
    private transient IngestMetrics metrics;

    ReadInputs(Optional<EventShape> schema, IngestOptions options) {
        this.schema = schema.map(EventShape::cliName).orElse(null);
        this.maxRecordBytes = options.maxRecordBytes();
    }

    @Override public void open(OpenContext ctx) {
        metrics = new IngestMetrics(getRuntimeContext().getMetricGroup(), getRuntimeContext());
    }

    @Override public void processElement(String input, Context ctx, Collector<FlinkEvent> out) {
        Ingest.read(List.of(input), EventShape.byName(schema), IngestOptions.defaults().withMaxRecordBytes(maxRecordBytes),
                metrics.to(out::collect));
    }
}
