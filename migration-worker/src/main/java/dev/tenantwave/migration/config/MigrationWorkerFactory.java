package dev.tenantwave.migration.config;

import dev.tenantwave.catalogview.CatalogView;
import dev.tenantwave.events.KafkaClientSecurity;
import dev.tenantwave.events.TenantMigrationProgress;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.migration.backfill.BackfillSettings;
import dev.tenantwave.migration.catalog.CatalogTenantDirectory;
import dev.tenantwave.migration.command.CommandConsumer;
import dev.tenantwave.migration.command.JdbcInbox;
import dev.tenantwave.migration.command.KafkaProgressPublisher;
import dev.tenantwave.migration.database.ClusterSettings;
import dev.tenantwave.migration.database.ConnectionPools;
import dev.tenantwave.migration.database.JdbcPhaseRunner;
import dev.tenantwave.migration.database.Timeouts;
import dev.tenantwave.migration.retry.RetrySettings;
import dev.tenantwave.migration.run.FleetLimits;
import dev.tenantwave.migration.run.MigrationWorker;
import dev.tenantwave.migration.set.MigrationSetLoader;
import dev.tenantwave.migration.tenancy.PlacementGuard;
import dev.tenantwave.migration.tenancy.Residency;
import dev.tenantwave.migration.tenancy.TenantDirectory;
import dev.tenantwave.service.dlq.DeadLetterRouter;
import dev.tenantwave.service.kafka.GroupMembership;
import dev.tenantwave.service.dlq.DecodingGuard;
import dev.tenantwave.service.placement.PlacementSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Wires the plain core and its JDBC and Kafka adapters from configuration. */
@Factory
class MigrationWorkerFactory {

  @Singleton
  @Bean(preDestroy = "close")
  ConnectionPools connectionPools(List<ClusterConfig> clusters, MigrationSettings settings) {
    return new ConnectionPools(clusters.stream().map(ClusterConfig::toSettings)
        .collect(Collectors.toMap(ClusterSettings::id, Function.identity())),
        settings.getMaxOpenPools(), settings.getPoolIdleTimeout());
  }

  @Singleton
  EventSerdes eventSerdes(@Value("${tenantwave.registry.url}") String registryUrl) {
    return EventSerdes.forRegistry(registryUrl);
  }

  @Singleton
  @Bean(preDestroy = "close")
  CatalogView catalogView(@Value("${kafka.bootstrap.servers}") String bootstrap, EventSerdes serdes) {
    return CatalogView.start(bootstrap, serdes.valueDeserializer(Topics.TENANT_CATALOG), Topics.TENANT_CATALOG.name(),
        Map.of());
  }

  @Singleton
  TenantDirectory tenantDirectory(CatalogView view) {
    return new CatalogTenantDirectory(view);
  }

  @Singleton
  MigrationSetLoader migrationSets(MigrationSettings settings) {
    return new MigrationSetLoader(settings.getMigrationsDirectory() == null ? null
        : Path.of(settings.getMigrationsDirectory()));
  }

  @Singleton
  @Bean(preDestroy = "close")
  JdbcPhaseRunner phaseRunner(ConnectionPools pools, TenantDirectory directory, MigrationSettings settings) {
    BackfillSettings backfill = new BackfillSettings(settings.getTargetBatchMillis(), settings.getMinBatchSize(),
        settings.getMaxBatchSize(), Math.max(settings.getMinBatchSize(), Math.min(1_000, settings.getMaxBatchSize())),
        settings.isThrottle(), settings.getThrottleForegroundDuty(), 1_000);
    return new JdbcPhaseRunner(pools, directory,
        new Timeouts(settings.getLockTimeout(), settings.getStatementTimeout()), RetrySettings.DEFAULT, backfill);
  }

  /** The producer stays inside the publisher: a Producer bean would compete with the dead-letter one. */
  @Singleton
  @Bean(preDestroy = "close")
  KafkaProgressPublisher progressPublisher(@Value("${kafka.bootstrap.servers}") String bootstrap,
      EventSerdes serdes) {
    Producer<String, TenantMigrationProgress> producer = new KafkaProducer<>(
        KafkaProgressPublisher.producerSettings(bootstrap), new StringSerializer(),
        serdes.valueSerializer(Topics.MIGRATION_PROGRESS));
    return new KafkaProgressPublisher(producer);
  }

  @Singleton
  @Bean(preDestroy = "close")
  MigrationWorker migrationWorker(TenantDirectory directory, MigrationSetLoader sets, JdbcPhaseRunner runner,
      KafkaProgressPublisher progress, MigrationSettings settings, PlacementSettings placement) {
    return new MigrationWorker(directory, new Residency(new HashSet<>(settings.getRegions())),
        new PlacementGuard(placement.rule()), sets::load, runner, progress,
        FleetLimits.of(settings.getGlobalConcurrency(), settings.getPerClusterConcurrency()));
  }

  @Context
  @Bean(preDestroy = "close")
  @Requires(property = "tenantwave.migration.consumer-enabled", notEquals = "false")
  CommandConsumer commandConsumer(@Value("${kafka.bootstrap.servers}") String bootstrap, EventSerdes serdes,
      MigrationWorker worker, DataSource dataSource, MigrationSettings settings, DeadLetterRouter deadLetters,
      GroupMembership membership) {
    Map<String, Object> config = new java.util.HashMap<>(membership.consumerSettings());
    config.putAll(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, settings.getConsumerGroup(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100));
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClientSecurity.with(config),
        new StringDeserializer(), new ByteArrayDeserializer());
    CommandConsumer commands = new CommandConsumer(consumer, Topics.MIGRATION_COMMANDS.name(),
        new DecodingGuard<>(serdes.valueDeserializer(Topics.MIGRATION_COMMANDS), deadLetters), worker,
        new JdbcInbox(dataSource, Topics.MIGRATION_COMMANDS.name()));
    commands.start();
    return commands;
  }
}
