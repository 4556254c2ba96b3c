package dev.tenantwave.rollout.plan;

/** One thing wrong with a plan document: the path of the field (such as {@code regions[1].waves[0].steps[2]}) and what is allowed there. */
public record PlanViolation(String field, String message) {

  @Override
  public String toString() {
    return (field.isEmpty() ? "(document)" : field) + ": " + message;
  }
}
