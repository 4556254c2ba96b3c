package dev.tenantwave.rollout.plan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The plan is plain Java and SnakeYAML: the dry run, the CLI and the orchestrator can all use it as it is. */
@AnalyzeClasses(packages = "dev.tenantwave.rollout.plan", importOptions = ImportOption.DoNotIncludeTests.class)
class PlanArchitectureTest {

  @ArchTest
  static final ArchRule planUsesOnlyJavaAndSnakeYaml = classes()
      .that().resideInAPackage("dev.tenantwave.rollout.plan..")
      .should().onlyDependOnClassesThat()
      .resideInAnyPackage("java..", "org.yaml.snakeyaml..", "dev.tenantwave.rollout.plan..");

  @ArchTest
  static final ArchRule planImportsNoInfrastructure = noClasses()
      .that().resideInAPackage("dev.tenantwave.rollout.plan..")
      .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.apache.kafka..",
          "org.apache.avro..", "io.micronaut..", "dev.tenantwave.events..");
}
