package dev.tripline.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tripline.ingest.EventShape;
import dev.tripline.ingest.Normalizer;
import dev.tripline.ingest.Outcome;
import dev.tripline.model.SourceRef;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The Kafka side of the job: each record value is one raw JSON event (any shape the CLI reads), normalized
 * in the source itself so that event-time watermarks are generated per partition. An event's source is
 * {@code topic-partition} and its line the record's offset + 1, unique and stable across replays.
 */
final class KafkaEventDeserializer implements KafkaRecordDeserializationSchema<FlinkEvent> {
    private final String schema;
    private transient ObjectMapper mapper;
    private transient IngestMetrics metrics;

    KafkaEventDeserializer(Optional<EventShape> schema) {
        this.schema = schema.map(EventShape::cliName).orElse(null);
    }

    @Override public void open(DeserializationSchema.InitializationContext context) {
        mapper = new ObjectMapper();
        metrics = new IngestMetrics(context.getMetricGroup(), null);
    }

    @Override public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<FlinkEvent> out) {
        SourceRef source = new SourceRef(record.topic() + "-" + record.partition(), record.offset() + 1);
        if (record.value() == null) {
            metrics.onSkipped(source, "empty record");
            return;
        }
        JsonNode node;
        try {
            node = mapper.readTree(new String(record.value(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            metrics.onRejected(source, "malformed JSON", e.getMessage());
            return;
        }
        if (node == null || !node.isObject()) {
            metrics.onRejected(source, "not a JSON object", "");
            return;
        }
        Optional<EventShape> shape = schema != null ? EventShape.byName(schema) : EventShape.detect(node);
        if (shape.isEmpty()) {
            metrics.onSkipped(source, "unknown shape");
            return;
        }
        Normalizer normalizer = shape.get().normalizer();
        Outcome outcome;
        try {
            outcome = normalizer.normalize(node, source);
        } catch (RuntimeException e) {
            metrics.onRejected(source, "normalizer failed", e.toString());
            return;
        }
        if (outcome instanceof Outcome.Accepted a) metrics.to(out::collect).onFact(a.fact());
        else if (outcome instanceof Outcome.Skipped s) metrics.onSkipped(source, s.reason());
        else if (outcome instanceof Outcome.Rejected r) metrics.onRejected(source, r.reason(), "");
    }

    @Override public TypeInformation<FlinkEvent> getProducedType() { return TypeInformation.of(FlinkEvent.class); }
}
