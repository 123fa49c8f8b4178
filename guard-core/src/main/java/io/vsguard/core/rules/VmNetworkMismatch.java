package io.vsguard.core.rules;

import io.vsguard.core.model.Host;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.rule.StepRule;
import io.vsguard.core.sim.HostNet;
import io.vsguard.core.sim.Segment;
import io.vsguard.core.sim.StepEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Running VMs' network adapters moved (move-vm-adapters) to a portgroup that does not carry the
 * VLAN they were on, or whose network has a smaller MTU: the guests keep a link but not their
 * network (another subnet, or large frames dropped). Compared only where both are known.
 */
public final class VmNetworkMismatch implements StepRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "vm-network-mismatch",
          Severity.WARN,
          "Running VMs' adapters move to a portgroup on another VLAN or with a smaller MTU",
          "Move the adapters to a portgroup on the VLAN they use today (toPortgroup), with at least the MTU of "
              + "their network; vsguard stage mirrors the VM portgroups on the temporary standard switch",
          "docs/spec/formats.md, section 2 (move-vm-adapters, create-standard-switch)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkStep(Evaluation ev, StepEvent e) {
    Optional<Host> inv = ev.index().host(e.host());
    HostNet h = e.after().host(e.host()).orElse(null);
    if (inv.isEmpty() || h == null || h.vmsEvacuated() || e.wasRejected()) {
      return List.of();
    }
    List<String> wrong = new ArrayList<>();
    String sw = null;
    for (Map.Entry<HostNet.VmOrigin, HostNet.VmGroup> g : h.vmGroups().entrySet()) {
      HostNet.VmGroup now = g.getValue();
      Optional<Segment> was =
          Segment.ofInventory(ev.index(), inv.get(), g.getKey().sw(), g.getKey().portgroup());
      Optional<Segment> is = Segment.of(e.after(), h, now.sw(), now.portgroup());
      if (was.isEmpty() || is.isEmpty()) {
        continue;
      }
      Integer vlan = was.get().singleVlan();
      boolean vlanCut = vlan != null && Boolean.FALSE.equals(is.get().carries(vlan));
      boolean mtuDrop =
          was.get().mtu() != null && is.get().mtu() != null && is.get().mtu() < was.get().mtu();
      if (vlanCut || mtuDrop) {
        wrong.add(
            now.adapters()
                + " on "
                + g.getKey().sw()
                + " / "
                + g.getKey().portgroup()
                + " ("
                + now.example()
                + ") now on "
                + now.sw()
                + " / "
                + now.portgroup()
                + ": "
                + (vlanCut ? is.get().describeVlan() + " instead of VLAN " + vlan : "")
                + (vlanCut && mtuDrop ? ", " : "")
                + (mtuDrop ? "MTU " + is.get().mtu() + " instead of " + was.get().mtu() : ""));
        sw = sw == null ? now.sw().name() : sw;
      }
    }
    if (wrong.isEmpty()) {
      return List.of();
    }
    return List.of(
        INFO.finding(
            e.where(),
            sw,
            e.host(),
            "after "
                + e.describeStep()
                + " on "
                + e.host()
                + ", VM adapters of "
                + e.host()
                + " are not on the network they were on: "
                + String.join("; ", wrong)));
  }
}
