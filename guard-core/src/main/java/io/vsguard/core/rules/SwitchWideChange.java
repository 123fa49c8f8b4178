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
 * A switch-wide change (upgrade-switch, set-mtu, set-teaming, set-vlan, reconfigure-lag,
 * convert-lacp) is written by vCenter to every member host at once, by nature: no rollout can stage
 * it, so the wave rules say nothing about it. On a switch without LACP (or with a single member) it
 * is routine and allowed, with what the admin must know before pressing OK: how many hosts it
 * reaches at once, the configuration backup, and what this kind of change breaks. On an LACP switch
 * with several members lag-global-change blocks it instead.
 */
public final class SwitchWideChange implements PlanRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "switch-wide-change",
          Severity.WARN,
          "A switch-wide change is written by vCenter to every member host of the switch at once",
          "Export a configuration backup of the switch first, apply the change in the window as one gated "
              + "switch-level step, and check the physical side it depends on (MTU, trunked VLANs) beforehand",
          "docs/spec/formats.md, section 2 (switch-wide changes); VMware KB 434420 "
              + "(https://knowledge.broadcom.com/external/article/434420)");

  @Override
  public RuleInfo info() {
    return INFO;
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
      if (sw == null || LagGlobalChange.blocks(sw)) {
        continue; // unknown-reference, or lag-global-change, speaks
      }
      int members = sw.members().size();
      out.add(
          INFO.finding(
              Where.change(c.id()),
              name,
              null,
              c.action()
                  + " on "
                  + name
                  + " is written by vCenter to "
                  + (members == 1
                      ? "its only member host"
                      : "all " + members + " member hosts at once")
                  + "; "
                  + effect(c, sw)
                  + ". Export a configuration backup of "
                  + name
                  + " first"));
    }
    return out;
  }

  /**
   * What this kind of change does to every member, in the words an admin checks before the window.
   */
  private static String effect(Change c, DistributedSwitch sw) {
    if (c instanceof Change.UpgradeSwitch) {
      return "each member's proxy switch is briefly disrupted (VMware KB 434420) and "
          + sw.name()
          + " cannot go back to "
          + (sw.version() == null ? "its version" : sw.version());
    }
    if (c instanceof Change.SetMtu m) {
      Integer now = sw.mtu();
      if (now != null && m.mtu() < now) {
        return "lowering the MTU from "
            + now
            + " to "
            + m.mtu()
            + " drops the traffic of vmkernel adapters and VMs "
            + "still sending jumbo frames (vMotion, vSAN, NFS): set them to "
            + m.mtu()
            + " first";
      }
      return "every uplink's physical switch port must carry frames of "
          + m.mtu()
          + " bytes first, or traffic that uses the larger MTU is dropped";
    }
    if (c instanceof Change.SetTeaming t) {
      return "portgroup "
          + t.portgroup()
          + " fails over to the new uplink order on every member at the same moment "
          + "(the simulation checks that management keeps an uplink on each)";
    }
    if (c instanceof Change.SetVlan v) {
      return "portgroup "
          + v.portgroup()
          + " moves to VLAN "
          + v.vlan()
          + " on every member at the same moment; "
          + "the physical trunk on every host's uplinks must carry VLAN "
          + v.vlan()
          + " first";
    }
    return "the LACP configuration of every member changes at the same moment";
  }
}
