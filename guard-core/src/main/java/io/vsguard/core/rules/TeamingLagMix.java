package io.vsguard.core.rules;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.Where;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.PlanRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * With enhanced LACP the failover order holds exactly one active LAG or only standalone uplinks;
 * standby must be empty while a LAG is active (a standby LAG is only the documented intermediate
 * state for moving traffic onto it). vCenter rejects or misbehaves on the rest.
 */
public final class TeamingLagMix implements PlanRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "teaming-lag-mix",
          Severity.BLOCK,
          "A planned teaming mixes a LAG with standalone uplinks, has two active LAGs, or standby uplinks while a LAG is active",
          "Fix the failover order: one LAG alone in active with standby empty, or standalone uplinks only",
          "vSphere Networking, Configure a LAG to Handle the Traffic for Distributed Port Groups");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkPlan(Evaluation ev) {
    List<Finding> out = new ArrayList<>();
    for (Change.SetTeaming t : ev.changes(Change.SetTeaming.class)) {
      DistributedSwitch sw = ev.index().distributedSwitch(t.switchName()).orElse(null);
      if (sw == null) {
        continue;
      }
      List<String> lags = t.teaming().active().stream().filter(n -> sw.lag(n).isPresent()).toList();
      String what = "teaming of " + t.portgroup() + " on " + sw.name();
      Where at = Where.change(t.id());
      if (lags.size() > 1) {
        out.add(
            INFO.finding(
                at,
                sw.name(),
                null,
                what
                    + " has "
                    + lags.size()
                    + " active LAGs ("
                    + String.join(", ", lags)
                    + "); only one LAG can be active"));
      } else if (lags.size() == 1 && t.teaming().active().size() > 1) {
        out.add(
            INFO.finding(
                at,
                sw.name(),
                null,
                what + " mixes LAG " + lags.get(0) + " with standalone uplinks in active"));
      } else if (lags.size() == 1 && !t.teaming().standby().isEmpty()) {
        out.add(
            INFO.finding(
                at,
                sw.name(),
                null,
                what
                    + " has standby uplinks ("
                    + String.join(", ", t.teaming().standby())
                    + ") while LAG "
                    + lags.get(0)
                    + " is active; standby must be empty"));
      }
    }
    return out;
  }
}
