package dev.tenantwave.messaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Plain Java: any service wires the module with its own factory, whatever its framework. */
class MessagingArchitectureTest {

  private static final JavaClasses MESSAGING = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.tenantwave.messaging");

  @Test
  void messagingDependsOnNoFrameworkOrService() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta.inject..",
            "dev.tenantwave.service..", "dev.tenantwave.catalog..", "dev.tenantwave.rollout..")
        .because("services depend on the module, never the reverse, and each wires it its own way")
        .check(MESSAGING);
  }
}
