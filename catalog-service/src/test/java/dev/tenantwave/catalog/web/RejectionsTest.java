package dev.tenantwave.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantwave.catalog.outcome.Outcome;
import dev.tenantwave.catalog.outcome.Rejection;
import dev.tenantwave.service.problem.Problem;
import dev.tenantwave.service.problem.Problem.Violation;
import dev.tenantwave.service.problem.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RejectionsTest {

  @ParameterizedTest
  @CsvSource({
      "INVALID,             id-mismatch,         422, Unprocessable request",
      "INVALID,             invalid-tenant,      422, Invalid tenant",
      "INVALID,             residency-violation, 422, Residency violation",
      "INVALID,             unknown-reference,   422, Unknown reference",
      "INVALID,             placement-refused,   422, Placement refused",
      "INVALID,             import-refused,      422, Bulk import refused",
      "CONFLICT,            version-conflict,    409, Conflict",
      "CONFLICT,            tenant-exists,       409, Conflict",
      "NOT_FOUND,           not-found,           404, Not found",
      "PRECONDITION_FAILED, version-mismatch,    412, Precondition failed",
      "TOO_LARGE,           import-too-large,    413, Too many tenants"})
  void shouldAnswerEachRejectionWithItsStatusAndTheTitleOfItsType(Rejection.Kind kind, String type, int status,
                                                                  String title) {
    Problem problem = Rejections.problem(new Rejection(kind, type, "what to change", List.of()));

    assertThat(problem.status()).isEqualTo(status);
    assertThat(problem.title()).isEqualTo(title);
    assertThat(problem.type()).isEqualTo(Problem.TYPE_BASE + type);
    assertThat(problem.detail()).isEqualTo("what to change");
    assertThat(problem.errors()).as("no errors member without violations").isNull();
  }

  @Test
  void shouldListEveryViolationOfTheRejection() {
    List<Violation> rows = List.of(new Violation(0, "a-1", "tier", "tier 'GOLD' is not one of [...]"),
        new Violation(3, "a-4", "cell", "cell 'x' does not exist"));

    Problem problem = Rejections.problem(Rejection.invalid("import-refused", "2 of 4 rows were refused", rows));

    assertThat(problem.errors()).isEqualTo(rows);
  }

  @Test
  void shouldPassTheValueThroughAndThrowTheRejectionAsItsProblem() {
    assertThat(Rejections.valueOrProblem(Outcome.done("written"))).isEqualTo("written");
    assertThatThrownBy(() -> Rejections.valueOrProblem(Outcome.rejected(Rejection.notFound("no tenant 'x'"))))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.problem().status()).isEqualTo(404);
          assertThat(e.problem().detail()).isEqualTo("no tenant 'x'");
        });
  }
}
