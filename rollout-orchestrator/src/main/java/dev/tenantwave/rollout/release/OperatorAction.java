package dev.tenantwave.rollout.release;

import dev.tenantwave.rollout.tenant.TenantEvent;

/** What an operator asks of a release; {@code region} null means the whole release. */
public sealed interface OperatorAction {

  String actor();

  String reason();

  record Start(String actor, String reason) implements OperatorAction {
    public String name() {
      return "start";
    }
  }

  record Pause(String actor, String reason, String region) implements OperatorAction {
    public String name() {
      return "pause";
    }
  }

  record Resume(String actor, String reason, String region) implements OperatorAction {
    public String name() {
      return "resume";
    }
  }

  record Promote(String actor, String reason, String region) implements OperatorAction {
    public String name() {
      return "promote";
    }
  }

  record Abort(String actor, String reason) implements OperatorAction {
    public String name() {
      return "abort";
    }
  }

  record ApproveContract(String actor, String reason) implements OperatorAction {
    public String name() {
      return "approve-contract";
    }
  }

  /** Isolate, roll back or retry one tenant. */
  record ForTenant(String actor, String reason, String tenantId, TenantEvent event) implements OperatorAction {
    public String name() {
      return event instanceof TenantEvent.Isolate ? "isolate" : event instanceof TenantEvent.RollBack ? "rollback"
          : "retry";
    }
  }

  /** The action's name in the audit log and the API path. */
  String name();

  /** The region it applies to, or null for the whole release. */
  default String region() {
    return null;
  }
}
