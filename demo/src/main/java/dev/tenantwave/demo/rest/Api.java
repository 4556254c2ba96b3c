package dev.tenantwave.demo.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A service's REST API as a client outside it sees it: JSON (or YAML) over HTTP with Basic authentication. */
public final class Api {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** An answer: its status and body, whatever the status. */
  public record Response(int status, String body) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("not JSON (status " + status + "): " + body, e);
      }
    }

    /** This answer, or a failure naming what was asked and what came back when the status is not {@code expected}. */
    public Response expect(int expected, String what) {
      if (status != expected) {
        throw new IllegalStateException(what + ": expected HTTP " + expected + ", got " + status + ": " + body);
      }
      return this;
    }
  }

  private final String baseUrl;

  public Api(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public Response get(String path, Users.User as) {
    return send(request(path, as).GET());
  }

  public Response putJson(String path, Object body, Users.User as) {
    return send(request(path, as).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(toJson(body))));
  }

  public Response postJson(String path, Object body, Users.User as) {
    return post(path, toJson(body), "application/json", as);
  }

  public Response post(String path, String body, String contentType, Users.User as) {
    return send(request(path, as).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder request(String path, Users.User as) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    if (as != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          as.credentials().getBytes(StandardCharsets.UTF_8)));
    }
    return request;
  }

  private static Response send(HttpRequest.Builder request) {
    HttpRequest built = request.build();
    try {
      HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(built.method() + " " + built.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + built.method() + " " + built.uri(), e);
    }
  }

  private static String toJson(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
