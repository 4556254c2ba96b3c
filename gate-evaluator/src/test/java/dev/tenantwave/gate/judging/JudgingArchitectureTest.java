package dev.tenantwave.gate.judging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules are a pure core: the Kafka Streams edge and the Micronaut service depend on them, never the reverse. */
class JudgingArchitectureTest {

  private static final JavaClasses GATE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.tenantwave.gate");

  @Test
  void judgingDependsOnNoKafkaOrMicronautType() {
    noClasses().that().resideInAPackage("dev.tenantwave.gate.judging..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.micronaut..",
            "dev.tenantwave.gate.topology..", "dev.tenantwave.gate.streams..", "dev.tenantwave.service..")
        .because("the gate rules are pure functions of specs and totals, tested without a broker")
        .check(GATE);
  }
}
