package io.vsguard.core.rules;

import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.rule.StepRule;
import io.vsguard.core.sim.StepEvent;
import java.util.List;

/**
 * A vSAN vmkernel adapter moved to a network with a smaller MTU than it uses: vSAN's jumbo frames
 * are dropped, the host is partitioned from the vSAN cluster and its objects go degraded or
 * inaccessible. That loses data availability, so it blocks.
 */
public final class VsanMtuDrop implements StepRule {
  static final String VSAN = "vsan";

  public static final RuleInfo INFO =
      new RuleInfo(
          "vsan-mtu-drop",
          Severity.BLOCK,
          "A step moves a vSAN vmkernel adapter to a network with a smaller MTU than it uses",
          "Give the target switch (or the temporary standard switch: create-standard-switch mtu) the MTU the vSAN "
              + "network uses end to end before moving the adapter",
          "docs/spec/formats.md, section 2 (create-standard-switch, set-mtu)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkStep(Evaluation ev, StepEvent e) {
    return VmkernelMtuDrop.drops(ev, e, INFO, true);
  }
}
