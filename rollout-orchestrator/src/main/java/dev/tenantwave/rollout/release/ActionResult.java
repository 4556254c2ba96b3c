package dev.tenantwave.rollout.release;

/** How an operator's action ended: applied, or refused because the release or tenant is unknown or in the wrong state. */
public sealed interface ActionResult {

  record Done(Release release) implements ActionResult {}

  record NotFound(String message) implements ActionResult {}

  record Conflict(String message) implements ActionResult {}
}
