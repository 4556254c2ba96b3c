package dev.tenantwave.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.ReleaseTrack;
import dev.tenantwave.events.TenancyModel;
import dev.tenantwave.events.TenantStatus;
import dev.tenantwave.events.TenantTier;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.VerdictOutcome;
import dev.tenantwave.rollout.testing.Catalog;
import dev.tenantwave.rollout.testing.OrchestratorApp;
import dev.tenantwave.rollout.testing.StandIn;
import dev.tenantwave.testsupport.TestInfra;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (headless Chromium through Selenium) on a running release: the real orchestrator,
 * broker, registry and PostgreSQL, the worker and gate stood in for on the real topics. Two tenants' backfills never
 * end, so the release stays running while the browser watches. The browser logs in with HTTP Basic as a user gives
 * it (credentials in the URL, then the browser's own credential cache for fetch and EventSource).
 *
 * <p>Chromium and chromedriver must be on the PATH (Debian: {@code chromium}, {@code chromium-driver}); without them
 * the test fails, so that CI cannot pass without running it. Locally, {@code -Dtw.skipBrowser=true} (or
 * {@code TW_SKIP_BROWSER=1}) skips it.
 */
class ConsoleBrowserIT {

  private static final TestInfra INFRA = TestInfra.get();
  private static final String PREFIX = TestInfra.uniqueId("cb").replace('_', '-');
  private static final String RELEASE = PREFIX + "-rel";
  /** A second, small release that every tenant passes, so that it waits for the admin's contract approval. */
  private static final String CONTRACT_RUN = PREFIX + "-c";
  private static final String CONTRACT_RELEASE = PREFIX + "-rel-c";
  private static final String BAD = PREFIX + "-eu-3";
  private static final String TO_ISOLATE = PREFIX + "-eu-5";
  private static final Path SCREENSHOTS = Path.of("target", "console");

  private static StandIn standIn;
  private static OrchestratorApp app;

  @BeforeAll
  static void start() {
    boolean skip = Boolean.getBoolean("tw.skipBrowser") || "1".equals(System.getenv("TW_SKIP_BROWSER"));
    Assumptions.assumeFalse(skip, "browser test skipped (-Dtw.skipBrowser / TW_SKIP_BROWSER)");
    assertThat(executable("chromium", "chromium-browser", "google-chrome")).as(
        "Chromium is needed for the console's browser test: apt-get install chromium chromium-driver"
            + " (or skip it locally with -Dtw.skipBrowser=true)").isNotNull();
    assertThat(executable("chromedriver")).as("chromedriver (Debian package chromium-driver) is needed").isNotNull();
    INFRA.createTopics();
    standIn = new StandIn(INFRA, PREFIX, Set.of()).endlessBackfill(BAD).endlessBackfill(TO_ISOLATE);
    for (int i = 1; i <= 8; i++) {
      Catalog.publish(standIn, Catalog.tenant(PREFIX, PREFIX + "-eu-" + i, "eu-west", ReleaseTrack.GENERAL,
          i % 2 == 0 ? TenantTier.FREE : TenantTier.SMB, TenancyModel.values()[1 + i % 3], TenantStatus.ACTIVE));
    }
    for (int i = 1; i <= 4; i++) {
      Catalog.publish(standIn, Catalog.tenant(PREFIX, PREFIX + "-us-" + i, "us-east", ReleaseTrack.GENERAL,
          TenantTier.SMB, TenancyModel.values()[1 + i % 3], TenantStatus.ACTIVE));
    }
    for (int i = 1; i <= 2; i++) {
      Catalog.publish(standIn, Catalog.tenant(CONTRACT_RUN, CONTRACT_RUN + "-eu-" + i, "eu-west",
          ReleaseTrack.GENERAL, TenantTier.SMB, TenancyModel.SCHEMA, TenantStatus.ACTIVE));
    }
    standIn.flush();
    app = OrchestratorApp.start(INFRA, OrchestratorApp.newDatabase(INFRA), TestInfra.uniqueId("rollout"), Map.of());
    String plan = """
        releaseId: %2$s
        appVersion: 2.4.0
        previousAppVersion: 2.3.1
        migrationSet: 2026-11-deal-stages
        regionOrder: PARALLEL
        gates: {bakeSeconds: 5, windowSeconds: 1, max5xxRate: 0.1}
        failurePolicy: {maxFailedTenantsPerWave: 1, autoRollback: false}
        regions:
          - region: eu-west
            waves:
              - name: general
                cohort: {tracks: [GENERAL], flags: {%1$s: true}}
          - region: us-east
            waves:
              - name: general
                cohort: {tracks: [GENERAL], flags: {%1$s: true}}
        """.formatted(PREFIX, RELEASE);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> ((Number) app.post(
        "/api/v1/releases/dry-run", plan, OrchestratorApp.VIEWER, Map.class).body().get("tenantCount")).intValue() == 12);
    app.post("/api/v1/releases", plan, OrchestratorApp.OPERATOR, Map.class);
    app.post("/api/v1/releases/" + RELEASE + "/start", "{}", OrchestratorApp.OPERATOR, Map.class);
    String contractPlan = plan.replace(RELEASE, CONTRACT_RELEASE).replace(PREFIX + ": true", CONTRACT_RUN + ": true");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> ((Number) app.post(
        "/api/v1/releases/dry-run", contractPlan, OrchestratorApp.VIEWER, Map.class).body().get("tenantCount"))
        .intValue() == 2);
    app.post("/api/v1/releases", contractPlan, OrchestratorApp.OPERATOR, Map.class);
    app.post("/api/v1/releases/" + CONTRACT_RELEASE + "/start", "{}", OrchestratorApp.OPERATOR, Map.class);
    await().atMost(Duration.ofSeconds(60)).until(() -> status(BAD).equals("MIGRATING")
        && status(TO_ISOLATE).equals("MIGRATING") && status(PREFIX + "-eu-1").equals("PASSED"));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (app != null) {
      app.close();
    }
    if (standIn != null) {
      standIn.close();
    }
  }

  @Test
  void shouldShowFailureLiveLetOperatorIsolateAndShowViewerNoActions() throws IOException {
    WebDriver browser = browser();
    try {
      browser.get(app.urlWithLogin(OrchestratorApp.OPERATOR) + "/console/");
      WebDriverWait wait = redrawTolerant(new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(20)));
      By row = By.cssSelector("tr[data-release='" + RELEASE + "']");
      wait.until(d -> d.findElement(row).getText().contains("RUNNING"));
      assertThat(browser.findElement(row).getText()).contains("2.4.0", "eu-west, us-east");
      browser.findElement(row).findElement(By.linkText(RELEASE)).click();
      wait.until(d -> "12".equals(d.findElement(By.id("grid")).getAttribute("data-rendered")));
      wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
      assertThat(cell(browser, BAD).getAttribute("class")).contains("s-in-progress");
      assertThat(cell(browser, PREFIX + "-eu-1").getAttribute("class")).contains("s-passed");
      assertThat(browser.findElements(By.cssSelector(".region"))).hasSize(2);

      long sent = System.nanoTime();
      Instant failedWindowEnd = failVerdict(BAD);
      wait.until(d -> cell(d, BAD).getAttribute("class").contains("s-failed"));
      long toRedMillis = (System.nanoTime() - sent) / 1_000_000;
      System.out.println("console: FAIL verdict to red cell in the browser: " + toRedMillis + " ms");
      assertThat(toRedMillis).as("a tenant turns red within a second of its FAIL verdict").isLessThan(1_000);

      // the gate's last five 1 s windows of the tenant, its 5xx rate climbing up to the failed window
      for (int i = 4; i >= 0; i--) {
        standIn.gateWindow(RELEASE, BAD, "2.4.0", failedWindowEnd.minusSeconds(i), Duration.ofSeconds(1), 0.31 - 0.05 * i);
      }
      standIn.flush();
      await().atMost(Duration.ofSeconds(20)).until(() -> windowsOf(BAD) == 5);
      wait.until(d -> { // the grid redraws its cells as deltas come: click the one drawn now
        cell(d, BAD).click();
        return true;
      });
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#panel [data-chart=rate] .uplot canvas")));
      for (String chart : List.of("rate", "latency")) {
        wait.until(d -> "5".equals( // 5 windows drawn on each chart
            d.findElement(By.cssSelector("#panel [data-chart=" + chart + "]")).getAttribute("data-windows")));
      }
      wait.until(d -> "1".equals( // the FAIL verdict marked on the window it judged
          d.findElement(By.cssSelector("#panel [data-chart=rate]")).getAttribute("data-markers")));

      // a window that closes while the panel is open is drawn at once
      standIn.gateWindow(RELEASE, BAD, "2.4.0", failedWindowEnd.plusSeconds(1), Duration.ofSeconds(1), 0.4);
      standIn.flush();
      for (String chart : List.of("rate", "latency")) {
        wait.until(d -> "6".equals( // the sixth window drawn on each chart
            d.findElement(By.cssSelector("#panel [data-chart=" + chart + "]")).getAttribute("data-windows")));
      }
      assertThat(browser.findElement(By.cssSelector("#panel .verdicts")).getText())
          .contains("relative-error-rate", "FAIL", "5xx rate 0.31 is 6.2x its own baseline 0.05 (at most 2x)");
      wait.until(d -> d.findElement(By.cssSelector("#panel .progress")).getText().contains("MIGRATE RUNNING"));
      assertThat(browser.findElement(By.cssSelector("#panel .placement")).getText()).contains("cell eu-west-1");
      screenshot(browser, "operator-failed-tenant.png");

      wait.until(d -> { // the grid redraws its cells as deltas come: click the one drawn now
        cell(d, TO_ISOLATE).click();
        return true;
      });
      wait.until(d -> TO_ISOLATE.equals(d.findElement(By.id("panel")).getAttribute("data-tenant"))
          && !d.findElements(By.cssSelector("#panel button[data-action=isolate]")).isEmpty());
      browser.findElement(By.cssSelector("#panel button[data-action=isolate]")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
      assertThat(browser.findElement(By.id("confirm-text")).getText()).contains("Isolate tenant " + TO_ISOLATE);
      browser.findElement(By.id("confirm-reason")).sendKeys("customer asked to wait");
      browser.findElement(By.id("confirm-ok")).click();
      wait.until(d -> cell(d, TO_ISOLATE).getAttribute("class").contains("s-isolated"));
      assertThat(status(TO_ISOLATE)).isEqualTo("ISOLATED");
      assertThat(browser.findElements(By.cssSelector(".actions button[data-action=pause]"))).hasSize(1);
      assertThat(browser.findElements(By.cssSelector("button[data-action=approve-contract]")))
          .as("only an admin may approve the contract").isEmpty();
      screenshot(browser, "operator-isolated-tenant.png");
      gridOfTenThousand(browser);
    } catch (RuntimeException | AssertionError e) {
      dump(browser, "operator");
      throw e;
    } finally {
      browser.quit();
    }

    WebDriver viewer = browser();
    try {
      viewer.get(app.urlWithLogin(OrchestratorApp.VIEWER) + "/console/#/releases/" + RELEASE + "/tenants/" + BAD);
      WebDriverWait wait = redrawTolerant(new WebDriverWait(viewer, Duration.ofSeconds(20), Duration.ofMillis(50)));
      wait.until(d -> "12".equals(d.findElement(By.id("grid")).getAttribute("data-rendered")));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#panel .verdicts")));
      assertThat(viewer.findElement(By.id("who")).getText()).contains("viewer");
      assertThat(cell(viewer, TO_ISOLATE).getAttribute("class")).contains("s-isolated");
      assertThat(viewer.findElements(By.cssSelector("button[data-action]"))).isEmpty();
      screenshot(viewer, "viewer.png");
    } catch (RuntimeException | AssertionError e) {
      dump(viewer, "viewer");
      throw e;
    } finally {
      viewer.quit();
    }
  }

  @Test
  void shouldMakeTheAdminConfirmTheIrreversibleContractAndFollowTheReleaseToItsEnd() throws IOException {
    await().atMost(Duration.ofSeconds(60)).until(() ->
        "AWAITING_CONTRACT_APPROVAL".equals(app.get("/api/v1/releases/" + CONTRACT_RELEASE).get("state")));
    WebDriver admin = browser();
    try {
      admin.get(app.urlWithLogin(OrchestratorApp.ADMIN) + "/console/#/releases/" + CONTRACT_RELEASE);
      WebDriverWait wait = redrawTolerant(new WebDriverWait(admin, Duration.ofSeconds(30), Duration.ofMillis(50)));
      wait.until(d -> "2".equals(d.findElement(By.id("grid")).getAttribute("data-rendered")));
      By approve = By.cssSelector(".actions button[data-action=approve-contract]");
      wait.until(ExpectedConditions.elementToBeClickable(approve)).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-irreversible")));
      assertThat(admin.findElement(By.id("confirm-text")).getText())
          .contains("Approve CONTRACT for release " + CONTRACT_RELEASE, "drops what version 2.3.1 needed");
      assertThat(admin.findElement(By.id("confirm-irreversible")).getText())
          .contains("irreversible", "point of no return", "no tenant of this release can be rolled back");
      screenshot(admin, "admin-approve-contract.png");
      admin.findElement(By.id("confirm-reason")).sendKeys("all regions green");
      admin.findElement(By.id("confirm-ok")).click();
      wait.until(d -> d.findElement(By.cssSelector("h1 .state")).getText().startsWith("COMPLETED"));
      assertThat(admin.findElements(By.cssSelector("#grid .s-passed"))).hasSize(2);
      assertThat((String) app.get("/api/v1/releases/" + CONTRACT_RELEASE).get("approvedBy")).startsWith(
          OrchestratorApp.ADMIN);
    } catch (RuntimeException | AssertionError e) {
      dump(admin, "admin");
      throw e;
    } finally {
      admin.quit();
    }
  }

  @Test
  void shouldChallengeBrowsersForBasicLoginAndStreamOnlyDeltasToViewers() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpResponse<String> anonymous = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(app.url() + "/console/")).header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as("a browser is asked for a login, not redirected").isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));

    java.net.http.HttpResponse<java.io.InputStream> events = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(app.url() + "/console/api/events?release=" + RELEASE))
        .header("Authorization", app.basicAuthorization(OrchestratorApp.VIEWER)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    assertThat(events.statusCode()).isEqualTo(200);
    assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    String tenant = PREFIX + "-us-1";
    java.util.concurrent.CompletableFuture<String> delta = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(events.body()))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("data:") && line.contains(tenant)) {
            return line.substring(5);
          }
        }
        return null;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
      Instant now = Instant.now();
      standIn.send(Topics.GATE_VERDICTS.name(), tenant, GateVerdict.newBuilder().setEventId(UUID.randomUUID())
          .setSequence(2).setTenantId(tenant).setReleaseId(RELEASE).setAppVersion("2.4.0").setWave(0)
          .setGate("latency-p95").setOutcome(VerdictOutcome.INCONCLUSIVE).setReason("only 3 requests in the window")
          .setObserved(480.0).setThreshold(400.0).setBaseline(210.0).setSamples(3)
          .setWindowStart(now.minusSeconds(1)).setWindowEnd(now).setDecidedAt(now).build());
      standIn.flush();
      return delta.isDone();
    });
    String data = delta.get();
    System.out.println("console: a batch on the event stream with the verdict: " + data.length() + " bytes, "
        + (data.split("\"kind\"", -1).length - 1) + " delta(s)");
    assertThat(data).contains("\"kind\":\"verdict\"", "only 3 requests in the window");
    assertThat(java.util.regex.Pattern.compile("\"releaseId\":\"([^\"]+)\"").matcher(data).results()
        .map(m -> m.group(1))).as("deltas of the watched release only").containsOnly(RELEASE);
    assertThat(data).as("deltas, never the release's tenants again").doesNotContain("\"tenants\":{\"id\"");
    events.body().close();

    java.net.http.HttpResponse<String> tenantWithoutRelease = http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(app.url() + "/console/api/events?tenant=" + tenant))
        .header("Authorization", app.basicAuthorization(OrchestratorApp.VIEWER)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(tenantWithoutRelease.statusCode()).isEqualTo(400);
    assertThat(tenantWithoutRelease.body()).contains("tenant-without-release", "?release=");
  }

  /**
   * The console's own grid module, in this browser, with 10,000 tenants: all cells rendered in chunks (no frame
   * blocked for long), then 1,000 state changes applied one by one as deltas are.
   */
  @SuppressWarnings("unchecked")
  private static void gridOfTenThousand(WebDriver browser) {
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    Map<String, Object> took = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        import('/console/grid.js').then(({TenantGrid}) => {
          const n = 10000, c = {id: [], region: [], wave: [], step: [], tier: [], state: [], failed: []};
          for (let i = 0; i < n; i++) {
            c.id.push('t-' + i); c.region.push(i % 3); c.wave.push(i % 4); c.step.push(0); c.tier.push(i % 3);
            c.state.push(i % 7); c.failed.push(false);
          }
          const box = document.createElement('div');
          box.className = 'grid';
          document.body.append(box);
          const states = ['WAITING', 'IN_PROGRESS', 'PASSED', 'FAILED', 'ISOLATED', 'ROLLING_BACK', 'ROLLED_BACK'];
          let longest = 0, last = performance.now();
          const started = last;
          const grid = new TenantGrid(box, c, states, () => {});
          grid.render(() => true);
          const frame = () => {
            const now = performance.now();
            longest = Math.max(longest, now - last);
            last = now;
            if (box.dataset.rendered !== String(n)) { requestAnimationFrame(frame); return; }
            const rendered = now - started;
            const t0 = performance.now();
            for (let i = 0; i < 1000; i++) { c.state[i] = 3; c.failed[i] = true; grid.update(i); }
            const updates = performance.now() - t0;
            const cells = box.querySelectorAll('.s-failed').length;
            box.remove();
            done({rendered, longest, updates, cells});
          };
          requestAnimationFrame(frame);
        });
        """);
    System.out.println("console: 10,000-tenant grid in the browser: " + took);
    assertThat(((Number) took.get("cells")).intValue()).isGreaterThanOrEqualTo(1_000);
    assertThat(((Number) took.get("updates")).doubleValue()).as("1,000 deltas applied, ms").isLessThan(500);
  }

  private static WebElement cell(WebDriver browser, String tenantId) {
    return browser.findElement(By.cssSelector("#grid [data-t='" + tenantId + "']"));
  }

  @SuppressWarnings("unchecked")
  private static int windowsOf(String tenantId) {
    return ((List<Object>) app.get("/console/api/releases/" + RELEASE + "/tenants/" + tenantId).get("windows")).size();
  }

  /** Publishes a FAIL verdict for the tenant's window ending now; the window's end. */
  private static Instant failVerdict(String tenantId) {
    Instant now = Instant.now();
    standIn.send(Topics.GATE_VERDICTS.name(), tenantId, GateVerdict.newBuilder().setEventId(UUID.randomUUID())
        .setSequence(1).setTenantId(tenantId).setReleaseId(RELEASE).setAppVersion("2.4.0").setWave(0)
        .setGate("relative-error-rate").setOutcome(VerdictOutcome.FAIL)
        .setReason("5xx rate 0.31 is 6.2x its own baseline 0.05 (at most 2x)").setObserved(0.31).setThreshold(0.1)
        .setBaseline(0.05).setSamples(420).setWindowStart(now.minusSeconds(1)).setWindowEnd(now).setDecidedAt(now)
        .build());
    standIn.flush();
    return now;
  }

  @SuppressWarnings("unchecked")
  private static String status(String tenantId) {
    List<Map<String, Object>> tenants = (List<Map<String, Object>>) app.get(
        "/api/v1/releases/" + RELEASE + "/tenants?tenant=" + tenantId).get("tenants");
    return tenants.isEmpty() ? "" : (String) tenants.get(0).get("status");
  }

  private static WebDriver browser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(executable("chromium", "chromium-browser", "google-chrome"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(executable("chromedriver"))).build();
    return new ChromeDriver(service, options);
  }

  private static void screenshot(WebDriver browser, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  /** What the browser saw and logged, next to the screenshots, for a failed run. */
  private static void dump(WebDriver browser, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    screenshot(browser, name + "-failure.png");
    Files.writeString(SCREENSHOTS.resolve(name + "-failure.html"), browser.getPageSource());
    StringBuilder log = new StringBuilder();
    browser.manage().logs().get(LogType.BROWSER).forEach(entry -> log.append(entry).append('\n'));
    Files.writeString(SCREENSHOTS.resolve(name + "-console.log"), log);
  }

  private static String executable(String... names) {
    for (String name : names) {
      String found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
          .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The panel redraws its charts (new elements) on each window or verdict: an element found may be gone at once. */
  private static WebDriverWait redrawTolerant(WebDriverWait wait) {
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }
}
