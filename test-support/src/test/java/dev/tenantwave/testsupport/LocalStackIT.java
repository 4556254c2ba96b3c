package dev.tenantwave.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.Topic;
import dev.tenantwave.events.TopicProvisioner;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The local stack of {@code ./tw up}: its ports, loopback only, refusing a taken port before anything starts, and a
 * data directory (Kafka's records, PostgreSQL's databases and the registry's schemas alike) that survives a restart
 * unless cleaned.
 */
class LocalStackIT {

  private record Written(Topic<?> topic, RecordMetadata at, SpecificRecord event) {}

  // as ./tw up runs it: no harness listener, no superuser login; the stack's administrator reads and writes

  @Test
  void keepsRecordsDatabasesAndSchemasAcrossRestartsAndStartsEmptyWhenCleaned() throws Exception {
    Path dataDir = Files.createTempDirectory("tenantwave-localstack-");
    LocalStack.Ports ports = LocalStack.Ports.random();
    try {
      List<Written> written;
      try (LocalStack stack = LocalStack.start(dataDir, ports, false, false)) {
        stack.postgres().createDatabase("kept_db");
        try (Admin admin = admin(stack)) {
          admin.createTopics(List.of(new NewTopic("kept.topic", 1, (short) 1))).all().get();
          new TopicProvisioner(admin, (short) 1).provision();
        }
        written = writeOneOfEach(stack, Topics.all());
        assertListensOnLoopbackOnly(ports.registry());
      }
      try (LocalStack stack = LocalStack.start(dataDir, ports, false, false)) {
        assertThat(stack.kafkaBootstrap()).isEqualTo("localhost:" + ports.kafka());
        assertThat(stack.registryUrl()).isEqualTo("http://localhost:" + ports.registry());
        assertThat(databaseExists(stack, "kept_db")).isTrue();
        try (Admin admin = admin(stack)) {
          assertThat(admin.listTopics().names().get()).contains("kept.topic");
        }
        // New schemas registered in another order must not take the ids the records before the restart carry.
        List<Topic<?>> reversed = new ArrayList<>(Topics.all());
        Collections.reverse(reversed);
        writeOneOfEach(stack, reversed);
        EventSerdes fresh = EventSerdes.forRegistry(stack.registryUrl());
        for (Written record : written) {
          assertThat(readBack(stack, fresh, record)).as("%s written before the restart", record.topic().name())
              .isEqualTo(record.event());
        }
      }
      try (LocalStack stack = LocalStack.start(dataDir, ports, true, false)) {
        assertThat(databaseExists(stack, "kept_db")).isFalse();
        try (Admin admin = admin(stack)) {
          assertThat(admin.listTopics().names().get()).doesNotContain("kept.topic");
        }
        assertThat(get(stack.registryUrl() + EventSerdes.CCOMPAT_API_PATH + "/subjects")).isEqualTo("[]");
      }
    } finally {
      LocalStack.deleteTree(dataDir);
    }
  }

  @Test
  void refusesToStartOnATakenPortNamingItsSettingBeforeStartingAnything() throws Exception {
    Path dataDir = Files.createTempDirectory("tenantwave-localstack-taken-");
    try (ServerSocket registryOfAnotherStack = new ServerSocket(0)) {
      int taken = registryOfAnotherStack.getLocalPort();
      LocalStack.Ports ports = new LocalStack.Ports(LocalStack.freePort(), LocalStack.freePort(),
          LocalStack.freePort(), taken, LocalStack.freePort());
      assertThatThrownBy(() -> LocalStack.start(dataDir, ports, false))
          .isInstanceOf(PortCheck.PortInUse.class)
          .hasMessageContaining("port " + taken + " (TW_REGISTRY_PORT) is already in use");
      assertThat(PortCheck.isFree(ports.kafka())).as("Kafka was not started").isTrue();
      assertThat(PortCheck.isFree(ports.postgres())).as("PostgreSQL was not started").isTrue();
    } finally {
      LocalStack.deleteTree(dataDir);
    }
  }

  @Test
  void localStackMainPrintsOneFailedLineNamingEveryTakenPortAndExitsNonZero() throws Exception {
    Path dir = Files.createTempDirectory("tenantwave-localstack-main-");
    try (ServerSocket kafkaOfAnotherStack = new ServerSocket(0); ServerSocket catalogOfAnotherStack = new ServerSocket(0)) {
      int kafka = kafkaOfAnotherStack.getLocalPort();
      int catalog = catalogOfAnotherStack.getLocalPort();
      ChildProcess.Completed run = ChildProcess.execute("local stack", List.of(ChildProcess.java(), "-cp",
              System.getProperty("java.class.path"), LocalStackMain.class.getName(),
              "--data-dir", dir.resolve("data").toString(), "--also-free", "TW_CATALOG_PORT=" + catalog),
          Map.of("TW_KAFKA_PORT", Integer.toString(kafka),
              "TW_KAFKA_CONTROLLER_PORT", Integer.toString(LocalStack.freePort()),
              "TW_KAFKA_INTERNAL_PORT", Integer.toString(LocalStack.freePort()),
              "TW_REGISTRY_PORT", Integer.toString(LocalStack.freePort()),
              "TW_PG_PORT", Integer.toString(LocalStack.freePort())),
          dir.resolve("local-stack.log"), Duration.ofSeconds(60));
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.output()).doesNotContain("READY").contains("FAILED: Cannot start: port " + kafka
          + " (TW_KAFKA_PORT), port " + catalog + " (TW_CATALOG_PORT) are already in use");
      assertThat(dir.resolve("data").resolve("postgres")).doesNotExist();
    } finally {
      LocalStack.deleteTree(dir);
    }
  }

  /** One sample event per topic, written with the project's serde (which registers its schema). */
  private static List<Written> writeOneOfEach(LocalStack stack, List<Topic<?>> topics) throws Exception {
    EventSerdes serdes = EventSerdes.forRegistry(stack.registryUrl());
    List<Written> written = new ArrayList<>();
    for (Topic<?> topic : topics) {
      written.add(write(stack, serdes, topic));
    }
    return written;
  }

  private static <V extends SpecificRecord> Written write(LocalStack stack, EventSerdes serdes, Topic<V> topic)
      throws Exception {
    V event = topic.valueType().cast(SampleEvents.of(topic));
    Properties config = new Properties();
    config.putAll(stack.kafkaAdminConfig());
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(config, EventSerdes.keySerde().serializer(), serdes.valueSerializer(topic))) {
      return new Written(topic, producer.send(new ProducerRecord<>(topic.name(), SampleEvents.keyOf(topic), event))
          .get(), event);
    }
  }

  /** The record's bytes, read from the broker and decoded with a deserializer that knows no schema yet. */
  private static Object readBack(LocalStack stack, EventSerdes serdes, Written record) {
    TopicPartition partition = new TopicPartition(record.at().topic(), record.at().partition());
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(stack.kafkaAdminConfig(),
        new StringDeserializer(), new ByteArrayDeserializer());
         var deserializer = serdes.valueDeserializer(record.topic())) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, record.at().offset());
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return !records.isEmpty();
      });
      return deserializer.deserialize(partition.topic(), records.get(0).value());
    }
  }

  /** Nothing answers on the port at this machine's first non-loopback IPv4 address, if it has one. */
  private static void assertListensOnLoopbackOnly(int port) throws IOException {
    try (Socket local = new Socket("127.0.0.1", port)) {
      assertThat(local.isConnected()).isTrue();
    }
    Optional<InetAddress> external = NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()).findFirst();
    if (external.isPresent()) {
      try (Socket socket = new Socket()) {
        assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), port), 2000))
            .as("port %d on %s", port, external.get()).isInstanceOf(IOException.class);
      }
    }
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
    return response.body();
  }

  private static Admin admin(LocalStack stack) {
    return Admin.create(stack.kafkaAdminConfig());
  }

  private static boolean databaseExists(LocalStack stack, String name) throws Exception {
    var pg = stack.postgres();
    try (var connection = DriverManager.getConnection(pg.adminJdbcUrl(), pg.user(), pg.password());
         var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      statement.setString(1, name);
      try (var rs = statement.executeQuery()) {
        return rs.next();
      }
    }
  }
}
