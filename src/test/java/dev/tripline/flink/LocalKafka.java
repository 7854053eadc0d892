package dev.tripline.flink;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A Kafka broker and its clients: Kafka's own KRaft test kit on 127.0.0.1. KafkaExactlyOnceTest uses the static
 * helpers in-process; bench/flink-standalone.sh runs this main class in a JVM of its own, beside a standalone Flink
 * cluster.
 *
 * <pre>
 *   broker FILE                    start a broker, write its bootstrap servers to FILE, run until killed
 *   topic BOOTSTRAP NAME N         create a topic with N partitions that keeps old records (events carry old times)
 *   produce BOOTSTRAP TOPIC FILE   one record per line, keyed by the event's host (its order kept per host)
 *   read BOOTSTRAP TOPIC           print every committed record (read_committed), without event sources
 *   strip                          print alert JSON lines from stdin without event sources (for the CLI's side)
 * </pre>
 */
public final class LocalKafka {
    /** How long a client call may take on a busy machine before it is an error. */
    static final Duration PATIENCE = Duration.ofMinutes(5);

    private LocalKafka() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "broker" -> broker(Path.of(args[1]));
            case "topic" -> createTopic(args[1], args[2], Integer.parseInt(args[3]));
            case "produce" -> produce(args[1], args[2], Files.readAllLines(Path.of(args[3]), StandardCharsets.UTF_8));
            case "read" -> readCommitted(args[1], args[2]).forEach(System.out::println);
            case "strip" -> {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line; (line = in.readLine()) != null; ) if (line.startsWith("{")) System.out.println(FlinkTestSupport.withoutSources(line));
            }
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /** One combined broker and controller, single replicas, transactions on: what the exactly-once sink needs. */
    static KafkaClusterTestKit startBroker() throws Exception {
        KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        return kafka;
    }

    private static void broker(Path bootstrapFile) throws Exception {
        KafkaClusterTestKit kafka = startBroker();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
            } catch (Exception ignored) {
                // going down anyway
            }
        }));
        Files.writeString(bootstrapFile, kafka.bootstrapServers());
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Old event times: keep everything (retention.ms=-1), or the broker deletes the records on arrival. No-op if it exists. */
    static void createTopic(String bootstrap, String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            if (admin.listTopics().names().get().contains(name)) return;
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(Map.of("retention.ms", "-1")))).all().get();
        }
    }

    /** Keyed by host, so each host's events stay in order within one partition (a 2-partition topic unless it exists). */
    static void produce(String bootstrap, String topic, List<String> lines) throws Exception {
        createTopic(bootstrap, topic, 2);
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String line : lines) {
                if (line.isBlank()) continue;
                String host = dev.tripline.output.AlertJson.MAPPER.readTree(line).path("Computer").asText();
                producer.send(new ProducerRecord<>(topic, host, line)).get();
            }
        }
    }

    /**
     * Whether consumer group {@code group} has committed offsets at the end of every partition of {@code topic}: a
     * Flink Kafka source commits on completed checkpoints, so everything produced so far is in a checkpoint.
     */
    static boolean committedToEnd(String bootstrap, String group, String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            for (var d : admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
                latest.put(new TopicPartition(topic, d.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                var c = committed.get(e.getKey());
                if (e.getValue().offset() > 0 && (c == null || c.offset() < e.getValue().offset())) return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Every committed record of the topic (read_committed: aborted or open transactions are invisible), without event sources. */
    static List<String> readCommitted(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, PATIENCE).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, PATIENCE);
            List<String> out = new java.util.ArrayList<>();
            // Read to the end offsets taken above, however slow the machine: a partial read would pass for "alerts
            // missing", so running out of patience is an error, not a short list.
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp, PATIENCE) < end.get(tp))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException(topic + ": not read to its end within " + PATIENCE);
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) out.add(FlinkTestSupport.withoutSources(r.value()));
            }
            return out;
        }
    }
}
