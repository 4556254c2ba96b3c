package dev.tenantwave.rollout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core (plan, tenant, release) imports no JDBC, Kafka, Avro or Micronaut type: those live in the adapters. */
@AnalyzeClasses(packages = "dev.tenantwave.rollout", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreIsPlain = noClasses()
      .that().resideInAnyPackage("..rollout.plan..", "..rollout.tenant..", "..rollout.release..")
      .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.apache.kafka..",
          "org.apache.avro..", "io.micronaut..", "dev.tenantwave.events..", "dev.tenantwave.messaging..",
          "dev.tenantwave.rollout.jdbc..", "dev.tenantwave.rollout.kafka..", "dev.tenantwave.rollout.api..",
          "dev.tenantwave.rollout.config..", "dev.tenantwave.rollout.catalog..");
}
