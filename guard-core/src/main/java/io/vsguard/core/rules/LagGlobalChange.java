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
import java.util.Set;

/**
 * A LAG edit, an LACP API-version change or a switch upgrade is written to the proxy switch of
 * every member host at the same moment; no rollout can stage it by host. On an LACP switch with
 * several members that is an all-hosts-at-once change by construction.
 */
public final class LagGlobalChange implements PlanRule {
  public static final RuleInfo INFO = new RuleInfo("lag-global-change", Severity.BLOCK,
      "A LAG edit, LACP conversion or switch upgrade on an LACP switch lands on every member host at once",
      "Build a new switch with the target configuration and migrate hosts to it in gated waves "
          + "(vsguard stage), or exempt the change with a maintenance window and a lab rehearsal",
      "vSphere Networking, LACP Support on a vSphere Distributed Switch (LAG configuration is applied to "
          + "all hosts); VMware KB 318706 (https://knowledge.broadcom.com/external/article/318706)");

  /** The changes vCenter writes into the LACP configuration of every member's proxy switch. */
  private static final Set<Class<? extends Change>> ON_EVERY_MEMBER =
      Set.of(Change.ReconfigureLag.class, Change.ConvertLacp.class, Change.UpgradeSwitch.class);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkPlan(Evaluation ev) {
    List<Finding> out = new ArrayList<>();
    for (Change c : ev.changes(ON_EVERY_MEMBER)) {
      String name = c.distributedSwitches().get(0);
      DistributedSwitch sw = ev.index().distributedSwitch(name).orElse(null);
      if (sw == null || !sw.usesLacp() || sw.members().size() <= 1) {
        continue;
      }
      out.add(INFO.finding(Where.change(c.id()), name, null, c.action() + " on " + name
          + " is applied to the LACP configuration of all " + sw.members().size()
          + " member hosts at the same moment; it cannot be staged host by host"));
    }
    return out;
  }
}
