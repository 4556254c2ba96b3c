package dev.tenantwave.metrics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Only the Kafka adapter knows Kafka; no class knows Micronaut, which application teams may not run. */
class MetricsArchitectureTest {

  private static final JavaClasses LIBRARY = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.tenantwave.metrics");

  @Test
  void onlyTheKafkaSinkDependsOnKafka() {
    noClasses().that().doNotHaveSimpleName("KafkaMetricsSink")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..")
        .because("aggregation and publishing are tested without a broker, through MetricsSink")
        .check(LIBRARY);
  }

  @Test
  void nothingDependsOnMicronaut() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("io.micronaut..").check(LIBRARY);
  }
}
