package dev.tenantwave.rollout.tenant;

import java.util.List;

/** The result of an event for one tenant: a new state with its effects, nothing (stale or repeated), or a refusal. */
public sealed interface Transition {

  record Applied(TenantRollout next, List<Effect> effects) implements Transition {}

  /** Late, repeated or out-of-order input: it changes nothing (a verdict for a tenant already rolled back). */
  record Ignored(String why) implements Transition {}

  /** An operator's command that does not apply in the tenant's state; answered as a conflict. */
  record Rejected(String why) implements Transition {}

  static Transition to(TenantRollout next, Effect... effects) {
    return new Applied(next, List.of(effects));
  }
}
