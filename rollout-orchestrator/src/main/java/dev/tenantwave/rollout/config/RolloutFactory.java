package dev.tenantwave.rollout.config;

import dev.tenantwave.catalogview.CatalogView;
import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.KafkaClientSecurity;
import dev.tenantwave.events.TenantMigrationProgress;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.messaging.Inbox;
import dev.tenantwave.messaging.Outbox;
import dev.tenantwave.messaging.OutboxRelay;
import dev.tenantwave.messaging.OutboxRelaySettings;
import dev.tenantwave.rollout.Orchestrator;
import dev.tenantwave.rollout.console.ConsoleFeed;
import dev.tenantwave.rollout.console.ConsoleHub;
import dev.tenantwave.rollout.console.ConsoleQueries;
import dev.tenantwave.rollout.console.TenantSignals;
import dev.tenantwave.rollout.api.ReleaseQueries;
import dev.tenantwave.rollout.catalog.CatalogTenants;
import dev.tenantwave.rollout.jdbc.EventSequence;
import dev.tenantwave.rollout.jdbc.ReleaseTransactions;
import dev.tenantwave.rollout.jdbc.WakeupScheduler;
import dev.tenantwave.rollout.kafka.ReleaseInputs;
import dev.tenantwave.rollout.plan.PlanParse;
import dev.tenantwave.rollout.plan.PlanParser;
import dev.tenantwave.rollout.plan.ReleasePlan;
import dev.tenantwave.rollout.release.ReleaseEngine;
import dev.tenantwave.service.dlq.DeadLetterRouter;
import dev.tenantwave.service.dlq.DecodingGuard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The one composition root: the pure core wired to PostgreSQL, Kafka and the catalog. */
@Factory
public class RolloutFactory {

  /** Plans are immutable once a release is created: parsed once per document. */
  private final Map<String, ReleasePlan> plans = new ConcurrentHashMap<>();

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Singleton
  @Bean(preDestroy = "close")
  CatalogView catalogView(@Value("${kafka.bootstrap.servers}") String bootstrap,
      @Value("${tenantwave.registry.url}") String registryUrl) {
    return CatalogView.start(bootstrap, registryUrl);
  }

  @Singleton
  CatalogTenants catalogTenants(CatalogView view) {
    return new CatalogTenants(view);
  }

  @Singleton
  ReleaseTransactions transactions(DataSource dataSource, RolloutSettings settings, Clock clock) {
    Function<String, ReleasePlan> parse = document -> plans.computeIfAbsent(document, d -> {
      PlanParse parsed = PlanParser.parse(d);
      if (parsed instanceof PlanParse.Valid valid) {
        return valid.plan();
      }
      throw new IllegalStateException("stored plan no longer valid: " + ((PlanParse.Invalid) parsed).violations());
    });
    return new ReleaseTransactions(dataSource, parse, new Outbox(), new EventSequence(), clock,
        settings.getCommandTimeout());
  }

  @Singleton
  Orchestrator orchestrator(ReleaseTransactions transactions, CatalogTenants catalog, Clock clock) {
    return new Orchestrator(transactions, new ReleaseEngine(catalog, clock), new Inbox(), catalog::all, clock);
  }

  @Singleton
  ReleaseQueries releaseQueries(DataSource dataSource) {
    return new ReleaseQueries(dataSource);
  }

  @Singleton
  ReleaseInputs releaseInputs(Orchestrator orchestrator, DeadLetterRouter deadLetters,
      @Value("${tenantwave.registry.url}") String registryUrl) {
    EventSerdes serdes = EventSerdes.forRegistry(registryUrl);
    return new ReleaseInputs(new DecodingGuard<GateVerdict>(serdes.valueDeserializer(Topics.GATE_VERDICTS), deadLetters),
        new DecodingGuard<TenantMigrationProgress>(serdes.valueDeserializer(Topics.MIGRATION_PROGRESS), deadLetters),
        orchestrator);
  }

  @Singleton
  @Bean(preDestroy = "close")
  OutboxRelay outboxRelay(DataSource dataSource, @Value("${kafka.bootstrap.servers}") String bootstrap,
      @Value("${tenantwave.registry.url}") String registryUrl, MeterRegistry meters) {
    return new OutboxRelay(dataSource, KafkaClientSecurity.with(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap, ProducerConfig.CLIENT_ID_CONFIG, "rollout-outbox-relay")), registryUrl,
        new OutboxRelaySettings("rollout-outbox-relay", 0x7477_726f_6c6cL, 1000, Duration.ofSeconds(1),
            Duration.ofSeconds(5)), meters);
  }

  @Singleton
  @Bean(preDestroy = "close")
  WakeupScheduler wakeupScheduler(DataSource dataSource, Orchestrator orchestrator) {
    return new WakeupScheduler(dataSource, orchestrator);
  }

  @Singleton
  TenantSignals tenantSignals(ConsoleSettings settings) {
    return new TenantSignals(settings.getMaxTenants(), settings.getVerdictsPerTenant(),
        settings.getWindowsPerTenant());
  }

  @Singleton
  ConsoleHub consoleHub() {
    return new ConsoleHub(ConsoleHub.DEFAULT_BATCH, ConsoleHub.DEFAULT_MAX_BUFFERED);
  }

  @Singleton
  ConsoleQueries consoleQueries(DataSource dataSource) {
    return new ConsoleQueries(dataSource);
  }

  @Singleton
  @Bean(preDestroy = "close")
  ConsoleFeed consoleFeed(@Value("${kafka.bootstrap.servers}") String bootstrap,
      @Value("${tenantwave.registry.url}") String registryUrl, ConsoleSettings settings, TenantSignals signals,
      ConsoleHub hub, Clock clock) {
    return new ConsoleFeed(bootstrap, EventSerdes.forRegistry(registryUrl), settings.getHistory(), signals, hub,
        clock);
  }

  /** Relay, wake-ups and the console's feed start once the server is up; they retry until Flyway has made their tables. */
  @Singleton
  ApplicationEventListener<ServerStartupEvent> startBackground(OutboxRelay relay, WakeupScheduler wakeups,
      ConsoleFeed consoleFeed, ConsoleSettings console) {
    return event -> {
      relay.start();
      wakeups.start();
      if (console.isFeedEnabled()) {
        consoleFeed.start();
      }
    };
  }
}
