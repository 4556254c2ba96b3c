package dev.tenantwave.events.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each failure comes from a real decode against a stand-in registry that answers the way a sick one does. */
class DecodingFailuresTest {

  private static final byte[] UNKNOWN_ID = {0, 0, 0, 0, 42, 1};

  private HttpServer registry;
  private ServerSocket hangingUp;

  @AfterEach
  void stop() throws IOException {
    if (registry != null) {
      registry.stop(0);
    }
    if (hangingUp != null) {
      hangingUp.close();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 408, 429})
  void shouldKeepARecordWhenTheRegistryFailsToAnswer(int status) {
    assertThat(DecodingFailures.isPermanent(decode(registryAnswering(status, "{\"status\":" + status + "}"), UNKNOWN_ID)))
        .isFalse();
  }

  @Test
  void shouldKeepARecordWhenTheRegistryHangsUpOrIsDown() throws IOException {
    assertThat(DecodingFailures.isPermanent(decode(registryThatHangsUp(), UNKNOWN_ID))).isFalse();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    assertThat(DecodingFailures.isPermanent(decode("http://127.0.0.1:" + closedPort, UNKNOWN_ID))).isFalse();
  }

  @Test
  void shouldDeadLetterARecordWhoseSchemaIdTheRegistryDoesNotKnow() {
    assertThat(DecodingFailures.isPermanent(decode(registryAnswering(404, "{\"status\":404}"), UNKNOWN_ID))).isTrue();
  }

  @Test
  void shouldDeadLetterBytesThatAreNotTheWireFormatOrDoNotDecode() {
    String url = registryAnswering(200, TenantCatalogEntry.getClassSchema().toString());
    assertThat(DecodingFailures.isPermanent(decode(url, new byte[] {7, 0, 0, 0, 1, 1}))).isTrue();
    assertThat(DecodingFailures.isPermanent(decode(url, new byte[] {0, 0, 0, 0, 1, 1}))).isTrue();
    assertThat(DecodingFailures.isPermanent(decode(url, new byte[] {0, 0, 0, 0, 1, 2, (byte) 200}))).isTrue();
  }

  @Test
  void shouldDescribeTheWholeChain() {
    Throwable failure = new IllegalStateException("outer", new IOException("inner"));
    assertThat(DecodingFailures.describe(failure)).isEqualTo("outer: inner");
  }

  private static Throwable decode(String registryUrl, byte[] value) {
    Throwable failure = catchThrowable(() ->
        EventSerdes.forRegistry(registryUrl).valueDeserializer(Topics.TENANT_CATALOG).deserialize("t", value));
    assertThat(failure).as("decoding must fail").isNotNull();
    return failure;
  }

  /** Answers every request with this status and body; the schema's references, when asked, are none. */
  private String registryAnswering(int status, String body) {
    try {
      registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry.createContext("/", exchange -> {
      byte[] answer = (exchange.getRequestURI().getPath().endsWith("/references") ? "[]" : body)
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    registry.start();
    return "http://127.0.0.1:" + registry.getAddress().getPort();
  }

  /** Accepts each connection and closes it at once, as a registry restarting under load does. */
  private String registryThatHangsUp() throws IOException {
    hangingUp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      while (!hangingUp.isClosed()) {
        try (Socket ignored = hangingUp.accept()) {
          // closed on purpose
        } catch (IOException e) {
          return;
        }
      }
    }, "hanging-up-registry");
    acceptor.setDaemon(true);
    acceptor.start();
    return "http://127.0.0.1:" + hangingUp.getLocalPort();
  }
}
