package dev.tenantwave.cli.release;

import dev.tenantwave.cli.release.ReleaseDocuments.ReleaseDetail;

/**
 * What an operator can ask of a release or of one of its tenants: the path the orchestrator takes it on, the role
 * it needs, and whether it must say why (abort, approve-contract, isolate and rollback are refused locally without a
 * reason; the orchestrator records it in the audit log).
 */
enum ReleaseAction {
  START("start", "operator", false, false),
  PAUSE("pause", "operator", false, false),
  RESUME("resume", "operator", false, false),
  PROMOTE("promote", "operator", false, false),
  ABORT("abort", "operator", true, false),
  APPROVE_CONTRACT("approve-contract", "admin", true, false),
  ISOLATE("isolate", "operator", true, true),
  ROLLBACK("rollback", "operator", true, true),
  RETRY("retry", "operator", false, true);

  static final String REASON_HELP = "Why: the orchestrator records it in the audit log with your name.";
  static final String REQUIRED_REASON_HELP = "Why (required): the orchestrator records it in the audit log with"
      + " your name.";

  final String path;
  final String role;
  final boolean reasonRequired;
  final boolean perTenant;

  ReleaseAction(String path, String role, boolean reasonRequired, boolean perTenant) {
    this.path = path;
    this.role = role;
    this.reasonRequired = reasonRequired;
    this.perTenant = perTenant;
  }

  /** Asks the orchestrator, then prints the release as it answered. Region is null for the whole release. */
  int perform(RolloutOptions rollout, String releaseId, String tenantId, String region, String reason)
      throws InterruptedException {
    if (reasonRequired && (reason == null || reason.isBlank())) {
      throw rollout.usage("'tw release " + (perTenant ? "tenant " : "") + path + "' needs --reason \"…\": the"
          + " orchestrator records why in the audit log");
    }
    String document = rollout.client().act(this, releaseId, tenantId, region, reason);
    rollout.print(document, json -> path + " " + (tenantId == null ? "" : tenantId + " in ") + releaseId
        + (region == null ? "" : " (" + region + ")") + ": done\n\n" + ReleaseText.of(ReleaseDocuments.read(json,
        ReleaseDetail.class)));
    return 0;
  }
}
