package io.vsguard.core.rules;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Portgroup;
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
import java.util.Optional;
import java.util.Set;

/**
 * After every simulated step, each management vmkernel adapter must still have a pnic that can
 * carry its portgroup's traffic. A host whose management network goes dark mid-change is cut off
 * from vCenter, and vCenter's network rollback cannot help a host it cannot reach. Reported once,
 * at the step that breaks it (not at every later step while it stays broken).
 */
public final class ManagementConnectivity implements StepRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "management-connectivity",
          Severity.BLOCK,
          "During a simulated step a host's management vmkernel is left without an uplink",
          "Reorder the steps: move the management vmkernel first, together with one pnic, and keep a "
              + "standard-switch fallback until the target switch carries it",
          "vSphere Networking, Migrate VMkernel Adapters to a vSphere Distributed Switch; "
              + "config.vpxd.network.rollback only protects vCenter-to-host reachability");

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
      HostNet after = e.after().host(host).orElseThrow();
      for (Map.Entry<String, HostNet.VmkAt> v : after.vmks().entrySet()) {
        if (!v.getValue().management()) {
          continue;
        }
        boolean wasUp = before == null || uplinked(before, v.getKey(), e.switchesBefore());
        if (wasUp && !uplinked(after, v.getKey(), e.after().switchesSnapshot())) {
          HostNet.VmkAt at = v.getValue();
          out.add(
              INFO.finding(
                  e.where(),
                  at.sw().name(),
                  host,
                  "after "
                      + e.describeStep()
                      + " "
                      + e.onWhat()
                      + ", management vmkernel "
                      + v.getKey()
                      + " on "
                      + at.sw()
                      + " / "
                      + at.portgroup()
                      + " has no pnic that can carry it on "
                      + host
                      + "; the host drops off vCenter"));
        }
      }
    }
    return out;
  }

  /** Whether {@code vmk} has a pnic whose uplink its portgroup's failover order uses. */
  public static boolean uplinked(HostNet h, String vmk, Map<String, DistributedSwitch> switches) {
    Optional<HostNet.VmkAt> at = h.vmk(vmk);
    return at.isPresent() && carried(h, at.get().sw(), at.get().portgroup(), switches);
  }

  /**
   * Whether traffic on {@code sw} / {@code portgroup} of host {@code h} has a pnic: one its
   * failover order uses, on a switch the host still has (or is still a member of).
   */
  public static boolean carried(
      HostNet h,
      io.vsguard.core.plan.SwitchRef sw,
      String portgroup,
      Map<String, DistributedSwitch> switches) {
    List<String> pnics = h.pnicsOn(sw);
    if (pnics.isEmpty()) {
      return false;
    }
    if (sw.standard()) {
      // A standard portgroup with its own failover order uses only those pnics.
      List<String> uplinks =
          h.standardPortgroup(sw.name(), portgroup)
              .map(HostNet.StandardPortgroup::uplinks)
              .orElse(List.of());
      if (uplinks.isEmpty()) {
        return true;
      }
      for (String p : pnics) {
        if (uplinks.contains(p)) {
          return true;
        }
      }
      return false;
    }
    DistributedSwitch dvs = switches.get(sw.name());
    if (dvs == null || !h.memberOf(dvs.name())) {
      return false;
    }
    Optional<Portgroup> pg = dvs.portgroup(portgroup);
    Portgroup.Teaming t = pg.isPresent() ? pg.get().teaming() : null;
    for (String p : pnics) {
      Optional<HostNet.PnicAt> at = h.pnic(p);
      String uplink = at.isPresent() ? at.get().uplink() : null;
      if (dvs.carries(t, uplink)) {
        return true;
      }
    }
    return false;
  }
}
