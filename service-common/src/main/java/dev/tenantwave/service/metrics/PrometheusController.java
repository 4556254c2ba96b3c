package dev.tenantwave.service.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;

/** Serves every meter in the Prometheus text format at {@code /metrics}, where scrapers look by default. */
@Controller("/metrics")
@Secured(SecurityRule.IS_ANONYMOUS)
public class PrometheusController {

  private final PrometheusMeterRegistry registry;

  public PrometheusController(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Operation(summary = "Prometheus metrics")
  @Get(produces = "text/plain; version=0.0.4; charset=utf-8")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public String scrape() {
    return registry.scrape();
  }
}
