package dev.tenantwave.rollout.plan;

import java.util.List;

/** The outcome of reading a plan document: a plan, or every violation found in it. */
public sealed interface PlanParse permits PlanParse.Valid, PlanParse.Invalid {

  record Valid(ReleasePlan plan) implements PlanParse {}

  record Invalid(List<PlanViolation> violations) implements PlanParse {
    public Invalid {
      violations = List.copyOf(violations);
    }
  }
}
