package io.vsguard.core.audit;

import io.vsguard.core.decision.Verdict;
import java.time.Instant;

/**
 * A filter over audit records; every null criterion matches everything.
 *
 * @param verdict the decision's verdict
 * @param since records recorded at or after this instant
 * @param rule records with at least one finding of this rule (exempted or not)
 * @param planId the plan's metadata.id
 */
public record AuditQuery(Verdict verdict, Instant since, String rule, String planId) {
  public static final AuditQuery ALL = new AuditQuery(null, null, null, null);

  public boolean matches(AuditRecord r) {
    return (verdict == null || r.decision().verdict() == verdict)
        && (since == null || !r.recordedAt().isBefore(since))
        && (rule == null || r.decision().findings().stream().anyMatch(f -> rule.equals(f.rule())))
        && (planId == null || (r.plan() != null && planId.equals(r.plan().id())));
  }
}
