package io.vsguard.core.rules;

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
 * A distributed switch upgrade briefly disrupts every attached host and VM and cannot be undone;
 * hosts older than the new version can no longer join. Crossing 6.6 → 7.0 also changes the default
 * multicast filtering mode.
 */
public final class IrreversibleUpgrade implements PlanRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "irreversible-upgrade",
          Severity.WARN,
          "A distributed switch upgrade is irreversible and briefly disrupts every attached host",
          "Export a switch configuration backup first and review the new defaults (multicast filtering from 7.0)",
          "VMware KB 434420 (https://knowledge.broadcom.com/external/article/434420)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkPlan(Evaluation ev) {
    List<Finding> out = new ArrayList<>();
    for (Change.UpgradeSwitch u : ev.changes(Change.UpgradeSwitch.class)) {
      String from = ev.index().distributedSwitch(u.switchName()).map(s -> s.version()).orElse(null);
      boolean multicast =
          from != null
              && Versions.compare(from, "7.0") < 0
              && Versions.compare(u.version(), "7.0") >= 0;
      out.add(
          INFO.finding(
              Where.change(u.id()),
              u.switchName(),
              null,
              "upgrading "
                  + u.switchName()
                  + (from == null ? "" : " from " + from)
                  + " to "
                  + u.version()
                  + " cannot be rolled back"
                  + (multicast
                      ? "; crossing 7.0 changes the default multicast filtering mode"
                      : "")));
    }
    return out;
  }
}
