package dev.tenantwave.rollout.release;

import dev.tenantwave.rollout.tenant.TenantEvent;

/** What an operator asks of a release; {@code region} null means the whole release. */
public sealed interface OperatorAction {

  String actor();

  String reason();

  record Start(String actor, String reason) implements OperatorAction {}

  record Pause(String actor, String reason, String region) implements OperatorAction {}

  record Resume(String actor, String reason, String region) implements OperatorAction {}

  record Promote(String actor, String reason, String region) implements OperatorAction {}

  record Abort(String actor, String reason) implements OperatorAction {}

  record ApproveContract(String actor, String reason) implements OperatorAction {}

  /** Isolate, roll back or retry one tenant. */
  record ForTenant(String actor, String reason, String tenantId, TenantEvent event) implements OperatorAction {}

  default String name() {
    return switch (this) {
      case Start s -> "start";
      case Pause p -> "pause";
      case Resume r -> "resume";
      case Promote p -> "promote";
      case Abort a -> "abort";
      case ApproveContract a -> "approve-contract";
      case ForTenant t -> switch (t.event()) {
        case TenantEvent.Isolate i -> "isolate";
        case TenantEvent.RollBack r -> "rollback";
        case TenantEvent.Retry r -> "retry";
        default -> t.event().getClass().getSimpleName().toLowerCase();
      };
    };
  }
}
