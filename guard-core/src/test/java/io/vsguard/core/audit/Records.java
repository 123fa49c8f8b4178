package io.vsguard.core.audit;

import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Decisions;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Severity;
import java.time.Instant;
import java.util.List;

/**
 * Audit entries for tests: a decision with a finding and a staged rollout, so records carry nested
 * types.
 */
final class Records {
  private Records() {}

  static AuditEntry entry(String planId, String rule, Severity severity) {
    Finding f =
        new Finding(
            rule,
            severity,
            "c1",
            null,
            1,
            new Finding.Subject("DVS-LACP-Prod", "esx-par-01"),
            "pnic vmnic2 moves straight off the LACP switch",
            "stage it",
            "https://kb.example/1",
            null);
    Rollout rollout =
        new Rollout(
            List.of(
                new Rollout.Wave(
                    "canary",
                    List.of("esx-par-01"),
                    List.of(
                        new Step.EnterMaintenance(), new Step.CreateStandardSwitch("vSwitch-mig")),
                    new Rollout.Gate(15, List.of("host-connected")))));
    Decision d =
        Decisions.of(
            List.of(f),
            new Decision.PlanRef(planId, "a".repeat(64)),
            new Decision.InventoryRef(
                Instant.parse("2016-11-22T10:30:00Z"), "https://vc01.example/sdk", "b".repeat(64)),
            new Decision.PolicyRef("default", "c".repeat(64)),
            rollout,
            Instant.parse("2026-11-24T18:00:00Z"));
    return new AuditEntry(
        AuditRecord.Actor.osUser(),
        new AuditRecord.PlanInfo(planId, "Move Paris hosts", "CHG0042", "ops@example.org"),
        new AuditRecord.InventorySource(AuditRecord.InventorySource.FILE, "/tmp/inventory.json"),
        new AuditRecord.PolicyInfo("default", "c".repeat(64), "built-in"),
        d);
  }

  static AuditEntry entry(String planId) {
    return entry(planId, "lacp-direct-migration", Severity.BLOCK);
  }
}
