package io.vsguard.core.rules;

import io.vsguard.core.plan.Where;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Exemption;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.PlanRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * An exemption past its expiry no longer applies: the findings it covered count again. The pack
 * still carries it, so it is reported, to be renewed with a fresh approval or removed.
 */
public final class ExemptionExpired implements PlanRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "exemption-expired",
          Severity.WARN,
          "A policy exemption has expired and no longer applies",
          "Renew the exemption with a new approval and expiry date, or remove it from the policy pack",
          "docs/spec/rules.md, section 3 (exemptions)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkPlan(Evaluation ev) {
    List<Finding> out = new ArrayList<>();
    var today = ev.now().atZone(ZoneOffset.UTC).toLocalDate();
    for (Exemption e : ev.exemptions()) {
      if (!e.activeOn(today)) {
        out.add(
            INFO.finding(
                Where.PLAN,
                e.scope().switchName(),
                e.scope().host(),
                "the exemption of "
                    + e.rule()
                    + " for "
                    + e.scope()
                    + " (approved by "
                    + e.approver()
                    + ") expired on "
                    + e.expires()
                    + "; it no longer applies ("
                    + e.source()
                    + ")"));
      }
    }
    return out;
  }
}
