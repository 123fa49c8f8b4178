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
 * A vmkernel adapter that uses jumbo frames (vMotion, NFS, iSCSI) moved to a network with a smaller
 * MTU: its large frames are dropped or fragmented, vMotion and storage traffic slow down or fail.
 * vSAN adapters are {@link VsanMtuDrop}'s, which blocks.
 */
public final class VmkernelMtuDrop implements StepRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "vmkernel-mtu-drop",
          Severity.WARN,
          "A step moves a vmkernel adapter to a network with a smaller MTU than it uses",
          "Give the target switch (or the temporary standard switch: create-standard-switch mtu) the MTU the "
              + "adapter uses today, or lower the adapter's MTU on purpose before the change",
          "docs/spec/formats.md, section 2 (create-standard-switch, set-mtu)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkStep(Evaluation ev, StepEvent e) {
    return drops(ev, e, INFO, false);
  }

  /** Findings for adapters whose MTU drops, vSAN adapters only or all but them. */
  static List<Finding> drops(Evaluation ev, StepEvent e, RuleInfo info, boolean vsan) {
    List<Finding> out = new ArrayList<>();
    for (VmkernelNetworks.Adapter a : VmkernelNetworks.after(ev, e)) {
      Integer used = a.usedMtu();
      Integer now = a.is().mtu();
      if (a.snapshot().services().contains(VsanMtuDrop.VSAN) != vsan
          || used == null
          || now == null
          || now >= used) {
        continue;
      }
      out.add(
          info.finding(
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
                  + VmkernelVlanChange.services(a)
                  + ") of "
                  + a.host()
                  + " uses MTU "
                  + used
                  + " but "
                  + a.where()
                  + " has MTU "
                  + now
                  + "; frames larger than "
                  + now
                  + " are dropped"));
    }
    return out;
  }
}
