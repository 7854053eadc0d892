package dev.tripline.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tripline.engine.CompiledRules;
import dev.tripline.model.Alert;
import dev.tripline.output.AlertJson;
import dev.tripline.output.AlertSink;
import dev.tripline.pipeline.BatchRun;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** Shared by the Flink tests: the MiniCluster's shape and the CLI's alerts for comparison. */
final class FlinkTestSupport {
    private FlinkTestSupport() {}

    /** One task manager with two slots: parallelism 2 on this 2-core machine. */
    static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }

    /** The CLI pipeline's alerts (BatchRun, one session), as alert JSON strings, every alert out at once (the job's default). */
    static List<String> cliAlerts(CompiledRules rules, List<String> inputs, BatchRun.Options batchOptions) {
        return cliAlerts(rules, inputs, batchOptions, java.time.Duration.ZERO);
    }

    /** As above, with repeats folded within {@code dedupWindow}. */
    static List<String> cliAlerts(CompiledRules rules, List<String> inputs, BatchRun.Options batchOptions, java.time.Duration dedupWindow) {
        BatchRun.Options options = batchOptions.withDedupWindow(dedupWindow);
        List<String> out = new ArrayList<>();
        BatchRun.run(rules, inputs, options, new AlertSink() {
            @Override public void write(Alert a) { out.add(AlertJson.toJson(a).toString()); }
            @Override public void close() {}
        }, InputStream.nullInputStream());
        return out;
    }

    /**
     * Alert JSON without where each event was read from (file/line differ between a file and a topic), in the
     * events and in the reasons and context that cite a teaching event ("4624 type 5 at events.jsonl:11").
     */
    static String withoutSources(String alertJson) {
        try {
            ObjectNode o = (ObjectNode) AlertJson.MAPPER.readTree(alertJson);
            for (JsonNode e : o.withArray("events")) {
                ((ObjectNode) e).remove("file");
                ((ObjectNode) e).remove("line");
            }
            for (String texts : List.of("reasons", "context")) {
                com.fasterxml.jackson.databind.node.ArrayNode a = o.withArray(texts);
                for (int i = 0; i < a.size(); i++) a.set(i, a.get(i).asText().replaceAll("[^\\s()]+:\\d+\\)", "<source>)"));
            }
            return o.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> List<T> list(Iterable<T> it) { return StreamSupport.stream(it.spliterator(), false).toList(); }
}
