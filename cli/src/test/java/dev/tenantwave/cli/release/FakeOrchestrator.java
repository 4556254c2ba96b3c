package dev.tenantwave.cli.release;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server that answers like the rollout orchestrator with canned documents: per method and path, the
 * answers in turn, the last one repeated. It records every request.
 */
final class FakeOrchestrator implements AutoCloseable {

  record Request(String method, String path, String query, String contentType, String authorization, String body) {}

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeOrchestrator() throws IOException {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  FakeOrchestrator answer(String method, String path, int status, String body) {
    answers.computeIfAbsent(method + " " + path, key -> new ArrayDeque<>()).add(new Answer(status, body));
    return this;
  }

  String url() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  static String problem(int status, String title, String detail) {
    return "{\"type\":\"https://tenantwave.dev/problems/x\",\"title\":\"" + title + "\",\"status\":" + status
        + ",\"detail\":\"" + detail + "\"}";
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    requests.add(new Request(method, path, exchange.getRequestURI().getRawQuery(),
        exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Authorization"),
        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    Deque<Answer> queue = answers.get(method + " " + path);
    Answer answer;
    synchronized (this) {
      answer = queue == null ? new Answer(501, problem(501, "No canned answer", method + " " + path))
          : queue.size() > 1 ? queue.poll() : queue.peek();
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type",
        answer.status() < 400 ? "application/json" : "application/problem+json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
