package dev.tenantwave.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tenantwave.cli.Tw;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CLI side of the isolation audit: it calls the migration worker as the given user and turns the audit document
 * into one line per database and finding, with an exit code a pipeline can gate on. (The audit itself runs on real
 * PostgreSQL in the migration worker's IsolationIT and MigrationWorkerKafkaIT.)
 */
class IsolationAuditCommandTest {

  private static final String FINDINGS = """
      [{"cluster":"pg-eu-west-a","database":"crm","findings":[
        {"kind":"RLS_NOT_FORCED","object":"public.deals","detail":"row-level security is not forced"},
        {"kind":"ROLE_BYPASSES_RLS","object":"postgres","detail":"is a superuser and can log in"}],"error":null},
       {"cluster":"pg-eu-west-b","database":"crm","findings":[],"error":null}]""";

  private HttpServer worker;
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void stop() {
    worker.stop(0);
  }

  @Test
  void listsEveryFindingPerDatabaseAndExitsOneWhenThereIsSomethingToFix() throws IOException {
    String url = serve(200, FINDINGS);

    int exit = run("isolation-audit", "--url", url, "--user", "ann:secret");

    assertThat(exit).isEqualTo(1);
    assertThat(authorization.get()).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString("ann:secret".getBytes(StandardCharsets.UTF_8)));
    assertThat(out.toString().lines().toList()).satisfiesExactly(
        line -> assertThat(line).startsWith("pg-eu-west-a/crm").endsWith("2 findings"),
        line -> assertThat(line).contains("RLS_NOT_FORCED", "public.deals", "not forced"),
        line -> assertThat(line).contains("ROLE_BYPASSES_RLS", "postgres", "superuser"),
        line -> assertThat(line).startsWith("pg-eu-west-b/crm").endsWith("OK"));
  }

  @Test
  void exitsZeroWhenEveryDatabaseIsClean() throws IOException {
    String url = serve(200, "[{\"cluster\":\"pg-1\",\"database\":\"crm\",\"findings\":[],\"error\":null}]");

    assertThat(run("isolation-audit", "--url", url, "--user", "ann:secret")).isZero();
    assertThat(out.toString()).contains("pg-1/crm", "OK");
  }

  @Test
  void aDatabaseThatCouldNotBeAuditedIsNotClean() throws IOException {
    String url = serve(200, "[{\"cluster\":\"pg-1\",\"database\":\"crm\",\"findings\":[],"
        + "\"error\":\"could not audit: connection refused\"}]");

    assertThat(run("isolation-audit", "--url", url, "--user", "ann:secret")).isEqualTo(1);
    assertThat(out.toString()).contains("NOT AUDITED", "connection refused");
  }

  @Test
  void refusedCallsShowTheProblemDetail() throws IOException {
    String url = serve(401, "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
        + "\"detail\":\"unknown user or wrong password\"}");

    assertThat(run("isolation-audit", "--url", url, "--user", "ann:wrong")).isEqualTo(1);
    assertThat(err.toString()).contains("answered 401", "unknown user or wrong password");
  }

  @Test
  void aMalformedUserOptionIsExplained() throws IOException {
    String url = serve(200, "[]");

    assertThat(run("isolation-audit", "--url", url, "--user", "ann")).isEqualTo(1);
    assertThat(err.toString()).contains("--user must be USER:PASSWORD");
  }

  private int run(String... args) {
    CommandLine tw = Tw.commandLine();
    tw.setOut(new PrintWriter(out, true));
    tw.setErr(new PrintWriter(err, true));
    return tw.execute(args);
  }

  private String serve(int status, String body) throws IOException {
    worker = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    worker.createContext(IsolationAuditCommand.PATH, exchange -> {
      authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    worker.start();
    return "http://localhost:" + worker.getAddress().getPort();
  }
}
