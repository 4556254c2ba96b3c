package dev.tenantwave.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The catalog's packages form no cycle, and its rules (residency, placement, the shared vocabulary) import no HTTP,
 * JDBC, Micronaut or Kafka type and no other catalog package: the services and controllers depend on them.
 */
@AnalyzeClasses(packages = "dev.tenantwave.catalog", importOptions = ImportOption.DoNotIncludeTests.class)
class CatalogArchitectureTest {

  @ArchTest
  static final ArchRule packagesFormNoCycle = slices().matching("dev.tenantwave.catalog.(*)..")
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule rulesArePlain = noClasses()
      .that().resideInAnyPackage("..catalog.residency..", "..catalog.placement..", "..catalog.vocabulary..")
      .and().haveNameNotMatching(".*TenantPlacements.*") // the placement lock's JDBC adapter and its bean
      .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta..", "java.sql..", "javax.sql..",
          "org.apache.kafka..",
          "dev.tenantwave.catalog.tenant..", "dev.tenantwave.catalog.topology..", "dev.tenantwave.catalog.outbox..");

  @ArchTest
  static final ArchRule onlyControllersAndServicesSpeakHttp = noClasses()
      .that().resideInAnyPackage("..catalog.residency..", "..catalog.placement..", "..catalog.vocabulary..",
          "..catalog.outbox..")
      .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.http..");
}
