package dev.tenantwave.cli.health;

import dev.tenantwave.cli.Endpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "health", description = "Show whether each service and what it depends on is healthy. Exit 1 if any is not.")
public class HealthCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print each service's /health document as it is.")
  boolean json;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Override
  public Integer call() throws InterruptedException {
    var out = spec.commandLine().getOut();
    boolean allUp = true;
    for (Map.Entry<String, String> service : Endpoints.services().entrySet()) {
      String url = service.getValue() + "/health";
      String line;
      try {
        HttpResponse<String> response = http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        boolean up = response.statusCode() == 200;
        allUp &= up;
        line = json ? service.getKey() + " " + response.body()
            : String.format("%-22s %-5s %s", service.getKey(), up ? "UP" : "DOWN", up ? url : response.body());
      } catch (IOException e) {
        allUp = false;
        line = String.format("%-22s %-5s %s is unreachable: %s", service.getKey(), "DOWN", url, e);
      }
      out.println(line);
    }
    return allUp ? 0 : 1;
  }
}
