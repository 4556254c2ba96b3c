package dev.tenantwave.migration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain core imports no JDBC, Kafka or Micronaut type: those live in the adapters at the edge. */
@AnalyzeClasses(packages = "dev.tenantwave.migration", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreIsPlain = noClasses()
      .that().resideInAnyPackage("..migration.set..", "..migration.history..", "..migration.retry..",
          "..migration.backfill..", "..migration.tenancy..", "..migration.run..")
      .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.apache.kafka..",
          "io.micronaut..", "dev.tenantwave.events..", "dev.tenantwave.migration.database..");
}
