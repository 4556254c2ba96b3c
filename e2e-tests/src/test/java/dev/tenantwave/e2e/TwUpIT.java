package dev.tenantwave.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantwave.events.Topic;
import dev.tenantwave.events.Topics;
import dev.tenantwave.testsupport.ChildProcess;
import dev.tenantwave.testsupport.CrmDatabases;
import dev.tenantwave.testsupport.LocalStack;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ./tw up} itself, as a person runs it, on ports that are all overridden (none of the defaults), with its own
 * state directory: every port honoured, the README's walkthrough pasted as it is written and run to a completed
 * release, every {@code ./tw} command and its error paths against the real stack, and a stop (SIGTERM) that lets the
 * services leave their consumer groups before Kafka goes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwUpIT {

  private static final Build BUILD = Build.current();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PORT_SETTINGS = List.of("TW_KAFKA_PORT", "TW_KAFKA_CONTROLLER_PORT",
      "TW_KAFKA_INTERNAL_PORT", "TW_REGISTRY_PORT", "TW_PG_PORT", "TW_CATALOG_PORT", "TW_ROLLOUT_PORT",
      "TW_MIGRATION_PORT", "TW_GATE_PORT");

  private static final Map<String, Integer> ports = new LinkedHashMap<>();
  private static Path state;
  private static Process up;
  private static Path upLog;
  private static int runs;

  @BeforeAll
  static void twUp() throws IOException {
    state = Files.createTempDirectory("tw-up-it-");
    PORT_SETTINGS.forEach(setting -> ports.put(setting, LocalStack.freePort()));
    upLog = BUILD.log("tw-up");
    Files.createDirectories(upLog.getParent());
    ProcessBuilder builder = new ProcessBuilder("bash", BUILD.root().resolve("tw").toString(), "up")
        .directory(BUILD.root().toFile()).redirectErrorStream(true).redirectOutput(upLog.toFile());
    builder.environment().putAll(environment());
    up = builder.start();
    await("./tw up: 'Tenantwave is up' in " + upLog).atMost(Duration.ofMinutes(6))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          if (!up.isAlive()) {
            throw new AssertionError("./tw up exited with " + up.exitValue() + ":\n" + read(upLog));
          }
          return read(upLog).contains("Tenantwave is up");
        });
  }

  @AfterAll
  static void stopIfRunning() throws Exception {
    if (up != null && up.isAlive()) {
      up.destroy();
      if (!up.waitFor(2, TimeUnit.MINUTES)) {
        up.descendants().forEach(ProcessHandle::destroyForcibly);
        up.destroyForcibly();
      }
    }
    if (state != null) {
      LocalStack.deleteTree(state);
    }
  }

  @Test
  @Order(1)
  void shouldListenOnEveryPortItWasGivenAndNoDefault() throws Exception {
    for (Map.Entry<String, Integer> port : ports.entrySet()) {
      try (Socket socket = new Socket("127.0.0.1", port.getValue())) {
        assertThat(socket.isConnected()).as(port.getKey()).isTrue();
      }
      for (InetAddress address : nonLoopbackAddresses()) { // the services too (they listened on every interface)
        assertThat(catchThrowable(() -> new Socket(address, port.getValue()).close()))
            .as(port.getKey() + " on " + address.getHostAddress()).isInstanceOf(ConnectException.class);
      }
    }
    assertThat(read(state.resolve("logs/infrastructure.log")))
        .contains("kafka=localhost:" + ports.get("TW_KAFKA_PORT"))
        .contains("registry=http://localhost:" + ports.get("TW_REGISTRY_PORT"))
        .contains("localhost:" + ports.get("TW_PG_PORT") + "/postgres");
    ChildProcess.Completed health = tw("health");
    assertThat(health.exitCode()).as(health.output()).isZero();
    assertThat(health.output()).contains("http://localhost:" + ports.get("TW_CATALOG_PORT") + "/health")
        .contains("http://localhost:" + ports.get("TW_GATE_PORT") + "/health");
  }

  @Test
  @Order(2)
  void shouldRefuseASecondStackOnTheSamePortsNamingThePortAndItsSetting() throws Exception {
    Path other = Files.createTempDirectory("tw-up-it-second-");
    try {
      Map<String, String> environment = environment();
      environment.put("TW_STATE_DIR", other.toString());
      ChildProcess.Completed second = ChildProcess.execute("tw-up-second",
          List.of("bash", BUILD.root().resolve("tw").toString(), "up"), environment, BUILD.log("tw-up-second"),
          Duration.ofMinutes(2));
      assertThat(second.exitCode()).isNotZero();
      assertThat(second.output()).doesNotContain("Tenantwave is up")
          .contains("port " + ports.get("TW_KAFKA_PORT") + " (TW_KAFKA_PORT)")
          .contains("port " + ports.get("TW_REGISTRY_PORT") + " (TW_REGISTRY_PORT)")
          .contains("port " + ports.get("TW_CATALOG_PORT") + " (TW_CATALOG_PORT)")
          .contains("already in use");
    } finally {
      LocalStack.deleteTree(other);
    }
  }

  @Test
  @Order(3)
  void shouldListAndCreateTopicsOnTheBroker() {
    ChildProcess.Completed list = tw("topics", "list");
    assertThat(list.exitCode()).as(list.output()).isZero();
    for (Topic<?> topic : Topics.all()) {
      assertThat(list.output()).containsPattern(Pattern.quote(topic.name()) + " .* " + topic.partitions() + "\\R");
    }
    assertThat(list.output()).doesNotContain("missing");
    ChildProcess.Completed create = tw("topics", "create");
    assertThat(create.exitCode()).as(create.output()).isZero();
    assertThat(create.output()).contains("All topics exist.");
  }

  @Test
  @Order(4)
  void shouldRunTheReadmeWalkthroughAsWrittenToACompletedReleaseOfItsTenant() throws Exception {
    List<String> blocks = walkthrough();
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
    StringBuilder output = new StringBuilder();
    for (String block : blocks) {
      String script = block.replace("localhost:18081", "localhost:" + ports.get("TW_CATALOG_PORT"))
          .replace(".tw/credentials", state.resolve("credentials").toString());
      ChildProcess.Completed run = ChildProcess.execute("walkthrough-" + (++runs),
          List.of("bash", "-c", "cd '" + BUILD.root() + "' && " + script), environment(),
          BUILD.log("walkthrough-" + runs), Duration.ofMinutes(6));
      output.append(run.output());
    }
    String printed = output.toString();
    assertThat(printed).contains("\"id\":\"acme\"").contains("422");

    JsonNode release = JSON.readTree(tw("release", "status", "r-first", "--output", "json").output());
    assertThat(release.path("state").asText()).as(printed).isEqualTo("COMPLETED");

    // as the worker's owner login (the superuser cannot log in), which row-level security binds to one tenant
    try (var connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + ports.get("TW_PG_PORT")
        + "/crm", "tw_migration", stackPassword("postgres.tw_migration"));
         var statement = connection.createStatement()) {
      statement.execute("SELECT set_config('app.tenant_id', 'acme', false)");
      Map<String, String> phases = new LinkedHashMap<>();
      try (var rs = statement.executeQuery("SELECT phase, state FROM tenantwave_migration_history"
          + " WHERE tenant_id = 'acme' ORDER BY started_at")) {
        while (rs.next()) {
          phases.put(rs.getString(1), rs.getString(2));
        }
      }
      assertThat(phases).as(printed).containsEntry("EXPAND", "SUCCEEDED").containsEntry("MIGRATE", "SUCCEEDED")
          .containsEntry("CONTRACT", "SUCCEEDED");
      assertThat(count(statement, "SELECT count(*) FROM deals WHERE tenant_id = 'acme' AND stage_id IS NOT NULL"))
          .isEqualTo(CrmDatabases.EXAMPLE_DEALS);
      assertThat(count(statement, "SELECT count(*) FROM information_schema.columns"
          + " WHERE table_name = 'deals' AND column_name = 'stage'")).as("deals.stage after CONTRACT").isZero();
    }
    assertThat(printed).contains("\"phase\":\"CONTRACT\"");
  }

  @Test
  @Order(5)
  void shouldDriveASecondReleaseThroughEveryReleaseAction() throws Exception {
    Path plan = state.resolve("second.yaml");
    Files.writeString(plan, """
        releaseId: r-second
        appVersion: 1.2.0
        previousAppVersion: 1.1.0
        gates: {windowSeconds: 5, bakeSeconds: 3600, max5xxRate: 0.05}
        failurePolicy: {maxFailedTenantsPerWave: 0, onInconclusive: HOLD}
        regions:
          - region: eu-west
            waves:
              - {name: everyone, cohort: {tracks: [GENERAL]}}
        """);
    assertOk(tw("release", "plan", plan.toString()), "acme");
    assertOk(tw("release", "create", plan.toString()), "created r-second");
    assertOk(tw("release", "start", "r-second"), "start r-second: done");
    assertOk(tw("release", "pause", "r-second", "--reason", "look first"), "pause r-second: done");
    assertOk(tw("release", "status", "r-second"), "PAUSED");
    assertOk(tw("release", "resume", "r-second"), "resume r-second: done");
    await("acme baking in r-second").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
        .until(() -> tw("release", "tenants", "r-second", "--state", "BAKING").output().contains("acme"));
    assertOk(tw("release", "tenants", "r-second"), "acme");
    assertOk(tw("release", "status"), "r-second");
    assertOk(tw("release", "abort", "r-second", "--reason", "not today"), "abort r-second: done");
    assertOk(tw("release", "watch", "r-second", "--interval", "500ms"), "ABORTED");
    // What no longer applies to an aborted release is refused (409), in one line, and changes nothing.
    assertFails(tw("release", "promote", "r-second"), 1, "409");
    assertFails(tw("release", "tenant", "isolate", "r-second", "acme", "--reason", "too late"), 1, "409");
    assertFails(tw("release", "tenant", "rollback", "r-second", "acme", "--reason", "too late"), 1, "409");
    assertFails(tw("release", "approve-contract", "r-second", "--reason", "too late"), 1, "409");
  }

  @Test
  @Order(6)
  void shouldAnswerEveryErrorWithOneLineAndItsExitCode() throws Exception {
    int nothingListens = LocalStack.freePort();
    String down = "http://localhost:" + nothingListens;

    assertFails(tw("release", "status", "r-unknown"), 1, "404");
    assertFails(tw("release", "tenant", "retry", "r-first", "acme"), 1, "409");
    String viewer = Files.readAllLines(state.resolve("credentials")).stream()
        .filter(line -> line.startsWith("viewer=")).findFirst().orElseThrow().substring("viewer=".length());
    assertFails(tw("release", "pause", "r-first", "--user", viewer), 1, "403");
    assertFails(tw("release", "status", "--user", "nobody:wrong"), 1, "401");
    assertFails(tw("release", "abort", "r-first"), 2, "--reason");
    assertFails(tw("release", "status", "--url", down), 3, "cannot reach the rollout orchestrator at " + down);
    assertFails(tw("release", "watch", "r-first", "--url", down, "--interval", "1s"), 3, down);
    assertFails(tw("isolation-audit", "--url", down), 3, "cannot reach the migration worker at " + down);
    assertFails(tw("isolation-audit", "--user", "nobody:wrong"), 1, "401");
    assertFails(tw("topics", "tail", "no.such.topic"), 1, "Unknown topic 'no.such.topic'");

    Map<String, String> kafkaDown = Map.of("TW_KAFKA_BOOTSTRAP", "localhost:" + nothingListens);
    assertFails(tw(kafkaDown, "topics", "list"), 3, "cannot reach Kafka at localhost:" + nothingListens);
    assertFails(tw(kafkaDown, "topics", "create"), 3, "cannot reach Kafka at localhost:" + nothingListens);
    assertFails(tw(kafkaDown, "topics", "tail", "tenant.catalog.v1", "--idle-timeout", "1"), 3,
        "cannot reach Kafka at localhost:" + nothingListens);

    ChildProcess.Completed health = tw(Map.of("TW_CATALOG_URL", down), "health");
    assertThat(health.exitCode()).isEqualTo(1);
    assertThat(health.output()).containsPattern("catalog-service +DOWN +" + Pattern.quote(down))
        .containsPattern("rollout-orchestrator +UP");
  }

  @Test
  @Order(7)
  void shouldTailTopicsAndAuditIsolation() {
    ChildProcess.Completed tail = tw("topics", "tail", "tenant.catalog.v1", "--from-beginning", "--idle-timeout", "3");
    assertThat(tail.exitCode()).as(tail.output()).isZero();
    assertThat(tail.output()).contains("\"key\":\"acme\"").contains("\"schemaId\"");
    ChildProcess.Completed dlq = tw("topics", "tail", "tenant.metrics.v1.dlq", "--from-beginning", "--idle-timeout",
        "1");
    assertThat(dlq.exitCode()).as(dlq.output()).isZero();
    ChildProcess.Completed audit = tw("isolation-audit");
    assertThat(audit.exitCode()).as(audit.output()).isIn(0, 1);
    assertThat(audit.output()).contains("/crm");
  }

  /**
   * Ctrl-C or SIGTERM: the services stop first and leave their consumer groups, then Kafka. Started again on the same
   * data, the broker knows no member of any group: nothing waits for a dead member's session to time out.
   */
  @Test
  @Order(8)
  void shouldStopTheServicesBeforeKafkaSoThatNoGroupKeepsAMemberThatWouldHoldItsPartitions() throws Exception {
    up.destroy(); // SIGTERM to ./tw only, as Ctrl-C or a service manager sends it
    assertThat(up.waitFor(3, TimeUnit.MINUTES)).as("./tw up stopped").isTrue();
    String stopped = read(upLog);
    assertThat(stopped.indexOf("services stopped; stopping Kafka")).as(stopped).isPositive();
    assertThat(Files.exists(state.resolve("stack.env"))).isFalse();

    LocalStack.Ports infrastructure = new LocalStack.Ports(ports.get("TW_KAFKA_PORT"),
        ports.get("TW_KAFKA_CONTROLLER_PORT"), ports.get("TW_KAFKA_INTERNAL_PORT"), ports.get("TW_REGISTRY_PORT"),
        ports.get("TW_PG_PORT"));
    try (LocalStack stack = LocalStack.start(state.resolve("data"), infrastructure, false, false);
         Admin admin = Admin.create(stack.kafkaAdminConfig())) {
      List<String> groups = admin.listGroups().all().get().stream().map(GroupListing::groupId).toList();
      assertThat(groups).contains("rollout-orchestrator", "migration-worker", "tw-gate-evaluator");
      // A dynamic member left behind would hold its partitions until its session expires. A static member (the
      // worker's and the orchestrator's listeners, group.instance.id = <service>-<host>-<port>) is replaced at once
      // when its service starts again under the same id, so it may stay; the gate's Streams client leaves.
      Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all().get();
      Map<String, List<String>> blocking = new LinkedHashMap<>();
      described.forEach((group, description) -> blocking.put(group, description.members().stream()
          .filter(member -> member.groupInstanceId().isEmpty() || group.equals("tw-gate-evaluator"))
          .map(member -> member.consumerId()).toList()));
      assertThat(blocking).as("members that would hold partitions after the restart").allSatisfy((group, left) ->
          assertThat(left).as(group).isEmpty());
      described.forEach((group, description) -> description.members().forEach(member ->
          assertThat(member.groupInstanceId()).as(group + ": a static member of this stack's instance")
              .hasValueSatisfying(id -> assertThat(id).endsWith("-" + servicePort(group)))));
    }
  }

  /** A password the stack generated, from its data directory. */
  private static String stackPassword(String key) throws IOException {
    Properties credentials = new Properties();
    try (var in = Files.newBufferedReader(state.resolve("data").resolve("credentials.properties"))) {
      credentials.load(in);
    }
    return credentials.getProperty(key);
  }

  private static long count(java.sql.Statement statement, String sql) throws java.sql.SQLException {
    try (var rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int servicePort(String group) {
    return switch (group) {
      case "rollout-orchestrator" -> ports.get("TW_ROLLOUT_PORT");
      case "migration-worker" -> ports.get("TW_MIGRATION_PORT");
      default -> ports.get("TW_GATE_PORT");
    };
  }

  /** The fenced bash blocks of the README's "A first release, end to end", in order. */
  private static List<String> walkthrough() throws IOException {
    String readme = read(BUILD.root().resolve("README.md"));
    int start = readme.indexOf("## A first release, end to end");
    int end = readme.indexOf("\n## ", start);
    Matcher blocks = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(start, end));
    List<String> found = new ArrayList<>();
    while (blocks.find()) {
      found.add(blocks.group(1));
    }
    return found;
  }

  private static ChildProcess.Completed tw(String... arguments) {
    return tw(Map.of(), arguments);
  }

  private static ChildProcess.Completed tw(Map<String, String> extra, String... arguments) {
    List<String> command = new ArrayList<>(List.of("bash", BUILD.root().resolve("tw").toString()));
    command.addAll(List.of(arguments));
    Map<String, String> environment = environment();
    environment.putAll(extra);
    String name = "tw-" + (++runs) + "-" + String.join("-", List.of(arguments).subList(0,
        Math.min(2, arguments.length)));
    return ChildProcess.execute(name, command, environment, BUILD.log(name), Duration.ofMinutes(5));
  }

  private static void assertOk(ChildProcess.Completed run, String expected) {
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains(expected);
  }

  private static void assertFails(ChildProcess.Completed run, int exitCode, String expected) {
    assertThat(run.exitCode()).as(run.output()).isEqualTo(exitCode);
    List<String> lines = run.output().strip().lines().toList();
    if (exitCode == 2) { // picocli's usage error: its line, then the command's usage
      assertThat(lines.get(0)).contains(expected);
      return;
    }
    assertThat(lines).as("one line").hasSize(1);
    assertThat(lines.get(0)).startsWith("tw: ").contains(expected);
  }

  private static Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    ports.forEach((setting, port) -> environment.put(setting, Integer.toString(port)));
    environment.put("TW_STATE_DIR", state.toString());
    environment.put("TW_SKIP_BUILD", "1");
    return environment;
  }

  /** The machine's own addresses other than loopback (where another host would connect). */
  private static List<InetAddress> nonLoopbackAddresses() throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (network.isUp()) {
        network.inetAddresses().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
            .forEach(addresses::add);
      }
    }
    return addresses;
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
