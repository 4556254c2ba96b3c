package dev.tenantwave.rollout.kafka;

import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.MigrationState;
import dev.tenantwave.events.TenantMigrationProgress;
import dev.tenantwave.events.Topics;
import dev.tenantwave.rollout.Orchestrator;
import dev.tenantwave.rollout.Orchestrator.Received;
import dev.tenantwave.rollout.Orchestrator.StillWorking;
import dev.tenantwave.rollout.release.TenantInput;
import dev.tenantwave.rollout.tenant.MigrationStep;
import dev.tenantwave.rollout.tenant.TenantEvent;
import dev.tenantwave.service.dlq.DecodingGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a batch of verdicts and migration answers into tenant events: undecodable or keyless records go to the
 * DLQ, progress that is not final is skipped, and the rest is applied in one transaction together with the inbox
 * entries of their event ids, so a redelivered batch changes nothing.
 */
public final class ReleaseInputs {

  private final DecodingGuard<GateVerdict> verdicts;
  private final DecodingGuard<TenantMigrationProgress> progress;
  private final Orchestrator orchestrator;

  public ReleaseInputs(DecodingGuard<GateVerdict> verdicts, DecodingGuard<TenantMigrationProgress> progress,
      Orchestrator orchestrator) {
    this.verdicts = verdicts;
    this.progress = progress;
    this.orchestrator = orchestrator;
  }

  public void accept(List<ConsumerRecord<String, byte[]>> records) {
    List<Received> received = new ArrayList<>();
    List<StillWorking> stillWorking = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      decode(record, stillWorking).ifPresent(received::add);
    }
    orchestrator.receive(received, stillWorking);
  }

  private Optional<Received> decode(ConsumerRecord<String, byte[]> record, List<StillWorking> stillWorking) {
    boolean isVerdict = record.topic().equals(Topics.GATE_VERDICTS.name());
    DecodingGuard<?> guard = isVerdict ? verdicts : progress;
    if (record.key() == null || record.value() == null) {
      guard.reject(record, record.key() == null ? "record without a key (the tenant id)" : "tombstone on a delete topic");
      return Optional.empty();
    }
    if (isVerdict) {
      return verdicts.decode(record).flatMap(v -> {
        if (!record.key().equals(v.getTenantId())) {
          verdicts.reject(record, "key '" + record.key() + "' is not the verdict's tenant '" + v.getTenantId() + "'");
          return Optional.empty();
        }
        TenantEvent.Verdict.Outcome outcome = switch (v.getOutcome()) {
          case PASS -> TenantEvent.Verdict.Outcome.PASS;
          case FAIL -> TenantEvent.Verdict.Outcome.FAIL;
          case INCONCLUSIVE -> TenantEvent.Verdict.Outcome.INCONCLUSIVE;
          default -> null;
        };
        if (outcome == null) {
          verdicts.reject(record, "outcome " + v.getOutcome() + " is not PASS, FAIL or INCONCLUSIVE");
          return Optional.empty();
        }
        return Optional.of(new Received(record.topic(), v.getEventId(), new TenantInput(v.getReleaseId(), v.getTenantId(),
            new TenantEvent.Verdict(outcome, v.getGate(), v.getObserved(), v.getThreshold(), v.getBaseline(),
                v.getReason()))));
      });
    }
    return progress.decode(record).flatMap(p -> {
      if (!record.key().equals(p.getTenantId())) {
        progress.reject(record, "key '" + record.key() + "' is not the progress's tenant '" + p.getTenantId() + "'");
        return Optional.empty();
      }
      if (p.getPhase() == dev.tenantwave.events.MigrationPhase.UNKNOWN) {
        progress.reject(record, "phase UNKNOWN");
        return Optional.empty();
      }
      boolean succeeded = p.getState() == MigrationState.SUCCEEDED;
      if (!succeeded && p.getState() != MigrationState.FAILED) {
        stillWorking.add(new StillWorking(p.getReleaseId(), p.getTenantId(), MigrationStep.valueOf(p.getPhase().name()),
            p.getAttempt()));
        return Optional.empty();
      }
      return Optional.of(new Received(record.topic(), p.getEventId(), new TenantInput(p.getReleaseId(), p.getTenantId(),
          new TenantEvent.MigrationFinished(MigrationStep.valueOf(p.getPhase().name()), succeeded, p.getError()))));
    });
  }
}
