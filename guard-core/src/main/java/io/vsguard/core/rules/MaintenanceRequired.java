package io.vsguard.core.rules;

import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.rule.StepRule;
import io.vsguard.core.sim.HostNet;
import io.vsguard.core.sim.Move;
import io.vsguard.core.sim.StepEvent;
import java.util.List;

/**
 * Moving the pnics of an LACP link renegotiates the port channel; VMs on the host lose their
 * network while it does. With the host in maintenance mode DRS has already moved them away. Like
 * every step rule it is reported once per host and wave, at the first step that breaks it.
 */
public final class MaintenanceRequired implements StepRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "maintenance-required",
          Severity.BLOCK,
          "Pnics of a host with running VMs move on or off an LACP switch outside maintenance mode",
          "Enter maintenance mode first (DRS evacuates the VMs), then move the pnics",
          "vSphere Networking, LACP Support on a vSphere Distributed Switch; vSphere Resource Management, "
              + "Using DRS Clusters to Manage Resources (maintenance mode)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkStep(Evaluation ev, StepEvent e) {
    HostNet before = e.before().get(e.host());
    if (before == null || !before.hasRunningVms()) {
      return List.of();
    }
    for (Move m : e.moves()) {
      if (m.device() == Move.Device.PNIC && (m.originUsesLacp() || m.targetUsesLacp())) {
        String sw = m.originUsesLacp() ? m.source().name() : m.to().name();
        Finding f =
            INFO.finding(
                e.where(),
                sw,
                e.host(),
                "pnic "
                    + m.name()
                    + " of "
                    + e.host()
                    + " moves "
                    + (m.originUsesLacp() ? "off" : "onto")
                    + " LACP switch "
                    + sw
                    + " at "
                    + e.describeStep()
                    + " while "
                    + before.vmCount()
                    + " VMs are running on it (not in maintenance mode)"
                    + (cannotEvacuate(ev, e.host())
                        ? "; accepted by allowWithoutMaintenance because DRS is off for its "
                            + "cluster: the VMs stay up on the host but their traffic pauses while the port channel "
                            + "renegotiates, and a VM adapter left behind loses its network (vm-network-lost)"
                        : ""));
        return List.of(cannotEvacuate(ev, e.host()) ? f.withSeverity(Severity.WARN) : f);
      }
    }
    return List.of();
  }

  /**
   * A host the policy lets go through the change without maintenance mode: DRS is off for its
   * cluster (nothing would evacuate it) and the pack sets {@code allowWithoutMaintenance}.
   */
  static boolean cannotEvacuate(Evaluation ev, String host) {
    return ev.params().allowWithoutMaintenance()
        && ev.index()
            .clusterOf(host)
            .flatMap(ev.index()::cluster)
            .map(c -> !c.drsEnabled())
            .orElse(false);
  }
}
