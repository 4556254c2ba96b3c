package dev.tenantwave.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.cli.Credentials;
import dev.tenantwave.cli.ServiceClient;
import dev.tenantwave.cli.Tw;
import dev.tenantwave.cli.release.FakeOrchestrator.Request;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code tw release} against a local HTTP server that answers like the rollout orchestrator: what each command
 * sends, what it prints, and the exit code a pipeline sees. (Against the real orchestrator: the end-to-end module.)
 */
class ReleaseCommandsTest {

  private static final String RELEASE = "/api/v1/releases/r-2024-05-crm";

  private final FakeOrchestrator orchestrator = new FakeOrchestrator();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path dir;

  ReleaseCommandsTest() throws IOException {}

  @AfterEach
  void stop() {
    orchestrator.close();
  }

  @Test
  void shouldPlanAYamlFileAsYamlAndPrintThePlan() throws IOException {
    Path plan = Files.writeString(dir.resolve("release.yaml"), "releaseId: r-2024-05-crm\nappVersion: 2.4.0\n");
    orchestrator.answer("POST", "/api/v1/releases/dry-run", 200, Fixtures.json("plan-view.json"));

    int exit = tw("release", "plan", plan.toString());

    assertThat(exit).isZero();
    assertThat(orchestrator.requests()).singleElement().satisfies(request -> {
      assertThat(request.contentType()).isEqualTo("application/yaml");
      assertThat(request.body()).isEqualTo("releaseId: r-2024-05-crm\nappVersion: 2.4.0\n");
      assertThat(request.authorization()).isEqualTo(basic("ann:secret"));
    });
    assertThat(out.toString()).startsWith("release r-2024-05-crm  2.3.1 -> 2.4.0").contains("1. eu-west",
        "mega-corp (enterprise) has no maintenance window", "skipped 2 tenants");
  }

  @Test
  void shouldSendAJsonPlanAsJsonAndPrintTheDocumentUnchangedWithOutputJson() throws IOException {
    Path plan = Files.writeString(dir.resolve("release.json"), "{\"releaseId\":\"r-2024-05-crm\"}");
    orchestrator.answer("POST", "/api/v1/releases/dry-run", 200, Fixtures.json("plan-view.json"));

    int exit = tw("release", "plan", plan.toString(), "--output", "json");

    assertThat(exit).isZero();
    assertThat(orchestrator.requests()).singleElement().extracting(Request::contentType)
        .isEqualTo("application/json");
    assertThat(out.toString()).isEqualTo(Fixtures.json("plan-view.json") + System.lineSeparator());
  }

  @Test
  void shouldCreateADraftReleaseAndSayHowToStartIt() throws IOException {
    Path plan = Files.writeString(dir.resolve("release.yml"), "releaseId: r-2024-05-crm\n");
    orchestrator.answer("POST", "/api/v1/releases", 201, Fixtures.json("plan-view.json"));

    int exit = tw("release", "create", plan.toString());

    assertThat(exit).isZero();
    assertThat(orchestrator.requests()).singleElement().extracting(Request::contentType)
        .isEqualTo("application/yaml");
    assertThat(out.toString()).startsWith("created r-2024-05-crm (DRAFT); start it with: tw release start"
        + " r-2024-05-crm").contains("1. eu-west", "2. us-east");
  }

  @Test
  void shouldPrintTheProblemAndEachFieldErrorWhenThePlanIsInvalid() throws IOException {
    Path plan = Files.writeString(dir.resolve("release.yaml"), "releaseId: r-2024-05-crm\n");
    orchestrator.answer("POST", "/api/v1/releases", 422, """
        {"type":"https://tenantwave.dev/problems/invalid-plan","title":"Invalid release plan","status":422,
         "detail":"2 problem(s) in the plan; each names its field","errors":[
           {"field":"waves[1].steps[0]","detail":"percent must be between 1 and 100, was 0"},
           {"field":"appVersion","detail":"must not be blank"}]}""");

    int exit = tw("release", "create", plan.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines().toList()).containsExactly(
        "tw: the rollout orchestrator refused POST /api/v1/releases: 422 Invalid release plan: 2 problem(s) in the"
            + " plan; each names its field",
        "  waves[1].steps[0]: percent must be between 1 and 100, was 0",
        "  appVersion: must not be blank");
  }

  @Test
  void shouldPrintTheDetailWhenTheReleaseStateDoesNotAllowTheAction() {
    orchestrator.answer("POST", RELEASE + "/start", 409, FakeOrchestrator.problem(409, "Conflict",
        "release r-2024-05-crm is COMPLETED; only a DRAFT release can be started"));

    int exit = tw("release", "start", "r-2024-05-crm");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("tw: the rollout orchestrator refused POST " + RELEASE + "/start: 409"
        + " Conflict: release r-2024-05-crm is COMPLETED; only a DRAFT release can be started"
        + System.lineSeparator());
  }

