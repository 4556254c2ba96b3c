package dev.tenantwave.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 6,000 malformed or random requests against every endpoint, as the most powerful user: never a 5xx, always a problem
 * document, and the database exactly as before. Every generated write is invalid by construction (a broken body, a
 * bad id, a refused value, a stale version), so nothing may change.
 */
class FuzzIT {

  private static final int REQUESTS = 6_000;
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};
  private static final String[] PATHS = {
      "/api/v1/tenants", "/api/v1/tenants/%s", "/api/v1/tenants/%s/move", "/api/v1/tenants/%s/residency-change",
      "/api/v1/tenant-imports", "/api/v1/regions/%s", "/api/v1/cells/%s", "/api/v1/clusters/%s",
      "/api/v1/routes/%s", "/api/v1/audit", "/api/v1/%s", "/%s", "/api/v1/tenants?limit=%s",
      "/api/v1/tenants?cursor=%s", "/api/v1/tenants?tier=%s", "/api/v1/audit?cursor=%s&limit=%s"};
  private static final String[] IDS = {
      "fuzz-existing", "Fuzz-Upper", "-leading", "a", "x".repeat(80), "%00", "%2e%2e%2f", "caf%C3%A9", "1234",
      "%20", "a%2Fb", "fuzz-existing%3F", "null", "0", "-1", "99999999999999999999", "%ff%fe"};
  private static final String[] CONTENT_TYPES = {
      "application/json", "text/plain", "application/xml", "application/x-www-form-urlencoded", "", "application/json; charset=latin1",
      "multipart/form-data; boundary=x"};

  static CatalogApp app;
  static String valid;

  @BeforeAll
  static void start() {
    app = CatalogApp.start(Map.of());
    app.seedTopology();
    valid = CatalogApp.tenantJson("fuzz-existing", "eu-west", "eu-west-1", "pg-eu-west-a");
    assertThat(app.call("operator", "POST", "/api/v1/tenants", valid).statusCode()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void shouldAnswerEveryMalformedRequestWithAProblemAndChangeNothing() {
    String before = app.dump();
    Random random = new Random(20261128);
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> serverErrors = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      String method = METHODS[random.nextInt(METHODS.length)];
      String path = PATHS[random.nextInt(PATHS.length)].replace("%s", IDS[random.nextInt(IDS.length)]);
      if (path.contains("%s")) {
        path = path.replace("%s", IDS[random.nextInt(IDS.length)]);
      }
      String body = random.nextInt(8) == 0 ? null : invalidBody(random);
      String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
      Map<String, String> headers = new java.util.HashMap<>();
      if (body != null && !contentType.isEmpty()) {
        headers.put("Content-Type", contentType);
      }
      if (random.nextBoolean()) {
        headers.put("If-Match", random.nextBoolean() ? "\"7\"" : "garbage");
      }
      String role = random.nextInt(10) == 0 ? "viewer" : "admin";
      HttpResponse<String> response;
      try {
        response = app.call(role, method, path, body, headers);
      } catch (IllegalStateException e) {
        if (e.getMessage().contains("Illegal") || e.getMessage().contains("URISyntax")) {
          continue; // the client refuses to send it at all
        }
        throw e;
      }
      statuses.merge(response.statusCode(), 1, Integer::sum);
      if (response.statusCode() >= 500) {
        serverErrors.add(method + " " + path + " " + abbreviate(body) + " -> " + response.body());
      }
      if (response.statusCode() >= 400 && !method.equals("HEAD")) {
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
            .as(method + " " + path + " -> " + response.statusCode()).startsWith("application/problem+json");
      }
    }
    System.out.println("Fuzz status histogram: " + statuses);
    assertThat(serverErrors).isEmpty();
    assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(5_000);
    assertThat(statuses.keySet()).allMatch(status -> status >= 400 || status == 200);
    assertThat(app.dump()).isEqualTo(before);
  }

  /** A body that no endpoint may accept as a change. */
  private static String invalidBody(Random random) {
    return switch (random.nextInt(16)) {
      case 0 -> valid.substring(0, random.nextInt(valid.length()));                       // truncated
      case 1 -> valid.replace("\"SMB\"", "\"GOLD\"");                                    // unknown enum
      case 2 -> valid.replace("\"eu-west-1\"", "\"us-east-1\"");                         // residency breach
      case 3 -> valid.replace("\"fuzz-existing\"", "\"Bad_Id!\"");                      // id pattern
      case 4 -> valid.replace("\"pg-eu-west-a\"", "\"pg-nowhere\"");                     // unknown cluster
      case 5 -> valid.replace("\"owner\":\"team-dach\"", "\"owner\":\"team\",\"version\":99"); // stale version
      case 6 -> "[".repeat(5000) + "]".repeat(5000);                                     // deep nesting
      case 7 -> valid.replace("true", "\"yes\"");                                        // wrong type
      case 8 -> valid.replace("\"SAT\"", "\"FUNDAY\"").replace("\"owner\":\"team-dach\"", "\"owner\":\"t\",\"version\":99");
      case 9 -> "{\"tenants\":[" + valid.replace("\"SMB\"", "\"GOLD\"") + "," + valid + "]}"; // import, bad + dup
      case 10 -> randomBytes(random);
      case 11 -> "{\"jurisdiction\":" + random.nextInt() + ",\"region\":[],\"tenancyModels\":\"POOLED\"}";
      case 12 -> "null";
      case 13 -> "{\"cell\":\"us-east-1\",\"region\":\"nowhere\",\"reason\":\"\"}";
      case 14 -> "{\"displayName\":\"" + "\\u0000".repeat(50) + "\",\"tier\":null}";
      default -> "{\"a\":" + "1".repeat(400) + "}";                                    // huge number
    };
  }

  private static String randomBytes(Random random) {
    char[] chars = new char[random.nextInt(300)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) (random.nextInt(0x2FF) + 1);
    }
    return new String(chars);
  }

  private static String abbreviate(String body) {
    return body == null ? "(no body)" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }
}
