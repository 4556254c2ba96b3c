package dev.tenantwave.events.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.events.evolution.SchemaCompatibilityChecker.Incompatibility;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The checker itself, on fixture schemas (never the real ones): each change of a baseline record, and the verdict. */
class SchemaCompatibilityCheckerTest {

  private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      added-field-with-default               |
      added-nullable-field                   |
      removed-field-with-default             |
      enum-symbol-added-with-enum-default    |
      nested-field-added-with-default        |
      docs-changed                           |
      added-field-without-default            | BACKWARD READER_FIELD_MISSING_DEFAULT_VALUE Account.plan
      removed-field-without-default          | FORWARD READER_FIELD_MISSING_DEFAULT_VALUE Account.owner
      enum-symbol-added-without-enum-default | FORWARD MISSING_ENUM_SYMBOLS Account.tier
      int-widened-to-long                    | FORWARD TYPE_MISMATCH Account.seats
      string-changed-to-int                  | BACKWARD TYPE_MISMATCH Account.owner; FORWARD TYPE_MISMATCH Account.owner
      nested-field-added-without-default     | BACKWARD READER_FIELD_MISSING_DEFAULT_VALUE Account.contacts[].email
      record-renamed                         | BACKWARD NAME_MISMATCH Customer; FORWARD NAME_MISMATCH Account
      """)
  void shouldJudgeEachChangeOfTheBaseline(String change, String expected) throws IOException {
    List<Incompatibility> problems = SchemaCompatibilityChecker.check(fixture("Account-v1"), fixture(change));

    List<String> summary = problems.stream().map(p -> p.direction() + " " + p.type() + " " + p.field()).toList();
    List<String> wanted = expected == null ? List.of() : Arrays.stream(expected.split(";")).map(String::strip).toList();
    assertThat(summary).as(problems.toString()).containsExactlyInAnyOrderElementsOf(wanted);
  }

  @Test
  void shouldSayWhichFieldAndWhyInTheMessage() throws IOException {
    List<Incompatibility> problems =
        SchemaCompatibilityChecker.check(fixture("Account-v1"), fixture("enum-symbol-added-without-enum-default"));

    assertThat(problems).singleElement().hasToString(
        "dev.tenantwave.fixtures.Account is not FORWARD compatible (old reader, new data): Account.tier: enum symbols"
            + " unknown to the reader and the reader's enum has no default ([ENTERPRISE], at /fields/4/type/symbols)");
  }

  @Test
  void shouldRefuseARemovedSchemaOfARelease() throws IOException {
    Schema account = fixture("Account-v1");

    assertThat(SchemaCompatibilityChecker.checkRelease(Map.of(account.getFullName(), account), Map.of()))
        .containsExactly("dev.tenantwave.fixtures.Account was released but no longer exists");
    assertThat(SchemaCompatibilityChecker.checkRelease(
        Map.of(account.getFullName(), account), Map.of(account.getFullName(), fixture("added-field-with-default"))))
        .isEmpty();
  }

  private static Schema fixture(String name) throws IOException {
    return new Schema.Parser().parse(FIXTURES.resolve(name + ".avsc").toFile());
  }
}
