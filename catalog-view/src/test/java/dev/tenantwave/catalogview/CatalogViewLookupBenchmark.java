package dev.tenantwave.catalogview;

import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.TestInfra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * CatalogView lookup latency with 100,000 tenants loaded through a real compacted topic (JMH, sample time: the
 * report shows p0.99). Run on purpose: {@code mvn -B -ntp -pl catalog-view -am verify -Pbenchmarks -DskipTests}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CatalogViewLookupBenchmark {

  static final int TENANTS = 100_000;
  static CatalogView view;
  static String[] ids;

  @Benchmark
  public TenantCatalogEntry lookup() {
    return view.get(ids[ThreadLocalRandom.current().nextInt(TENANTS)]);
  }

  public static void main(String[] args) throws Exception {
    TestInfra infra = TestInfra.get();
    String topic = Topics.TENANT_CATALOG.name() + "." + TestInfra.uniqueId("bench");
    try (Admin admin = infra.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1)
          .configs(Map.of("cleanup.policy", "compact")))).all().get();
    }
    EventSerdes serdes = EventSerdes.forRegistry(infra.registryUrl());
    ids = new String[TENANTS];
    try (KafkaProducer<String, TenantCatalogEntry> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(), ProducerConfig.LINGER_MS_CONFIG, 20),
        new StringSerializer(), serdes.valueSerializer(Topics.TENANT_CATALOG))) {
      for (int i = 0; i < TENANTS; i++) {
        ids[i] = "tenant-" + i;
        producer.send(new ProducerRecord<>(topic, ids[i], CatalogViewIT.entry(ids[i], 1, "eu-west-" + (i % 8))));
      }
    }
    long start = System.nanoTime();
    view = CatalogView.start(infra.kafkaBootstrap(), serdes.valueDeserializer(Topics.TENANT_CATALOG), topic, Map.of());
    if (!view.awaitReady(Duration.ofMinutes(3)) || view.size() != TENANTS) {
      throw new IllegalStateException("view not ready: " + view.size());
    }
    System.out.printf("BENCH CatalogView bootstrap of %d tenants: %.2f s%n", TENANTS, (System.nanoTime() - start) / 1e9);
    new Runner(new OptionsBuilder().include(CatalogViewLookupBenchmark.class.getSimpleName())
        .forks(0).warmupIterations(3).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
        .measurementIterations(5).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(3))
        .threads(1).build()).run();
    view.close();
    System.exit(0);
  }
}
