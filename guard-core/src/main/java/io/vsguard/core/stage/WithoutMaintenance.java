package io.vsguard.core.stage;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Portgroup;
import io.vsguard.core.model.VmAdapter;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.SwitchRef;
import io.vsguard.core.sim.InventoryIndex;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The steps of a host that keeps its running VMs through a migration: one whose steps need no
 * maintenance mode (no LACP link is touched), or one that cannot be evacuated (DRS off for its
 * cluster) when the policy allows it ({@code allowWithoutMaintenance}, maintenance mode then
 * dropped). Its VMs' adapters on the source switch are moved along (move-vm-adapters) at each hop,
 * just before the last pnic leaves the switch they are on. The VM portgroups are mirrored on the
 * temporary standard switch (same VLAN, same uplink as its other portgroups), and on a distributed
 * target the adapters go to the portgroup of the same name, else to the only one on the same VLAN.
 * The community scripts' other path; the check of the staged plan proves it keeps every adapter on
 * its network.
 */
final class WithoutMaintenance {
  private WithoutMaintenance() {}

  /**
   * Whether {@code h} cannot be evacuated and the policy lets it go through without maintenance
   * mode.
   */
  static boolean applies(boolean allowed, Host h, InventoryIndex idx) {
    return allowed
        && h.vmCount() > 0
        && !h.maintenanceMode()
        && idx.clusterOf(h.name()).flatMap(idx::cluster).map(c -> !c.drsEnabled()).orElse(false);
  }

  static HostSteps.Result rewrite(
      Change.MigrateHosts m, Host h, InventoryIndex idx, List<Step> maintained) {
    List<Step> steps =
        new ArrayList<>(
            maintained.stream()
                .filter(
                    s ->
                        !(s instanceof Step.EnterMaintenance)
                            && !(s instanceof Step.ExitMaintenance))
                .toList());
    DistributedSwitch from = idx.distributedSwitch(m.from().name()).orElseThrow();
    Set<String> groups = new LinkedHashSet<>();
    for (VmAdapter a : h.vmAdapters()) {
      if (idx.switchOf(h, a.switchName()).equals(m.from())) {
        groups.add(a.portgroup());
      }
    }
    if (groups.isEmpty()) {
      return HostSteps.Result.of(steps);
    }
    SwitchRef at = m.from();
    List<String> sources = List.copyOf(groups);
    List<String> names = sources;
    // Each hop: the switch the first pnic leaving the previous one goes to.
    for (SwitchRef hop = firstHop(steps, at);
        hop != null;
        hop = hop.equals(m.to()) ? null : firstHop(steps, hop)) {
      List<Step> moves = new ArrayList<>();
      List<String> landed = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        String pg = names.get(i);
        String source = sources.get(i);
        Optional<Integer> vlan = from.portgroup(source).map(Portgroup::vlan);
        String target = hop.distributed() ? onDistributed(idx, hop.name(), from, source) : pg;
        if (target == null || vlan.isEmpty()) {
          return HostSteps.Result.refuse(
              h.name()
                  + " cannot go through the change without maintenance mode: its VMs"
                  + " on "
                  + from.name()
                  + " / "
                  + source
                  + " have "
                  + (vlan.isEmpty()
                      ? "no single VLAN in the snapshot to" + " mirror"
                      : "no portgroup of the same name or VLAN on " + hop.name()));
        }
        if (hop.standard() && !addPortgroup(steps, hop.name(), target, vlan.get())) {
          return HostSteps.Result.refuse(
              h.name()
                  + " cannot go through the change without maintenance mode: "
                  + "standard switch "
                  + hop.name()
                  + " has no portgroup "
                  + target
                  + " for its VMs; add it first");
        }
        moves.add(new Step.MoveVmAdapters(at, pg, hop, target.equals(pg) ? null : target));
        landed.add(target);
      }
      steps.addAll(
          insertionPoint(
              steps,
              at,
              at.equals(m.from())
                  ? idx.memberPnics(from.name(), h.name()).stream()
                      .map(DistributedSwitch.MemberPnic::device)
                      .toList()
                  : List.of()),
          moves);
      at = hop;
      names = landed;
    }
    return HostSteps.Result.of(steps);
  }

  /** The switch the first pnic that leaves {@code sw} goes to; null when none leaves it. */
  private static SwitchRef firstHop(List<Step> steps, SwitchRef sw) {
    boolean on = sw.distributed();
    for (Step s : steps) {
      if (s instanceof Step.CreateStandardSwitch c
          && SwitchRef.standard(c.switchName()).equals(sw)) {
        on = true;
      }
      if (on
          && s instanceof Step.MovePnic p
          && !p.to().equals(sw)
          && (sw.distributed() || arrived(steps, sw, s))) {
        return p.to();
      }
    }
    return null;
  }

  /**
   * For a standard switch: a pnic is on it before {@code leaving} (so the pnic leaves it, not
   * passes by).
   */
  private static boolean arrived(List<Step> steps, SwitchRef sw, Step leaving) {
    for (Step s : steps) {
      if (s == leaving) {
        return false;
      }
      if (s instanceof Step.MovePnic p && p.to().equals(sw)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Just before the last pnic leaves {@code at}: the switch the adapters leave still has one, and
   * the one they reach has every other. Without such a move, before {@code at} is removed or left;
   * else at the end.
   */
  private static int insertionPoint(List<Step> steps, SwitchRef at, List<String> pnicsOnSource) {
    Set<String> on = new LinkedHashSet<>(pnicsOnSource);
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      if (s instanceof Step.MovePnic p) {
        if (p.to().equals(at)) {
          on.add(p.pnic());
        } else if (on.remove(p.pnic()) && on.isEmpty()) {
          return i;
        }
      }
      if ((s instanceof Step.RemoveFromSwitch r
              && at.distributed()
              && r.switchName().equals(at.name()))
          || (s instanceof Step.RemoveStandardSwitch r2
              && at.standard()
              && r2.switchName().equals(at.name()))) {
        return i;
      }
    }
    return steps.size();
  }

  /** The portgroup of the same name on the target, else its only portgroup on the same VLAN. */
  private static String onDistributed(
      InventoryIndex idx, String dvs, DistributedSwitch from, String pg) {
    DistributedSwitch target = idx.distributedSwitch(dvs).orElse(null);
    if (target == null) {
      return null;
    }
    if (target.portgroup(pg).filter(p -> !p.uplinkPortgroup()).isPresent()) {
      return pg;
    }
    Integer vlan = from.portgroup(pg).map(Portgroup::vlan).orElse(null);
    List<Portgroup> same = vlan == null ? List.of() : target.portgroupsOnVlan(vlan);
    return same.size() == 1 ? same.get(0).name() : null;
  }

  /**
   * Adds the VM portgroup to the step that creates {@code vss}; false when no step of this host
   * creates it.
   */
  private static boolean addPortgroup(List<Step> steps, String vss, String pg, int vlan) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) instanceof Step.CreateStandardSwitch c && c.switchName().equals(vss)) {
        if (c.portgroups().stream().anyMatch(p -> p.name().equals(pg))) {
          return true;
        }
        String uplink = c.portgroups().isEmpty() ? null : c.portgroups().get(0).uplink();
        List<Step.StandardPortgroup> pgs = new ArrayList<>(c.portgroups());
        pgs.add(new Step.StandardPortgroup(pg, vlan, uplink));
        steps.set(i, new Step.CreateStandardSwitch(vss, c.mtu(), pgs));
        return true;
      }
    }
    return false;
  }
}
