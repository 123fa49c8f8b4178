package io.vsguard.core.rules;

import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.rule.StepRule;
import io.vsguard.core.sim.HostNet;
import io.vsguard.core.sim.StepEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * After every simulated step, the network adapters of VMs still running on a host (it has not been
 * through maintenance mode) must be on a portgroup that has a pnic: the host still on the switch, a
 * pnic its failover order uses. A step that takes the last one away cuts the VMs off — production
 * traffic down, not only management. One finding per host, naming every group of adapters the step
 * cut off.
 */
public final class VmNetworkLost implements StepRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "vm-network-lost",
          Severity.BLOCK,
          "During a simulated step running VMs' network adapters are left without an uplink",
          "Put the host in maintenance mode first (DRS evacuates the VMs); where that is impossible, move the "
              + "VMs' adapters with the host (move-vm-adapters) while both sides have a pnic, as vsguard stage does "
              + "with allowWithoutMaintenance",
          "docs/spec/formats.md, section 2 (move-vm-adapters) and section 4 (allowWithoutMaintenance)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkStep(Evaluation ev, StepEvent e) {
    List<Finding> out = new ArrayList<>();
    Set<String> touched = e.touchedHosts();
    for (String host : touched.size() == 1 ? touched : touched.stream().sorted().toList()) {
      HostNet before = e.before().get(host);
      HostNet after = e.after().host(host).orElse(null);
      if (after == null || after.vmsEvacuated() || after.vmGroups().isEmpty()) {
        continue;
      }
      List<String> cut = new ArrayList<>();
      String sw = null;
      for (Map.Entry<HostNet.VmOrigin, HostNet.VmGroup> g : after.vmGroups().entrySet()) {
        HostNet.VmGroup was = before == null ? null : before.vmGroups().get(g.getKey());
        boolean wasUp =
            was == null
                || ManagementConnectivity.carried(
                    before, was.sw(), was.portgroup(), e.switchesBefore());
        HostNet.VmGroup now = g.getValue();
        if (wasUp
            && !ManagementConnectivity.carried(
                after, now.sw(), now.portgroup(), e.after().switchesSnapshot())) {
          cut.add(
              now.adapters()
                  + (now.adapters() == 1 ? " adapter" : " adapters")
                  + " on "
                  + now.sw()
                  + " / "
                  + now.portgroup()
                  + " ("
                  + now.example()
                  + (now.adapters() > 1 ? ", ..." : "")
                  + ")");
          sw = sw == null ? now.sw().name() : sw;
        }
      }
      if (!cut.isEmpty()) {
        out.add(
            INFO.finding(
                e.where(),
                sw,
                host,
                "after "
                    + e.describeStep()
                    + " on "
                    + e.host()
                    + ", running VMs of "
                    + host
                    + " lose their network: "
                    + String.join("; ", cut)
                    + " have no pnic that can carry them"));
      }
    }
    return out;
  }
}
