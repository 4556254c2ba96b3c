package dev.tenantwave.service.health;

import dev.tenantwave.catalogview.CatalogView;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Shows how far the in-process catalog is, in a service that embeds one: ready or not, records not yet applied,
 * whether it waits for the schema registry, records skipped as undecodable. Informational: the registry's own
 * indicator says DOWN during an outage.
 */
@Singleton
@Requires(classes = CatalogView.class)
@Requires(beans = CatalogView.class)
public class CatalogViewHealthIndicator implements HealthIndicator {

  private final CatalogView view;

  public CatalogViewHealthIndicator(CatalogView view) {
    this.view = view;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("ready", view.isReady());
    details.put("tenants", view.size());
    details.put("lag", view.lag());
    details.put("waitingForRegistry", view.isWaitingForRegistry());
    details.put("skippedUndecodable", view.skippedCount());
    return Mono.just(HealthResult.builder("catalogView", HealthStatus.UP).details(details).build());
  }
}
