package io.vsguard.core.rules;

import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.rule.StepRule;
import io.vsguard.core.sim.StepEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A vMotion, storage or other non-management vmkernel adapter moved to a portgroup on another VLAN
 * loses its network: vMotion to and from the host fails, NFS or iSCSI datastores go inaccessible.
 * The host stays in vCenter, so it warns rather than blocks.
 */
public final class VmkernelVlanChange implements StepRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "vmkernel-vlan-change",
          Severity.WARN,
          "A step moves a vmkernel adapter to a portgroup that does not carry its VLAN",
          "Map the vmkernel adapter to a target portgroup on the same VLAN (or a trunk carrying it), or declare the "
              + "re-addressing in the change's readdress map",
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
      if (a.snapshot().carriesManagement()
          || vlan == null
          || !Boolean.FALSE.equals(a.is().carries(vlan))
          || VmkernelNetworks.readdress(ev, a.host(), a.device())
              .filter(r -> Boolean.TRUE.equals(a.is().carries(r.vlan())))
              .isPresent()) {
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
                  + ", vmkernel "
                  + a.device()
                  + " ("
                  + services(a)
                  + ") of "
                  + a.host()
                  + " is on "
                  + a.where()
                  + ", "
                  + a.is().describeVlan()
                  + ", instead of VLAN "
                  + vlan
                  + "; its traffic is cut"));
    }
    return out;
  }

  static String services(VmkernelNetworks.Adapter a) {
    return a.snapshot().services().isEmpty()
        ? "no service tag"
        : String.join(", ", a.snapshot().services());
  }
}
