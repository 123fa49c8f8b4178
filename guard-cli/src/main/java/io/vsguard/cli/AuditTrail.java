package io.vsguard.cli;

import io.vsguard.core.audit.AuditEntry;
import io.vsguard.core.audit.AuditException;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.audit.AuditStore;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Decisions;
import io.vsguard.core.decision.FindingsJson;
import io.vsguard.core.plan.ChangePlan;
import java.time.Instant;

/**
 * Records what check decided before it is printed. A decision that cannot be recorded does not
 * count: like an audit device, the guard answers ERROR rather than pass unaudited.
 */
final class AuditTrail {
  private AuditTrail() {}

  /** The decision to print: {@code d} once recorded, else an ERROR saying why it could not be. */
  static Decision record(
      AuditStore store,
      Decision d,
      ChangePlan plan,
      AuditRecord.InventorySource inventory,
      String policySource) {
    return record(store, d, plan, inventory, policySource, null);
  }

  /** As above, with the decision's findings written ahead (or null). */
  static Decision record(
      AuditStore store,
      Decision d,
      ChangePlan plan,
      AuditRecord.InventorySource inventory,
      String policySource,
      FindingsJson.Precomputed findings) {
    AuditRecord.PolicyInfo policy =
        new AuditRecord.PolicyInfo(d.policy().name(), d.policy().sha256(), policySource);
    try {
      store.append(
          new AuditEntry(
              AuditRecord.Actor.osUser(),
              AuditRecord.PlanInfo.of(plan),
              inventory,
              policy,
              d,
              findings));
      return d;
    } catch (AuditException e) {
      return Decisions.error(
          "the decision ("
              + d.verdict()
              + ") could not be recorded in the audit log, so it does"
              + " not count: "
              + e.getMessage(),
          d.plan(),
          d.inventory(),
          d.policy(),
          Instant.now());
    }
  }
}
