package dev.tenantwave.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Brute force against HTTP Basic is logged and throttled per user and per source, over real HTTP. */
class LoginThrottleTest {

  static final String ENV = "login-throttle-test";
  final HttpClient http = HttpClient.newHttpClient();
  final ListAppender<ILoggingEvent> log = new ListAppender<>();
  EmbeddedServer server;

  @Controller("/api/v1/door")
  @Requires(env = ENV)
  static class DoorController {
    @Get
    @Secured(Role.VIEWER_NAME)
    Map<String, String> open() {
      return Map.of("door", "open");
    }
  }

  @BeforeEach
  void start() {
    log.start();
    ((Logger) LoggerFactory.getLogger(LoginThrottle.class)).addAppender(log);
    server = ApplicationContext.run(EmbeddedServer.class, Map.of(
        "micronaut.server.port", -1,
        "datasources.default.url", "jdbc:postgresql://127.0.0.1:1/none",
        "datasources.default.username", "nobody", "datasources.default.password", "unused",
        "flyway.datasources.default.enabled", false,
        "tenantwave.security.users", "viewer=vic:v-pw,viewer=val:val-pw",
        "tenantwave.security.login-throttle.per-user", 5,
        "tenantwave.security.login-throttle.per-source", 20,
        "tenantwave.security.login-throttle.period", "1m"), ENV);
  }

  @AfterEach
  void stop() {
    server.close();
    ((Logger) LoggerFactory.getLogger(LoginThrottle.class)).detachAppender(log);
  }

  @Test
  void shouldThrottleAUserAfterItsFailedLoginsAndLogThemWithoutThePassword() throws Exception {
    Map<Integer, Long> statuses = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      statuses.merge(get("vic", "guess-" + i).statusCode(), 1L, Long::sum);
    }
    assertThat(statuses.get(401)).as("checked passwords " + statuses).isLessThanOrEqualTo(6);
    assertThat(statuses.get(429)).as("throttled " + statuses).isGreaterThanOrEqualTo(294);

    HttpResponse<String> throttled = get("vic", "v-pw");
    assertThat(throttled.statusCode()).as("even the right password waits").isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).get().satisfies(
        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
    assertThat(throttled.body()).contains("login-throttled");
    assertThat(get("val", "val-pw").statusCode()).as("another user from the same source").isEqualTo(200);

    List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("Failed login", "'vic'", "127.0.0.1"));
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("throttled", "'vic'"));
    assertThat(String.join("\n", lines)).doesNotContain("guess-");
  }

  @Test
  void shouldThrottleASourceTryingManyUsers() throws Exception {
    Map<Integer, Long> statuses = java.util.stream.IntStream.range(0, 100)
        .mapToObj(i -> get("user" + i, "x").statusCode())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(statuses.get(401)).as(statuses.toString()).isLessThanOrEqualTo(21);
    assertThat(statuses.get(429)).as(statuses.toString()).isGreaterThanOrEqualTo(79);
    assertThat(get("vic", "v-pw").statusCode()).as("the source is throttled for every user").isEqualTo(429);
    assertThat(log.list.stream().map(ILoggingEvent::getFormattedMessage))
        .anySatisfy(line -> assertThat(line).contains("throttled", "source 127.0.0.1"));
  }

  private HttpResponse<String> get(String user, String password) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/door")).header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
