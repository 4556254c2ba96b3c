package dev.tenantwave.events.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The build check: every schema of {@code src/main/avro} must stay backward and forward compatible with every
 * released version kept in {@code src/test/resources/released/<version>/}. Compacted topics keep old snapshots
 * for ever, so the check runs against all releases, not only the last one. To release, copy {@code src/main/avro}
 * to a new version folder.
 */
class ReleasedSchemasCompatibilityTest {

  private static final Path CURRENT = Path.of("src/main/avro");
  private static final Path RELEASED = Path.of("src/test/resources/released");

  @TestFactory
  Stream<DynamicTest> shouldKeepEveryReleasedSchemaReadable() throws IOException {
    Map<String, Schema> current = SchemaFiles.read(CURRENT);
    return releases().stream().map(release -> DynamicTest.dynamicTest("compatible with " + release.getFileName(), () -> {
      Map<String, Schema> released = SchemaFiles.read(release);
      assertThat(released).as("schemas of release %s", release).isNotEmpty();
      List<String> problems = SchemaCompatibilityChecker.checkRelease(released, current);
      assertThat(problems)
          .as("Schema changes since release %s are not backward and forward compatible:%n  %s",
              release.getFileName(), String.join(System.lineSeparator() + "  ", problems))
          .isEmpty();
    }));
  }

  @Test
  void shouldHaveAtLeastOneRelease() throws IOException {
    assertThat(releases()).isNotEmpty();
  }

  private static List<Path> releases() throws IOException {
    try (Stream<Path> folders = Files.list(RELEASED)) {
      return folders.filter(Files::isDirectory).sorted().toList();
    }
  }
}
