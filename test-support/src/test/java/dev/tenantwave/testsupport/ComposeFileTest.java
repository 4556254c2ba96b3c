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

  @Test
  void composeFileIsValidWhenSecretsAreGiven() throws Exception {
    Result result = config(Map.of("TW_DB_PASSWORD", "s3cret", "TW_USERS", "admin=admin:pw"));
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void composeFileRefusesToStartWithoutAPassword() throws Exception {
    Result result = config(Map.of("TW_USERS", "admin=admin:pw"));
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("set TW_DB_PASSWORD");
  }

  @Test
  void composeFileDeclaresTheWholeTopology() throws Exception {
    Result services = run(Map.of("TW_DB_PASSWORD", "s3cret", "TW_USERS", "admin=admin:pw"), "config", "--services");
    assertThat(services.output().lines()).contains("kafka", "registry", "postgres", "catalog-service",
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
    builder.environment().remove("TW_DB_PASSWORD");
    builder.environment().remove("TW_USERS");
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker-compose finished").isTrue();
    return new Result(process.exitValue(), output);
  }
}
