package dev.tenantwave.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantwave.cli.Credentials;
import dev.tenantwave.cli.Endpoints;
import dev.tenantwave.cli.ServiceClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "isolation-audit",
    description = {"List what lets one tenant see another's rows in the databases of pooled tenants: tables with a",
        "tenant column whose row-level security is disabled, not forced or without a policy, and login roles that",
        "bypass it (asks the migration worker). Exit 0 when there is nothing to fix, 1 otherwise (or refused),",
        "3 when the worker cannot be reached."})
public class IsolationAuditCommand implements Callable<Integer> {

  static final String PATH = "/api/v1/isolation-audit";

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the audit document as the migration worker returns it.")
  boolean json;

  @Option(names = "--url", description = "Migration worker base URL (default: TW_MIGRATION_URL, else the ./tw up one).")
  String url;

  @Option(names = "--user", paramLabel = "USER:PASSWORD",
      description = "Call as this user (default: TW_USER and TW_PASSWORD, else the viewer in .tw/credentials).")
  String user;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper mapper = new ObjectMapper();

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    String endpoint = (url == null ? Endpoints.services().get("migration-worker") : url) + PATH;
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(60))
          .header("Authorization", Credentials.of(user, "viewer").basicAuthorization())
          .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ServiceClient.Unavailable("cannot reach the migration worker at " + endpoint + " ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
    if (response.statusCode() >= 500) {
      throw new ServiceClient.Unavailable(endpoint + " answered " + response.statusCode()
          + problemDetail(response.body()));
    }
    if (response.statusCode() != 200) {
      throw new ServiceClient.Refused(endpoint + " answered " + response.statusCode() + problemDetail(response.body()));
    }
    if (json) {
      out.println(response.body());
    }
    boolean clean = true;
    JsonNode audits = mapper.readTree(response.body());
    if (audits.isEmpty() && !json) {
      out.println("no database holds pooled tenants of the regions this worker serves: nothing to audit");
    }
    for (JsonNode audit : audits) {
      String database = audit.path("cluster").asText() + "/" + audit.path("database").asText();
      JsonNode findings = audit.path("findings");
      String error = audit.path("error").asText(null);
      clean &= error == null && findings.isEmpty();
      if (json) {
        continue;
      }
      if (error != null) {
        out.printf("%-30s NOT AUDITED  %s%n", database, error);
      } else if (findings.isEmpty()) {
        out.printf("%-30s OK%n", database);
      } else {
        out.printf("%-30s %d finding%s%n", database, findings.size(), findings.size() == 1 ? "" : "s");
        for (JsonNode finding : findings) {
          out.printf("  %-18s %-28s %s%n", finding.path("kind").asText(), finding.path("object").asText(),
              finding.path("detail").asText());
        }
      }
    }
    return clean ? 0 : 1;
  }

  private String problemDetail(String body) {
    try {
      JsonNode problem = mapper.readTree(body);
      String detail = problem.path("detail").asText(problem.path("title").asText(""));
      return detail.isBlank() ? "" : ": " + detail;
    } catch (IOException e) {
      return body == null || body.isBlank() ? "" : ": " + body;
    }
  }
}
