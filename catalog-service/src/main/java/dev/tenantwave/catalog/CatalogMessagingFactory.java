package dev.tenantwave.catalog;

import dev.tenantwave.catalog.outbox.OutboxRelayConfig;
import dev.tenantwave.events.KafkaClientSecurity;
import dev.tenantwave.messaging.AuditLog;
import dev.tenantwave.messaging.Outbox;
import dev.tenantwave.messaging.OutboxRelay;
import dev.tenantwave.messaging.OutboxRelaySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The shared messaging module ({@code dev.tenantwave.messaging}) wired into the catalog. */
@Factory
class CatalogMessagingFactory {

  /** Unchanged from the catalog's own relay, so old and new instances exclude and fence each other in a rollout. */
  static final String TRANSACTIONAL_ID = "catalog-outbox-relay";
  static final long LEADER_LOCK = 0x7477_6f75_7462L; // "twoutb"

  @Singleton
  Outbox outbox() {
    return new Outbox();
  }

  @Singleton
  AuditLog auditLog() {
    return new AuditLog();
  }

  /** Started with the application; one instance publishes at a time, the others stand by. */
  @Context
  @Bean(preDestroy = "close")
  @Requires(property = "tenantwave.outbox.enabled", notEquals = "false")
  OutboxRelay outboxRelay(DataSource dataSource, @Nullable DataSourceResolver resolver, OutboxRelayConfig config,
                          @Value("${kafka.bootstrap.servers}") String kafkaBootstrap,
                          @Value("${tenantwave.registry.url}") String registryUrl, MeterRegistry meters) {
    // micronaut-data's transaction-aware proxy refuses connections outside a transaction; the relay needs the pool.
    DataSource pool = resolver == null ? dataSource : resolver.resolve(dataSource);
    String bootstrap = config.getBootstrapServers() == null ? kafkaBootstrap : config.getBootstrapServers();
    OutboxRelay relay = new OutboxRelay(pool,
        KafkaClientSecurity.with(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)),
        registryUrl, new OutboxRelaySettings(TRANSACTIONAL_ID, LEADER_LOCK, config.getBatchSize(),
            config.getPollInterval(), config.getMaxBackoff()), meters);
    relay.start();
    return relay;
  }
}
