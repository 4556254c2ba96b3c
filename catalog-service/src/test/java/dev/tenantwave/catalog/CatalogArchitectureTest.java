package dev.tenantwave.catalog;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tenantwave.catalog.tenant.Tenant;
import dev.tenantwave.catalog.tenant.TenantController;
import dev.tenantwave.catalog.tenant.TenantDocument;
import dev.tenantwave.catalog.tenant.TenantPage;
import dev.tenantwave.service.problem.Problem;
import dev.tenantwave.service.problem.ProblemException;
import io.micronaut.http.annotation.Controller;

/**
 * The catalog's packages form no cycle; its rules (residency, placement, the shared vocabulary, outcomes) import no
 * HTTP, JDBC, Micronaut or Kafka type and no other catalog package; the services answer with values, and only
 * controllers and {@code web} turn them into HTTP answers; only the tenant API sees the tenant's REST document.
 */
@AnalyzeClasses(packages = "dev.tenantwave.catalog", importOptions = ImportOption.DoNotIncludeTests.class)
class CatalogArchitectureTest {

  /** Micronaut's compile-time bean definitions and introspections ({@code $TenantController$Definition}). */
  private static final String GENERATED = ".*\\.\\$.*";

  private static final DescribedPredicate<JavaClass> HTTP_ANSWERS = resideInAPackage("io.micronaut.http..")
      .or(assignableTo(ProblemException.class))
      .or(equivalentTo(Problem.class))
      .as("HTTP types, ProblemException or Problem documents");

  @ArchTest
  static final ArchRule packagesFormNoCycle = slices().matching("dev.tenantwave.catalog.(*)..")
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule rulesArePlain = noClasses()
      .that().resideInAnyPackage("..catalog.residency..", "..catalog.placement..", "..catalog.vocabulary..",
          "..catalog.outcome..")
      .and().haveNameNotMatching(".*TenantPlacements.*") // the placement lock's JDBC adapter and its bean
      .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta..", "java.sql..", "javax.sql..",
          "org.apache.kafka..",
          "dev.tenantwave.catalog.tenant..", "dev.tenantwave.catalog.topology..", "dev.tenantwave.catalog.outbox..");

  @ArchTest
  static final ArchRule onlyControllersAndWebAnswerInHttp = noClasses()
      .that().resideOutsideOfPackage("..catalog.web..")
      .and().areNotAnnotatedWith(Controller.class)
      .and().haveNameNotMatching(GENERATED)
      .should().dependOnClassesThat(HTTP_ANSWERS)
      .because("services return an Outcome and controllers word its Rejection (web.Rejections)");

  @ArchTest
  static final ArchRule onlyTheTenantApiSeesTheRestDocument = noClasses()
      .that().doNotBelongToAnyOf(TenantController.class, TenantDocument.class, TenantPage.class)
      .and().doNotHaveSimpleName("TenantAuditChanges") // the audit shows a tenant as the API does
      .and().haveNameNotMatching(GENERATED)
      .should().dependOnClassesThat().belongToAnyOf(TenantDocument.class)
      .because("the service, repository, residency and outbox work on the Tenant value");

  @ArchTest
  static final ArchRule tenantValueIsPlain = classes()
      .that().belongToAnyOf(Tenant.class)
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.tenantwave.catalog.tenant..",
          "dev.tenantwave.catalog.residency..", "dev.tenantwave.service.placement..");
}
