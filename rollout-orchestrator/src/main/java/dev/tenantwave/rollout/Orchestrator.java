package dev.tenantwave.rollout;

import dev.tenantwave.rollout.jdbc.JdbcReleases;
import dev.tenantwave.rollout.jdbc.ReleaseTransactions;
import dev.tenantwave.rollout.jdbc.Wakeup;
import dev.tenantwave.rollout.jdbc.Wakeups;
import dev.tenantwave.rollout.plan.CatalogTenant;
import dev.tenantwave.rollout.plan.PlanParse;
import dev.tenantwave.rollout.plan.PlanParser;
import dev.tenantwave.rollout.plan.PlannedRelease;
import dev.tenantwave.rollout.plan.Planner;
import dev.tenantwave.rollout.release.ActionResult;
import dev.tenantwave.rollout.release.OperatorAction;
import dev.tenantwave.rollout.release.ReleaseEngine;
import dev.tenantwave.rollout.release.TenantInput;
import dev.tenantwave.rollout.tenant.MigrationStep;
import dev.tenantwave.rollout.tenant.TenantEvent;
import java.time.Instant;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import dev.tenantwave.messaging.Inbox;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The orchestrator's use cases, each one transaction: plan and create a release, act on it, and apply what the
 * gate, the worker and the clock report.
 */
public final class Orchestrator {

  private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);

  /** A plan that could not be created: invalid, or its id is taken. */
  public sealed interface Created {
    record Done(PlannedRelease release) implements Created {}
    record Invalid(PlanParse.Invalid invalid) implements Created {}
    record Duplicate(String releaseId) implements Created {}
    record TenantsBusy(List<String> tenants) implements Created {}
  }

  private final ReleaseTransactions transactions;
  private final ReleaseEngine engine;
  private final Inbox inbox;
  private final Supplier<Collection<CatalogTenant>> catalog;
  private final Clock clock;

  public Orchestrator(ReleaseTransactions transactions, ReleaseEngine engine, Inbox inbox,
      Supplier<Collection<CatalogTenant>> catalog, Clock clock) {
    this.transactions = transactions;
    this.engine = engine;
    this.inbox = inbox;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** The full plan of a document against the catalog as it is now; no side effect. */
  public PlanParse dryRun(String document, java.util.function.Consumer<PlannedRelease> planned) {
    PlanParse parse = PlanParser.parse(document);
    if (parse instanceof PlanParse.Valid valid) {
      planned.accept(Planner.plan(valid.plan(), catalog.get(), clock.instant()));
    }
    return parse;
  }

  public Created create(String document, String actor) {
    PlanParse parse = PlanParser.parse(document);
    if (parse instanceof PlanParse.Invalid invalid) {
      return new Created.Invalid(invalid);
    }
    PlannedRelease planned = Planner.plan(((PlanParse.Valid) parse).plan(), catalog.get(), clock.instant());
    return transactions.inTransaction((connection, store) -> {
      List<String> busy = JdbcReleases.busyTenants(connection, planned);
      if (!busy.isEmpty()) {
        return new Created.TenantsBusy(busy);
      }
      if (!JdbcReleases.create(connection, planned, document, actor)) {
        return new Created.Duplicate(planned.plan().releaseId());
      }
      store.audit(actor, "create", planned.plan().releaseId(), null, planned.tenantCount() + " tenants planned");
      return new Created.Done(planned);
    });
  }

  public ActionResult act(String releaseId, OperatorAction action) {
    try (MDC.MDCCloseable r = MDC.putCloseable("releaseId", releaseId);
         MDC.MDCCloseable t = MDC.putCloseable("tenantId",
             action instanceof OperatorAction.ForTenant forTenant ? forTenant.tenantId() : null)) {
      ActionResult result = transactions.inTransaction((connection, store) -> engine.act(store, releaseId, action));
      LOG.info("{} by {} ({}): {}", action.name(), action.actor(), action.reason(),
          result instanceof ActionResult.Done ? "done" : result);
      return result;
    }
  }

  /** An event from a topic, with the id the inbox dedupes it by. */
  public record Received(String topic, UUID eventId, TenantInput input) {}

  /** Progress that is not final yet: the worker is working on the tenant's step. */
  public record StillWorking(String releaseId, String tenantId, MigrationStep step, int attempt) {}

  /**
   * Applies events of any releases in one transaction with their inbox entries (an event seen before changes
   * nothing), releases in id order so that two instances never deadlock.
   */
  public void receive(List<Received> received, List<StillWorking> stillWorking) {
    if (received.isEmpty() && stillWorking.isEmpty()) {
      return;
    }
    transactions.inTransaction((connection, store) -> {
      Instant deadline = clock.instant().plus(transactions.commandTimeout());
      Wakeups.extendDeadlines(connection, stillWorking.stream().map(w -> new Wakeup(w.releaseId(), w.tenantId(),
          Wakeup.Kind.COMMAND_TIMEOUT, w.step(), w.attempt(), deadline)).toList());
      Set<UUID> fresh = new HashSet<>();
      Map<String, List<UUID>> idsByTopic = received.stream().collect(Collectors.groupingBy(Received::topic,
          Collectors.mapping(Received::eventId, Collectors.toList())));
      for (Map.Entry<String, List<UUID>> entry : idsByTopic.entrySet()) {
        fresh.addAll(inbox.claimAll(connection, entry.getValue(), entry.getKey()));
      }
      Map<String, List<TenantInput>> byRelease = received.stream().filter(r -> fresh.remove(r.eventId()))
          .map(Received::input)
          .collect(Collectors.groupingBy(TenantInput::releaseId, TreeMap::new, Collectors.toList()));
      byRelease.forEach((releaseId, events) -> {
        try (MDC.MDCCloseable r = MDC.putCloseable("releaseId", releaseId)) {
          engine.onTenantEvents(store, releaseId, events);
        }
      });
      return null;
    });
  }

  /** Takes due wake-ups and applies them in the same transaction; returns how many were due. */
  public int wakeDue(int limit) {
    return transactions.inTransaction((connection, store) -> {
      List<Wakeup> due = Wakeups.takeDue(connection, limit);
      Map<String, List<TenantInput>> byRelease = due.stream().map(Orchestrator::toInput)
          .collect(Collectors.groupingBy(TenantInput::releaseId, TreeMap::new, Collectors.toList()));
      byRelease.forEach((releaseId, events) -> engine.onTenantEvents(store, releaseId, events));
      return due.size();
    });
  }

  private static TenantInput toInput(Wakeup wakeup) {
    TenantEvent event = switch (wakeup.kind()) {
      case COMMAND_TIMEOUT -> new TenantEvent.CommandTimedOut(wakeup.step(), wakeup.attempt());
      case WINDOW_OPENS -> new TenantEvent.WindowOpened();
    };
    return new TenantInput(wakeup.releaseId(), wakeup.tenantId(), event);
  }
}
