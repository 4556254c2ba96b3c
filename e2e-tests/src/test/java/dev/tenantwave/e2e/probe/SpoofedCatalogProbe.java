package dev.tenantwave.e2e.probe;

import dev.tenantwave.events.KafkaAccess;
import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.SampleEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Issue 13's first finding: a spoofed {@code tenant.catalog.v1} record for a tenant the catalog does not know. Each
 * client but the catalog's relay must be refused, and nothing may be appended to the topic (its end offsets, read as
 * the operator, before and after).
 */
final class SpoofedCatalogProbe implements Probe {

  @Override
  public Finding run(Stack stack) {
    String topic = Topics.TENANT_CATALOG.name();
    String tenant = "probe-spoof-" + UUID.randomUUID().toString().substring(0, 8);
    TenantCatalogEntry spoof = TenantCatalogEntry.newBuilder(SampleEvents.catalogEntry()).setTenantId(tenant)
        .setEventId(UUID.randomUUID()).build();
    byte[] value;
    try (Serializer<TenantCatalogEntry> serializer =
             EventSerdes.forRegistry(stack.url(Stack.REGISTRY)).valueSerializer(Topics.TENANT_CATALOG)) {
      value = serializer.serialize(topic, spoof);
    }
    Map<String, Object> operator = stack.kafka(KafkaAccess.OPERATOR);
    Map<TopicPartition, Long> before = KafkaProbing.endOffsets(operator, topic);

    Map<String, Map<String, Object>> clients = new LinkedHashMap<>();
    clients.put("anonymous", stack.kafka(null));
    clients.put(KafkaAccess.APP, stack.kafka(KafkaAccess.APP));
    clients.put(KafkaAccess.OPERATOR, operator);
    clients.put(KafkaAccess.CATALOG + " with a wrong password",
        stack.kafka(KafkaAccess.CATALOG, "x" + stack.kafkaPassword(KafkaAccess.CATALOG)));
    List<String> outcomes = new ArrayList<>();
    boolean allRefused = true;
    for (Map.Entry<String, Map<String, Object>> client : clients.entrySet()) {
      long started = System.nanoTime();
      Object outcome;
      Map<String, Object> config = new HashMap<>(client.getValue());
      // without idempotence the refusal is the topic's ACL itself, not the cluster's IDEMPOTENT_WRITE
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
      try (KafkaProducer<String, byte[]> producer = KafkaProbing.producer(config)) {
        outcome = KafkaProbing.send(producer, new ProducerRecord<>(topic, tenant, value));
      }
      allRefused &= !(outcome instanceof RecordMetadata);
      outcomes.add(String.format(Locale.ROOT, "%s -> %s in %.1f s", client.getKey(),
          KafkaProbing.describe(outcome), (System.nanoTime() - started) / 1e9));
    }
    Map<TopicPartition, Long> after = KafkaProbing.endOffsets(operator, topic);
    long appended = KafkaProbing.total(after) - KafkaProbing.total(before);
    return new Finding("1 spoofed catalog record", allRefused && appended == 0, String.format(
        Locale.ROOT, "%d attempts, %d refused: %s; %s end offsets %d -> %d, %d appended",
        clients.size(), allRefused ? clients.size() : outcomes.stream().filter(o -> !o.contains("ACCEPTED")).count(),
        String.join("; ", outcomes), topic, KafkaProbing.total(before), KafkaProbing.total(after), appended));
  }
}
