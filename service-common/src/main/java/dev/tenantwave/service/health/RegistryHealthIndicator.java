package dev.tenantwave.service.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** DOWN, naming the registry URL, when the schema registry does not answer its system-info call. */
@Singleton
@Requires(property = "tenantwave.registry.url")
public class RegistryHealthIndicator implements HealthIndicator {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final String registryUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public RegistryHealthIndicator(@Value("${tenantwave.registry.url}") String registryUrl) {
    this.registryUrl = registryUrl;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Mono.fromCallable(() -> DependencyCheck.check("schemaRegistry", "Schema registry", registryUrl, () -> {
      HttpRequest request = HttpRequest.newBuilder(URI.create(registryUrl + "/apis/registry/v3/system/info"))
          .timeout(TIMEOUT).GET().build();
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode() + " from " + request.uri());
      }
      return Map.of();
    })).subscribeOn(Schedulers.boundedElastic());
  }
}
