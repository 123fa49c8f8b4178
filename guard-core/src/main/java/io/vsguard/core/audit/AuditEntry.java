package io.vsguard.core.audit;

import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.FindingsJson;
import java.util.Objects;

/** What a caller records; the store adds seq, recordedAt and the chain. */
public record AuditEntry(
    AuditRecord.Actor actor,
    AuditRecord.PlanInfo plan,
    AuditRecord.InventorySource inventorySource,
    AuditRecord.PolicyInfo policy,
    Decision decision,
    FindingsJson.Precomputed findingsJson) {

  /**
   * {@code findingsJson}: the decision's findings written ahead ({@link FindingsJson}), or null;
   * ignored unless they are that decision's own list.
   */
  public AuditEntry(
      AuditRecord.Actor actor,
      AuditRecord.PlanInfo plan,
      AuditRecord.InventorySource inventorySource,
      AuditRecord.PolicyInfo policy,
      Decision decision) {
    this(actor, plan, inventorySource, policy, decision, null);
  }

  public AuditEntry {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(decision.decisionId(), "decision.decisionId");
    if (findingsJson != null && !findingsJson.of(decision)) {
      findingsJson = null;
    }
  }
}
