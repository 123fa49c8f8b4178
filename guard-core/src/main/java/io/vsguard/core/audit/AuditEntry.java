package io.vsguard.core.audit;

import io.vsguard.core.decision.Decision;
import java.util.Objects;

/** What a caller records; the store adds seq, recordedAt and the chain. */
public record AuditEntry(
    AuditRecord.Actor actor,
    AuditRecord.PlanInfo plan,
    AuditRecord.InventorySource inventorySource,
    AuditRecord.PolicyInfo policy,
    Decision decision) {

  public AuditEntry {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(decision.decisionId(), "decision.decisionId");
  }
}
