package io.vsguard.core.rules;

import io.vsguard.core.plan.Change;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.rule.StepRule;
import io.vsguard.core.sim.StepEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A management vmkernel adapter must stay on its VLAN through every step: on another VLAN its
 * address is unreachable, the host drops off vCenter at that step (or network rollback reverts it),
 * and a staged rollout loses every host in turn, vCenter's own last. Allowed only when the plan
 * declares the re-addressing ({@code readdress}) onto the VLAN it lands on.
 */
public final class ManagementVlanChange implements StepRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "management-vlan-change",
          Severity.BLOCK,
          "A step moves a management vmkernel to a portgroup that does not carry its VLAN",
          "Move the management vmkernel to a portgroup on the VLAN it uses today (or a trunk carrying it); "
              + "if the host is meant to be re-addressed, declare it in the change's readdress map with the new VLAN",
          "docs/spec/formats.md, section 2 (migrate-hosts, readdress)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkStep(Evaluation ev, StepEvent e) {
    List<Finding> out = new ArrayList<>();
    for (VmkernelNetworks.Adapter a : VmkernelNetworks.after(ev, e)) {
      Integer vlan = a.was().singleVlan();
      if (!a.snapshot().carriesManagement()
          || vlan == null
          || !Boolean.FALSE.equals(a.is().carries(vlan))) {
        continue;
      }
      Optional<Change.Readdress> r = VmkernelNetworks.readdress(ev, a.host(), a.device());
      if (r.isPresent() && Boolean.TRUE.equals(a.is().carries(r.get().vlan()))) {
        continue;
      }
      out.add(
          INFO.finding(
              e.where(),
              a.now().sw().name(),
              a.host(),
              "after "
                  + e.describeStep()
                  + " on "
                  + e.host()
                  + ", management vmkernel "
                  + a.device()
                  + " of "
                  + a.host()
                  + " is on "
                  + a.where()
                  + ", "
                  + a.is().describeVlan()
                  + ", but its address is on VLAN "
                  + vlan
                  + (r.isPresent() ? " and the plan re-addresses it to VLAN " + r.get().vlan() : "")
                  + "; the host drops off vCenter"));
    }
    return out;
  }
}