  @Test
  void shouldSayWhenTheReleaseIsUnknown() {
    orchestrator.answer("GET", "/api/v1/releases/r-nope", 404,
        FakeOrchestrator.problem(404, "Not Found", "no release 'r-nope'"));

    assertThat(tw("release", "status", "r-nope")).isEqualTo(1);
    assertThat(err.toString()).contains("GET /api/v1/releases/r-nope: 404 Not Found: no release 'r-nope'");
  }

  @Test
  void shouldExplainAWrongLogin() {
    orchestrator.answer("GET", "/api/v1/releases", 401, "");

    assertThat(tw("release", "status")).isEqualTo(1);
    assertThat(err.toString()).contains("refused GET /api/v1/releases: 401 Unauthorized (called as ann; check"
        + " --user, TW_USER and TW_PASSWORD, or .tw/credentials)");
  }

  @Test
  void shouldNameTheRoleAForbiddenActionNeeds() {
    orchestrator.answer("POST", RELEASE + "/approve-contract", 403,
        FakeOrchestrator.problem(403, "Forbidden", "needs the admin role"));

    assertThat(tw("release", "approve-contract", "r-2024-05-crm", "--reason", "all green for a week")).isEqualTo(1);
    assertThat(err.toString()).contains("403 Forbidden: needs the admin role (called as ann; this needs the admin"
        + " role)");
  }

  @Test
  void shouldExitThreeWithOneLineNamingTheUrlWhenTheOrchestratorIsUnreachable() throws IOException {
    String closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = "http://localhost:" + socket.getLocalPort();
    }

    int exit = run("release", "status", "r-2024-05-crm", "--url", closed, "--user", "ann:secret");

