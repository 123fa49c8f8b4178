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
 * Every switch-wide change (a LAG edit, an LACP API-version change, a switch upgrade, an MTU,
 * teaming or VLAN change) is written to the proxy switch of every member host at the same moment,
 * and on an LACP switch vCenter re-pushes the LAG configuration with it; no rollout can stage it by
 * host. On an LACP switch with several members that is an all-hosts-at-once change by construction:
 * the 2016 crash. (Without LACP, switch-wide-change warns instead.)
 */
public final class LagGlobalChange implements PlanRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "lag-global-change",
          Severity.BLOCK,
          "A switch-wide change (LAG edit, LACP conversion, upgrade, MTU, teaming, VLAN) on an LACP switch lands on every member host at once",
          "Build a new switch with the target configuration and migrate hosts to it in gated waves "
              + "(vsguard stage), or exempt the change with a maintenance window and a lab rehearsal",
          "vSphere Networking, LACP Support on a vSphere Distributed Switch (LAG configuration is applied to "
              + "all hosts); VMware KB 318706 (https://knowledge.broadcom.com/external/article/318706)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  /**
   * Whether a switch-wide change of {@code sw} lands on several LACP hosts at once: LACP and more
   * than one member.
   */
  public static boolean blocks(DistributedSwitch sw) {
    return sw.usesLacp() && sw.members().size() > 1;
  }

  @Override
  public List<Finding> checkPlan(Evaluation ev) {
    List<Finding> out = new ArrayList<>();
    for (Change c : ev.plan().spec().changes()) {
      if (!c.switchWide()) {
        continue;
      }
      String name = c.distributedSwitches().get(0);
      DistributedSwitch sw = ev.index().distributedSwitch(name).orElse(null);
      if (sw == null || !blocks(sw)) {
        continue;
      }
      out.add(
          INFO.finding(
              Where.change(c.id()),
              name,
              null,
              c.action()
                  + " on "
                  + name
                  + " is applied to the LACP configuration of all "
                  + sw.members().size()
                  + " member hosts at the same moment; it cannot be staged host by host"));
    }
    return out;
  }
}
