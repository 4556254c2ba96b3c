package dev.tenantwave.gate.streams;

import dev.tenantwave.events.KafkaClientSecurity;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.gate.topology.GateTopology;
import dev.tenantwave.gate.topology.MetricsDatumProvider;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/** The gate's Kafka Streams application: its topology on the registry's serdes, exactly-once v2. */
public final class GateStreamsFactory {

  private GateStreamsFactory() {}

  public static Topology topology(GateSettings settings, EventSerdes serdes) {
    // Metrics in this build's own layout are read without boxing their sketch bins (MetricsDatumProvider).
    EventSerdes metricsSerdes = serdes.withConfig(
        Map.of(AvroSerdeConfig.AVRO_DATUM_PROVIDER, MetricsDatumProvider.class.getName()));
    return GateTopology.buildTopology(settings.toGateConfig(), System::currentTimeMillis,
        metricsSerdes.valueSerde(Topics.TENANT_METRICS),
        serdes.valueSerde(Topics.RELEASE_TENANT_STATE), serdes.valueSerde(Topics.GATE_VERDICTS),
        serdes.valueSerde(Topics.GATE_WINDOWS));
  }

  /** The consumer's internal switch that Streams turns off; there is no public setting for it. */
  static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

  public static Properties properties(GateSettings settings, String bootstrapServers) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.getApplicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.putAll(KafkaClientSecurity.fromEnvironment());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.getStreamThreads());
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.getStateDir());
    props.put(StreamsConfig.CLIENT_ID_CONFIG, settings.getApplicationId());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.getCommitInterval().toMillis());
    // Throughput (docs/benchmarks.md, "Gate Streams buffers"): Streams' defaults buffer 1,000 records a partition and
    // poll 1,000 at a time, so after each commit the thread soon waits for fetches; these keep 5,000 a partition. A
    // commit's changelog records travel in large batches (the producer's 16 KB default made many small produce
    // requests, each costing the broker CPU).
    props.put(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, 5_000);
    props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2_000);
    props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 4 * 1024 * 1024);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 512 * 1024);
    // Leave the group when stopped. Streams stays by default (its consumers never send LeaveGroup, whatever close()
    // is asked), so the next start waited out the dead member's session before the gate judged again.
    props.put(StreamsConfig.mainConsumerPrefix(LEAVE_GROUP_ON_CLOSE), true);
    return props;
  }

  /** A failing stream thread is replaced rather than left dead; the record it failed on is retried. */
  public static KafkaStreams create(Topology topology, Properties props) {
    KafkaStreams streams = new KafkaStreams(topology, props);
    streams.setUncaughtExceptionHandler(new ReplaceThreadHandler());
    return streams;
  }
}
