package dev.tenantwave.cli.topics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantwave.cli.Endpoints;
import dev.tenantwave.cli.Kafka;
import dev.tenantwave.cli.ServiceClient;
import dev.tenantwave.events.KafkaClientSecurity;
import dev.tenantwave.events.Topic;
import dev.tenantwave.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tail", description = {
    "Print a topic's records as JSON lines, decoding Avro through the schema registry.",
    "Dead-letter topics (<topic>.dlq) print their headers and the raw value in base64.",
    "Exit 0; 1 for a topic that is not in the contract or not on the broker; 3 when the broker cannot be reached."})
public class TailCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TOPIC", description = "e.g. tenant.catalog.v1 or tenant.metrics.v1.dlq")
  String topicName;

  @Option(names = "--from-beginning", description = "Start at the earliest record instead of new records only.")
  boolean fromBeginning;

  @Option(names = {"-n", "--max"}, description = "Stop after this many records.")
  Long max;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS",
      description = "Stop after this many seconds without a record (default: follow until Ctrl-C).")
  Long idleTimeoutSeconds;

  private final ObjectMapper json = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    Topics.byName(topicName);
    boolean deadLetters = topicName.endsWith(Topic.DLQ_SUFFIX);
    WireFormatDecoder decoder = new WireFormatDecoder(Endpoints.registryUrl());
    var out = spec.commandLine().getOut();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClientSecurity.with(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafkaBootstrap(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Kafka.CALL_TIMEOUT_MS)), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions;
      try {
        partitions = consumer.partitionsFor(topicName).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      } catch (org.apache.kafka.common.KafkaException e) {
        throw Kafka.failed(e);
      }
      if (partitions.isEmpty()) {
        throw new ServiceClient.Refused("topic " + topicName + " does not exist on Kafka at "
            + Endpoints.kafkaBootstrap() + "; './tw topics create' creates the contract's topics");
      }
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      long printed = 0;
      Instant lastRecord = Instant.now();
      while (max == null || printed < max) {
        var records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty() && idleTimeoutSeconds != null
            && Duration.between(lastRecord, Instant.now()).toSeconds() >= idleTimeoutSeconds) {
          break;
        }
        for (ConsumerRecord<String, byte[]> record : records) {
          lastRecord = Instant.now();
          out.println(json.writeValueAsString(render(record, deadLetters, decoder)));
          out.flush();
          if (max != null && ++printed >= max) {
            break;
          }
        }
      }
    }
    return 0;
  }

  private ObjectNode render(ConsumerRecord<String, byte[]> record, boolean deadLetters, WireFormatDecoder decoder)
      throws Exception {
    ObjectNode node = json.createObjectNode();
    node.put("topic", record.topic()).put("partition", record.partition()).put("offset", record.offset())
        .put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString()).put("key", record.key());
    if (record.value() == null) {
      node.putNull("value");
    } else if (deadLetters) {
      ObjectNode headers = node.putObject("headers");
      record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
      node.put("valueBase64", Base64.getEncoder().encodeToString(record.value()));
    } else {
      try {
        WireFormatDecoder.Decoded decoded = decoder.decode(record.value());
        node.put("schemaId", decoded.schemaId());
        node.set("value", json.readTree(decoded.value().toString()));
      } catch (java.io.IOException e) {
        node.put("error", "undecodable: " + e.getMessage());
        node.put("valueBase64", Base64.getEncoder().encodeToString(record.value()));
      }
    }
    return node;
  }
}
