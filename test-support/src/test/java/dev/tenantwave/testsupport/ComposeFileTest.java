package dev.tenantwave.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No container engine runs here, so the production-like topology is validated with Debian's {@code docker-compose}.
 * CI installs it and sets {@code TW_REQUIRE_COMPOSE=1}, so there the check cannot be skipped.
 */
class ComposeFileTest {

  private static final Path COMPOSE_FILE = Path.of("..", "docker-compose.yml").toAbsolutePath().normalize();

  @BeforeAll
  static void dockerComposeIsInstalled() {
    boolean installed = System.getenv("PATH") != null && java.util.Arrays.stream(
        System.getenv("PATH").split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, "docker-compose")));
    if (!installed && "1".equals(System.getenv("TW_REQUIRE_COMPOSE"))) {
      throw new AssertionError("docker-compose is not installed, but TW_REQUIRE_COMPOSE=1 requires the compose check");
    }
    assumeTrue(installed, "docker-compose is not installed (apt-get install docker-compose); skipping");
  }

  private static final Map<String, String> SECRETS = Map.ofEntries(Map.entry("TW_PG_ADMIN_PASSWORD", "a"),
      Map.entry("TW_CATALOG_DB_PASSWORD", "c"), Map.entry("TW_ORCHESTRATOR_DB_PASSWORD", "o"),
      Map.entry("TW_MIGRATION_DB_PASSWORD", "m"), Map.entry("TW_RUNTIME_DB_PASSWORD", "r"),
      Map.entry("TW_REGISTRY_DB_PASSWORD", "g"), Map.entry("TW_USERS", "admin=admin:pw"),
      Map.entry("TW_KAFKA_ADMIN_PASSWORD", "ka"), Map.entry("TW_KAFKA_CATALOG_PASSWORD", "kc"),
      Map.entry("TW_KAFKA_ORCHESTRATOR_PASSWORD", "ko"), Map.entry("TW_KAFKA_MIGRATION_PASSWORD", "km"),
      Map.entry("TW_KAFKA_GATE_PASSWORD", "kg"), Map.entry("TW_KAFKA_APP_PASSWORD", "kp"),
      Map.entry("TW_KAFKA_OPERATOR_PASSWORD", "kr"));

  @Test
  void composeFileIsValidWhenSecretsAreGiven() throws Exception {
    Result result = config(SECRETS);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void composeFileRefusesToStartWithoutAPassword() throws Exception {
    for (String secret : SECRETS.keySet()) {
      Map<String, String> withoutIt = new java.util.HashMap<>(SECRETS);
      withoutIt.remove(secret);
      Result result = config(withoutIt);
      assertThat(result.exitCode()).as(secret).isNotZero();
      assertThat(result.output()).contains("set " + secret);
    }
  }

  @Test
  void composeFileDeclaresTheWholeTopology() throws Exception {
    Result services = run(SECRETS, "config", "--services");
    assertThat(services.output().lines()).contains("kafka", "kafka-access", "registry", "postgres", "catalog-service",
        "rollout-orchestrator", "migration-worker", "gate-evaluator");
  }

  private record Result(int exitCode, String output) {}

  private static Result config(Map<String, String> env) throws Exception {
    return run(env, "config", "-q");
  }

  private static Result run(Map<String, String> env, String... args) throws Exception {
    var command = new java.util.ArrayList<>(java.util.List.of("docker-compose", "-f", COMPOSE_FILE.toString()));
    command.addAll(java.util.List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    SECRETS.keySet().forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker-compose finished").isTrue();
    return new Result(process.exitValue(), output);
  }
}
