package dev.tenantwave.e2e.probe;

import dev.tenantwave.demo.rest.Users;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Raw HTTP as a prober needs it: any method, any bytes, any credentials; a failure to connect is an answer too. */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A status, or {@code status} -1 and what went wrong on the wire (refused, reset). */
  record Answer(int status, String body, Map<String, String> headers, String failure) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The status as a histogram key: the number, or the failure's kind. */
    String key() {
      return status >= 0 ? Integer.toString(status) : failure;
    }
  }

  private Http() {}

  static String basic(Users.User user) {
    return "Basic " + Base64.getEncoder().encodeToString(user.credentials().getBytes(StandardCharsets.UTF_8));
  }

  static Answer send(String method, String url, String authorization, String contentType, byte[] body) {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    } catch (IllegalArgumentException e) {
      return new Answer(-1, "", Map.of(), "unsendable");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> headers = new LinkedHashMap<>();
      response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
          String.join(",", values)));
      return new Answer(response.statusCode(), response.body(), headers, null);
    } catch (IOException e) {
      return new Answer(-1, "", Map.of(), failureOf(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static Answer send(String method, String url, String authorization, String contentType, String body) {
    return send(method, url, authorization, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  private static String failureOf(IOException e) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "refused";
      }
      root = t;
    }
    String text = (root.getClass().getSimpleName() + " " + root.getMessage()).toLowerCase(Locale.ROOT);
    if (text.contains("refused")) {
      return "refused";
    }
    if (text.contains("reset") || text.contains("closed") || text.contains("eof") || text.contains("broken pipe")) {
      return "reset";
    }
    return root.getClass().getSimpleName();
  }
}
