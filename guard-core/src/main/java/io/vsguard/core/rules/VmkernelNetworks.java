package io.vsguard.core.rules;

import io.vsguard.core.model.Host;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.plan.Change;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.sim.HostNet;
import io.vsguard.core.sim.Segment;
import io.vsguard.core.sim.StepEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The vmkernel adapters of the hosts a step touched, each with the network it had in the snapshot
 * and the one it is on after the step: what the continuity rules compare. A step costs the adapters
 * of the hosts it touched, looked up by name, never a walk over the site.
 */
final class VmkernelNetworks {
  private VmkernelNetworks() {}

  /** One adapter after a step: where it was (snapshot), where it is now. */
  record Adapter(
      String host, String device, Vmkernel snapshot, HostNet.VmkAt now, Segment was, Segment is) {
    /**
     * The MTU its traffic uses: its own, capped by its network's when that is known; null when the
     * snapshot does not give the adapter's own (an unknown MTU is never taken for the switch's).
     */
    Integer usedMtu() {
      Integer own = snapshot.mtu();
      Integer net = was.mtu();
      if (own == null || net == null) {
        return own;
      }
      return Math.min(own, net);
    }

    String where() {
      return now.sw() + " / " + now.portgroup();
    }
  }

  /**
   * The last step's adapters, in the evaluation's memo: four rules (management-vlan-change,
   * vmkernel-vlan-change, vmkernel-mtu-drop, vsan-mtu-drop) ask for the same step one after the
   * other, and working the segments out once instead of four times is a tenth of a 1,000-host
   * check.
   */
  private static final Object LAST_STEP = new Object();

  private record LastStep(StepEvent step, List<Adapter> adapters) {}

  /** Adapters of the touched hosts whose network before and after is known, hosts in name order. */
  @SuppressWarnings("ReferenceEquality") // the same step, not an equal one
  static List<Adapter> after(Evaluation ev, StepEvent e) {
    Map<Object, Object> memo = ev.memo().of(VmkernelNetworks.class);
    if (memo.get(LAST_STEP) instanceof LastStep last && last.step() == e) {
      return last.adapters();
    }
    List<Adapter> out = List.copyOf(compute(ev, e, memo));
    memo.put(LAST_STEP, new LastStep(e, out));
    return out;
  }

  private static List<Adapter> compute(Evaluation ev, StepEvent e, Map<Object, Object> memo) {
    List<Adapter> out = new ArrayList<>();
    Set<String> touched = e.touchedHosts();
    for (String host : touched.size() == 1 ? touched : touched.stream().sorted().toList()) {
      Optional<Host> inv = ev.index().host(host);
      Optional<HostNet> net = e.after().host(host);
      if (inv.isEmpty() || net.isEmpty()) {
        continue;
      }
      for (Vmkernel v : inv.get().vmkernels()) {
        HostNet.VmkAt now = net.get().vmk(v.device()).orElse(null);
        if (now == null) {
          continue;
        }
        Optional<Segment> was = wasOf(ev, memo, inv.get(), v);
        Optional<Segment> is = Segment.of(e.after(), net.get(), now.sw(), now.portgroup());
        if (was.isPresent() && is.isPresent()) {
          out.add(new Adapter(host, v.device(), v, now, was.get(), is.get()));
        }
      }
    }
    return out;
  }

  /**
   * The network an adapter had in the snapshot, worked out once per evaluation (the memo is keyed
   * by the inventory's adapter): it is asked for at every step of its host.
   */
  @SuppressWarnings("unchecked") // only this method puts values under an adapter
  private static Optional<Segment> wasOf(
      Evaluation ev, Map<Object, Object> memo, Host h, Vmkernel v) {
    Object known = memo.get(v);
    if (known != null) {
      return (Optional<Segment>) known;
    }
    Optional<Segment> was =
        Segment.ofInventory(ev.index(), h, ev.index().switchOf(h, v), v.portgroup());
    memo.put(v, was);
    return was;
  }

  /**
   * The re-addressing a migrate-hosts change of the plan declares for this adapter of this host.
   */
  static Optional<Change.Readdress> readdress(Evaluation ev, String host, String vmk) {
    for (Change.MigrateHosts m : ev.changes(Change.MigrateHosts.class)) {
      Change.Readdress r = m.readdress().get(vmk);
      if (r != null && ev.affected().affects(m.id(), host)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
