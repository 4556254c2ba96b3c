package dev.tenantwave.rollout.plan;

/**
 * One thing wrong with a plan document: the path of its field, such as {@code regions[1].waves[0].steps[2]} (empty
 * for the document as a whole), and what is allowed there.
 */
public record PlanViolation(String field, String message) {

  @Override
  public String toString() {
    return (field.isEmpty() ? "(document)" : field) + ": " + message;
  }
}
