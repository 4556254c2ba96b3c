package dev.tenantwave.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.IExitCodeGenerator;

/**
 * Calls one Tenantwave service over HTTP as the user of the role each call needs, and turns what goes wrong into an
 * exception that carries its exit code: {@link Refused} (4xx, with the problem document's detail and field errors)
 * or {@link Unavailable} (no answer, or 5xx).
 */
public final class ServiceClient {

  private static final Map<Integer, String> REASONS = Map.of(400, "Bad Request", 401, "Unauthorized",
      403, "Forbidden", 404, "Not Found", 409, "Conflict", 412, "Precondition Failed", 422, "Unprocessable Content",
      500, "Internal Server Error", 503, "Service Unavailable");

  private final String service;
  private final String baseUrl;
  private final Function<String, Credentials> credentialsForRole;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper mapper = new ObjectMapper();

  public ServiceClient(String service, String baseUrl, Function<String, Credentials> credentialsForRole) {
    this.service = service;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.credentialsForRole = credentialsForRole;
  }

  public String get(String path, String role) throws InterruptedException {
    return send("GET", path, role, HttpRequest.BodyPublishers.noBody(), null);
  }

  public String post(String path, String role, String contentType, String body) throws InterruptedException {
    return send("POST", path, role, HttpRequest.BodyPublishers.ofString(body), contentType);
  }

  private String send(String method, String path, String role, HttpRequest.BodyPublisher body, String contentType)
      throws InterruptedException {
    Credentials caller = credentialsForRole.apply(role);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", caller.basicAuthorization())
        .header("Accept", "application/json, application/problem+json")
        .method(method, body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unavailable("cannot reach the " + service + " at " + baseUrl + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
    int status = response.statusCode();
    if (status >= 500) {
      throw new Unavailable("the " + service + " at " + baseUrl + " failed " + method + " " + path + ": "
          + problem(status, response.body()));
    }
    if (status >= 400) {
      String hint = switch (status) {
        case 401 -> " (called as " + caller.user() + "; check --user, TW_USER and TW_PASSWORD, or .tw/credentials)";
        case 403 -> " (called as " + caller.user() + "; this needs the " + role + " role)";
        default -> "";
      };
      String problem = problem(status, response.body());
      int firstLineEnd = problem.contains("\n") ? problem.indexOf('\n') : problem.length();
      throw new Refused("the " + service + " refused " + method + " " + path + ": "
          + problem.substring(0, firstLineEnd) + hint + problem.substring(firstLineEnd));
    }
    return response.body();
  }

  /** "409 Conflict: detail", then one "  field: detail" line per entry of the problem's {@code errors}. */
  private String problem(int status, String body) {
    JsonNode problem;
    try {
      problem = body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
    } catch (IOException notJson) {
      return status + " " + REASONS.getOrDefault(status, "") + ": " + abbreviate(body);
    }
    StringBuilder text = new StringBuilder().append(status).append(' ')
        .append(problem.path("title").asText(REASONS.getOrDefault(status, "")));
    if (!problem.path("detail").asText("").isBlank()) {
      text.append(": ").append(problem.path("detail").asText());
    }
    for (JsonNode error : problem.path("errors")) {
      String where = error.hasNonNull("field") ? error.get("field").asText()
          : error.hasNonNull("id") ? error.get("id").asText()
          : error.hasNonNull("row") ? "row " + error.get("row").asText() : "(request)";
      text.append("\n  ").append(where).append(": ").append(error.path("detail").asText());
    }
    return text.toString();
  }

  private static String abbreviate(String body) {
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
  }

  /** The service answered 4xx: the request, not the service, needs to change. */
  public static final class Refused extends RuntimeException implements IExitCodeGenerator {
    public Refused(String message) {
      super(message);
    }

    @Override
    public int getExitCode() {
      return ExitCodes.REFUSED;
    }
  }

  /** No answer, or 5xx: worth retrying later. */
  public static final class Unavailable extends RuntimeException implements IExitCodeGenerator {
    public Unavailable(String message) {
      super(message);
    }

    @Override
    public int getExitCode() {
      return ExitCodes.UNAVAILABLE;
    }
  }
}