    assertThat(exit).isEqualTo(3);
    assertThat(err.toString().lines().toList()).singleElement().asString()
        .startsWith("tw: cannot reach the rollout orchestrator at " + closed + " (ConnectException");
  }

  @Test
  void shouldExitThreeWhenTheOrchestratorFails() throws IOException {
    Path plan = Files.writeString(dir.resolve("release.yaml"), "releaseId: r-2024-05-crm\n");
    orchestrator.answer("POST", "/api/v1/releases/dry-run", 503, FakeOrchestrator.problem(503,
        "Service unavailable", "the tenant catalog is still being read from Kafka; try again in a few seconds"));

    assertThat(tw("release", "plan", plan.toString())).isEqualTo(3);
    assertThat(err.toString()).isEqualTo("tw: the rollout orchestrator at " + orchestrator.url() + " failed POST"
        + " /api/v1/releases/dry-run: 503 Service unavailable: the tenant catalog is still being read from Kafka;"
        + " try again in a few seconds" + System.lineSeparator());
  }

  @ParameterizedTest
  @CsvSource({"abort r-2024-05-crm", "approve-contract r-2024-05-crm", "tenant isolate r-2024-05-crm acme",
      "tenant rollback r-2024-05-crm acme"})
  void shouldRefuseLocallyWithoutAReasonWhereOneIsRequired(String command) {
    String[] words = ("release " + command).split(" ");

    assertThat(tw(words)).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--reason=TEXT'");
    assertThat(tw(append(words, "--reason", "  "))).isEqualTo(2);
    assertThat(err.toString()).contains("needs --reason \"…\": the orchestrator records why in the audit log");
    assertThat(orchestrator.requests()).isEmpty();
  }

  @Test
  void shouldSendTheReasonAndRegionOfAnActionAndPrintTheReleaseAfterIt() {
    orchestrator.answer("POST", RELEASE + "/pause", 200, Fixtures.json("release-stopped-on-failures.json"));

    int exit = tw("release", "pause", "r-2024-05-crm", "--region", "eu-west", "--reason", "error budget spent");

    assertThat(exit).isZero();
    assertThat(orchestrator.requests()).singleElement().satisfies(request -> {
      assertThat(request.contentType()).isEqualTo("application/json");
      assertThat(request.body()).isEqualTo("{\"reason\":\"error budget spent\",\"region\":\"eu-west\"}");
    });
    assertThat(out.toString()).startsWith("pause r-2024-05-crm (eu-west): done\n\nrelease r-2024-05-crm  RUNNING").contains("eu-west  PAUSED", "failed tenants");
  }

  @Test
  void shouldActOnOneTenantOfARelease() {
    orchestrator.answer("POST", RELEASE + "/tenants/globex/retry", 200, Fixtures.json("release-running.json"));

    assertThat(tw("release", "tenant", "retry", "r-2024-05-crm", "globex")).isZero();
    assertThat(orchestrator.requests()).singleElement().extracting(Request::body).isEqualTo("{}");
    assertThat(out.toString()).startsWith("retry globex in r-2024-05-crm: done");
  }

  @Test
  void shouldFilterTenantsByRegionWaveAndState() {
    orchestrator.answer("GET", RELEASE + "/tenants", 200, Fixtures.json("tenants.json"));

    assertThat(tw("release", "tenants", "r-2024-05-crm", "--region", "eu-west", "--wave", "1", "--state", "failed"))
        .isZero();
    assertThat(orchestrator.requests()).singleElement().extracting(Request::query)
        .isEqualTo("region=eu-west&wave=1&state=FAILED");
    assertThat(out.toString()).contains("acme", "GATE error-rate-5xx observed 0.081", "3 tenants");
  }

  @Test
  void shouldListTheReleasesWithoutAnIdAndShowOneWithIt() {
    orchestrator.answer("GET", "/api/v1/releases", 200, Fixtures.json("releases.json"))
        .answer("GET", RELEASE, 200, Fixtures.json("release-running.json"));

    assertThat(tw("release", "status")).isZero();
    assertThat(out.toString()).startsWith("RELEASE").contains("r-2024-04-crm");
    assertThat(tw("release", "status", "r-2024-05-crm")).isZero();
    assertThat(out.toString()).contains("> step 1  100%  RUNNING");
  }

  @Test
  void shouldWatchUntilTheReleaseSettlesPrintingOneLinePerChange() {
    orchestrator.answer("GET", RELEASE, 200, Fixtures.json("release-running.json"))
        .answer("GET", RELEASE, 200, Fixtures.json("release-running.json"))
        .answer("GET", RELEASE, 200, Fixtures.json("release-awaiting-contract.json"));

    int exit = tw("release", "watch", "r-2024-05-crm", "--interval", "100ms");

    assertThat(exit).isZero();
    assertThat(orchestrator.requests()).hasSize(3);
    assertThat(out.toString().lines().toList()).satisfiesExactly(
        line -> assertThat(line).startsWith("r-2024-05-crm RUNNING | eu-west RUNNING"),
        line -> assertThat(line).startsWith("r-2024-05-crm AWAITING_CONTRACT_APPROVAL (every region completed"));
  }

  @Test
  void shouldExitFourWhenFailuresStopTheWatchedRelease() {
    orchestrator.answer("GET", RELEASE, 200, Fixtures.json("release-stopped-on-failures.json"));

    assertThat(tw("release", "watch", "r-2024-05-crm", "--interval", "100ms")).isEqualTo(4);
    assertThat(err.toString()).startsWith("tw: release r-2024-05-crm stopped on failures: eu-west is paused");
  }

  @Test
  void shouldRefuseAnIntervalThatWouldLoadTheOrchestrator() {
    assertThat(tw("release", "watch", "r-2024-05-crm", "--interval", "10ms")).isEqualTo(2);
    assertThat(err.toString()).contains("at least 100ms");
    assertThat(orchestrator.requests()).isEmpty();
  }

  @Test
  void shouldTreatAPlanThatIsNeitherYamlNorJsonOrAMalformedUserAsUsageErrors() throws IOException {
    Path plan = Files.writeString(dir.resolve("release.txt"), "releaseId: r-2024-05-crm\n");

    assertThat(tw("release", "plan", plan.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("the plan must be a .yaml, .yml or .json file");
    assertThat(run("release", "status", "--url", orchestrator.url(), "--user", "ann")).isEqualTo(2);
    assertThat(err.toString()).contains("--user must be USER:PASSWORD");
    assertThat(orchestrator.requests()).isEmpty();
  }

  @Test
  void shouldDocumentTheExitCodesInEachCommandsHelp() {
    for (String command : List.of("plan", "abort", "status")) {
      out.getBuffer().setLength(0);
      assertThat(run("release", command, "--help")).isZero();
      assertThat(out.toString()).contains("Exit codes:", "0   Success.", "1   Refused", "2   Usage error",
          "3   The service is unreachable or failed (5xx).");
    }
    out.getBuffer().setLength(0);
    run("release", "watch", "--help");
    assertThat(out.toString()).contains("3   The service is unreachable", "4   watch: failures stopped the release");
  }

  @Test
  void shouldCallEachEndpointAsTheRoleItNeeds() throws Exception {
    RolloutClient client = new RolloutClient(new ServiceClient("rollout orchestrator", orchestrator.url(),
        role -> new Credentials(role + "-user", "pw")));
    orchestrator.answer("POST", RELEASE + "/approve-contract", 200, Fixtures.json("release-running.json"))
        .answer("POST", RELEASE + "/abort", 200, Fixtures.json("release-running.json"))
        .answer("GET", RELEASE, 200, Fixtures.json("release-running.json"));

    client.act(ReleaseAction.APPROVE_CONTRACT, "r-2024-05-crm", null, null, "ok");
    client.act(ReleaseAction.ABORT, "r-2024-05-crm", null, null, "no");
    client.detail("r-2024-05-crm");

    assertThat(orchestrator.requests()).extracting(Request::authorization)
        .containsExactly(basic("admin-user:pw"), basic("operator-user:pw"), basic("viewer-user:pw"));
  }

  /** Runs tw as ann against the fake orchestrator. */
  private int tw(String... args) {
    return run(append(args, "--url", orchestrator.url(), "--user", "ann:secret"));
  }

  private int run(String... args) {
    err.getBuffer().setLength(0);
    CommandLine tw = Tw.commandLine();
    tw.setOut(new PrintWriter(out, true));
    tw.setErr(new PrintWriter(err, true));
    return tw.execute(args);
  }

  private static String[] append(String[] args, String... more) {
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  private static String basic(String userAndPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }
}
