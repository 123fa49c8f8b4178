package io.vsguard.core.sim;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.DistributedSwitch.Lag;
import io.vsguard.core.model.DistributedSwitch.Member;
import io.vsguard.core.model.DistributedSwitch.MemberPnic;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Portgroup;
import io.vsguard.core.model.StandardSwitch;
import io.vsguard.core.model.VmAdapter;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.SwitchRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated network: switch-wide configuration plus every host's local state, started from the
 * inventory. {@link #apply} performs one rollout step with the preconditions ESXi and vCenter
 * enforce (a host must join a switch before a pnic can back one of its uplinks, a standard switch
 * with a vmkernel port cannot be removed, ...). A step that breaks one is not applied and comes
 * back as {@link Outcome.Invalid}.
 *
 * <p>A step costs the same whatever the size of the site: membership and uplinks live in each
 * host's state ({@link HostNet#memberOf}), not in per-switch member lists rebuilt after every step,
 * and a switch-wide change rewrites its switch's configuration once, the first time one of its
 * shares is applied.
 */
public final class NetworkState {
  // Switch configurations; an immutable map replaced when a switch-wide change lands, so a
  // step's "before" view of it costs nothing.
  private Map<String, DistributedSwitch> switches;
  private final Map<String, HostNet> hosts = new LinkedHashMap<>();
  private final Set<String> appliedChanges = new HashSet<>();
  private final Map<String, Change> changes = new HashMap<>();

  /** The result of one step. */
  public sealed interface Outcome {
    record Applied(List<Move> moves, Set<String> touchedHosts) implements Outcome {
      public Applied {
        moves = List.copyOf(moves);
        touchedHosts = Set.copyOf(touchedHosts);
      }
    }

    record Invalid(String reason) implements Outcome {}

    /**
     * The step broke a precondition whose fix is not in doubt (a pnic or vmkernel adapter moved
     * onto a switch the host never joined, or a standard switch never created): the simulation
     * takes the missing step as done, applies this one and goes on, so the hazards after it are
     * reported too. {@code reason} says what was missing and what was assumed.
     */
    record Assumed(String reason, Applied applied) implements Outcome {}
  }

  public NetworkState(InventoryIndex index, ChangePlan plan) {
    plan.spec().changes().forEach(c -> changes.putIfAbsent(c.id(), c));
    Map<String, DistributedSwitch> configs = new LinkedHashMap<>();
    index.inventory().distributedSwitches().forEach(s -> configs.put(s.name(), s));
    switches = java.util.Collections.unmodifiableMap(configs);
    for (Host h : index.inventory().hosts()) {
      HostNet n = new HostNet(h.name(), h.connectionState(), h.vmCount(), h.maintenanceMode());
      h.pnics().forEach(p -> n.pnicsForWrite().put(p, null));
      for (StandardSwitch vss : h.standardSwitches()) {
        n.standardPortgroupsForWrite().put(vss.name(), new LinkedHashSet<>(vss.portgroups()));
        n.putStandardConf(vss.name(), standardConf(vss));
        for (String p : vss.pnics()) {
          n.pnicsForWrite().put(p, new HostNet.PnicAt(SwitchRef.standard(vss.name()), null));
        }
      }
      for (Vmkernel v : h.vmkernels()) {
        n.vmksForWrite()
            .put(v.device(), new HostNet.VmkAt(index.switchOf(h, v), v.portgroup(), v.services()));
      }
      n.vmsEvacuated = h.maintenanceMode();
      n.putVmGroups(vmGroups(index, h));
      hosts.put(h.name(), n);
    }
    for (DistributedSwitch s : index.inventory().distributedSwitches()) {
      for (Member m : s.members()) {
        HostNet n = hosts.get(m.host());
        n.memberOfForWrite().add(s.name());
        for (MemberPnic p : m.pnics()) {
          n.pnicsForWrite()
              .put(p.device(), new HostNet.PnicAt(SwitchRef.distributed(s.name()), p.uplink()));
        }
      }
    }
  }

  public Optional<HostNet> host(String name) {
    return Optional.ofNullable(hosts.get(name));
  }

  /**
   * A switch's configuration as it is now (version, MTU, LACP, portgroups, uplinks). Its {@code
   * members} are the snapshot's: who is a member now is each host's {@link HostNet#memberOf}, or
   * {@link #membersOf}.
   */
  public Optional<DistributedSwitch> distributedSwitch(String name) {
    return Optional.ofNullable(switches.get(name));
  }

  /**
   * The switch configurations as they are now: an immutable map, replaced (not changed) by later
   * steps.
   */
  public Map<String, DistributedSwitch> switchesSnapshot() {
    return switches;
  }

  /** The change of the plan with this id (the first, as {@link ChangePlan#change}). */
  public Optional<Change> change(String id) {
    return Optional.ofNullable(changes.get(id));
  }

  public boolean usesLacp(SwitchRef sw) {
    return sw != null
        && sw.distributed()
        && switches.containsKey(sw.name())
        && switches.get(sw.name()).usesLacp();
  }

  /** Hosts that are members of a distributed switch now, in inventory order; walks every host. */
  public List<String> membersOf(String dvs) {
    return hosts.values().stream().filter(h -> h.memberOf(dvs)).map(HostNet::name).toList();
  }

  public Outcome apply(String hostName, Step step) {
    HostNet h = hosts.get(hostName);
    if (h == null) {
      return new Outcome.Invalid("host '" + hostName + "' is not in the inventory");
    }
    if (step instanceof Step.EnterMaintenance) {
      h.maintenance = true;
      h.vmsEvacuated = true;
      return applied(h);
    }
    if (step instanceof Step.ExitMaintenance) {
      h.maintenance = false;
      return applied(h);
    }
    if (step instanceof Step.Verify) {
      return applied(h);
    }
    if (step instanceof Step.CreateStandardSwitch c) {
      if (h.hasStandardSwitch(c.switchName())) {
        return new Outcome.Invalid(
            "standard switch " + c.switchName() + " already exists on " + hostName);
      }
      Map<String, HostNet.StandardPortgroup> pgs = new LinkedHashMap<>();
      for (Step.StandardPortgroup p : c.portgroups()) {
        if (p.uplink() != null && !h.hasPnic(p.uplink())) {
          return new Outcome.Invalid(
              hostName
                  + " has no pnic "
                  + p.uplink()
                  + " for portgroup "
                  + p.name()
                  + " of "
                  + c.switchName());
        }
        pgs.put(
            p.name(),
            new HostNet.StandardPortgroup(
                p.vlan(), null, p.uplink() == null ? List.of() : List.of(p.uplink()), false));
      }
      h.standardPortgroupsForWrite().put(c.switchName(), new LinkedHashSet<>(pgs.keySet()));
      h.putStandardConf(c.switchName(), new HostNet.StandardConf(c.mtu(), pgs));
      return applied(h);
    }
    if (step instanceof Step.RemoveStandardSwitch r) {
      return removeStandard(h, r.switchName());
    }
    if (step instanceof Step.AddToSwitch a) {
      if (!switches.containsKey(a.switchName())) {
        return new Outcome.Invalid("no distributed switch named " + a.switchName());
      }
      if (h.memberOf(a.switchName())) {
        return new Outcome.Invalid(hostName + " is already a member of " + a.switchName());
      }
      h.memberOfForWrite().add(a.switchName());
      return applied(h);
    }
    if (step instanceof Step.RemoveFromSwitch r) {
      return removeFromSwitch(h, r.switchName());
    }
    if (step instanceof Step.MovePnic m) {
      return assumingTarget(h, m.to(), m.pnic(), m);
    }
    if (step instanceof Step.MoveVmkernel m) {
      return assumingTarget(h, m.to(), m.vmk(), m);
    }
    if (step instanceof Step.ReconfigureSwitch r) {
      return reconfigure(h, null, r.change());
    }
    if (step instanceof Step.MoveVmAdapters m) {
      return moveVmAdapters(h, m);
    }
    throw new IllegalStateException("unhandled step " + step.op());
  }

  /**
   * One step of a switch-level wave: the switch-wide change it names, applied to {@code switchName}
   * as vCenter does, once for every member.
   */
  public Outcome applyToSwitch(String switchName, Step step) {
    if (!(step instanceof Step.ReconfigureSwitch r)) {
      return new Outcome.Invalid(
          step.op() + " is a host's step; a switch-level wave holds only reconfigure-switch");
    }
    return reconfigure(null, switchName, r.change());
  }

  /**
   * A move onto a switch the host is not on yet, where the intent is clear: the host was meant to
   * join that distributed switch (add-to-switch) or to create that standard switch first. The
   * missing step is taken as done, so the rest of the rollout is still simulated.
   */
  private Outcome assumingTarget(HostNet h, SwitchRef to, String device, Step move) {
    String assumed = null;
    if (to.distributed() && switches.containsKey(to.name()) && !h.memberOf(to.name())) {
      h.memberOfForWrite().add(to.name());
      assumed =
          h.name
              + " is not a member of "
              + to.name()
              + "; it must join the switch (add-to-switch) before "
              + device
              + " can move there. The simulation assumes the join was meant and goes on";
    } else if (to.standard() && !h.hasStandardSwitch(to.name())) {
      h.standardPortgroupsForWrite().put(to.name(), new LinkedHashSet<>());
      assumed =
          "no standard switch "
              + to.name()
              + " on "
              + h.name
              + "; create it first (create-standard-switch)."
              + " The simulation assumes it was meant to be created and goes on";
    }
    Outcome out =
        move instanceof Step.MovePnic p ? movePnic(h, p) : moveVmk(h, (Step.MoveVmkernel) move);
    if (assumed == null) {
      return out;
    }
    if (out instanceof Outcome.Applied a) {
      return new Outcome.Assumed(assumed, a);
    }
    // The move fails for another reason as well: undo the assumption, report that reason.
    if (to.distributed()) {
      h.memberOfForWrite().remove(to.name());
    } else {
      h.standardPortgroupsForWrite().remove(to.name());
    }
    return out;
  }

  private Outcome applied(HostNet h, Move... moves) {
    return new Outcome.Applied(List.of(moves), Set.of(h.name));
  }

  private Outcome removeStandard(HostNet h, String vss) {
    SwitchRef ref = SwitchRef.standard(vss);
    if (!h.hasStandardSwitch(vss)) {
      return new Outcome.Invalid("no standard switch " + vss + " on " + h.name);
    }
    List<String> vmks = h.vmksOn(ref);
    if (!vmks.isEmpty()) {
      return new Outcome.Invalid(
          "ESXi refuses to remove "
              + vss
              + " while "
              + String.join(", ", vmks)
              + " are connected to it");
    }
    List<Move> moves = detachPnics(h, ref);
    h.standardPortgroupsForWrite().remove(vss);
    h.putStandardConf(vss, null);
    return new Outcome.Applied(moves, Set.of(h.name));
  }

  private Outcome removeFromSwitch(HostNet h, String dvs) {
    if (!h.memberOf(dvs)) {
      return new Outcome.Invalid(h.name + " is not a member of " + dvs);
    }
    SwitchRef ref = SwitchRef.distributed(dvs);
    List<String> vmks = h.vmksOn(ref);
    if (!vmks.isEmpty()) {
      return new Outcome.Invalid(
          "vCenter refuses to remove "
              + h.name
              + " from "
              + dvs
              + " while "
              + String.join(", ", vmks)
              + " are connected to it");
    }
    List<Move> moves = detachPnics(h, ref);
    h.memberOfForWrite().remove(dvs);
    return new Outcome.Applied(moves, Set.of(h.name));
  }

  private List<Move> detachPnics(HostNet h, SwitchRef sw) {
    boolean lacp = usesLacp(sw);
    List<Move> moves = new ArrayList<>();
    for (String p : h.pnicsOn(sw)) {
      moves.add(new Move(Move.Device.PNIC, p, sw, sw, null, lacp, false));
      h.pnicsForWrite().put(p, null);
      h.pnicLastSwitchForWrite().put(p, sw);
    }
    return moves;
  }

  private Outcome movePnic(HostNet h, Step.MovePnic m) {
    if (!h.hasPnic(m.pnic())) {
      return new Outcome.Invalid(h.name + " has no pnic " + m.pnic());
    }
    HostNet.PnicAt current = h.pnics.get(m.pnic());
    String uplink = null;
    if (m.to().distributed()) {
      DistributedSwitch target = switches.get(m.to().name());
      if (target == null) {
        return new Outcome.Invalid("no distributed switch named " + m.to().name());
      }
      if (!h.memberOf(target.name())) {
        return new Outcome.Invalid(
            h.name
                + " is not a member of "
                + target.name()
                + "; it must join the switch (add-to-switch) before a pnic can back one of its uplinks");
      }
      uplink =
          m.uplink() != null ? resolveUplink(target, h, m.uplink()) : firstFreeUplink(target, h);
      if (uplink == null) {
        return new Outcome.Invalid(
            m.uplink() == null
                ? "every uplink of " + target.name() + " is already backed by a pnic of " + h.name
                : "'"
                    + m.uplink()
                    + "' is not a free uplink or LAG port of "
                    + target.name()
                    + " on "
                    + h.name);
      }
    } else if (!h.hasStandardSwitch(m.to().name())) {
      return new Outcome.Invalid(
          "no standard switch "
              + m.to().name()
              + " on "
              + h.name
              + "; create it first (create-standard-switch)");
    } else if (m.uplink() != null) {
      return new Outcome.Invalid(
          "a standard switch has no uplink ports; drop 'uplink' from the step");
    }
    if (current != null
        && current.sw().equals(m.to())
        && java.util.Objects.equals(current.uplink(), uplink)) {
      return new Outcome.Invalid(m.pnic() + " is already on " + m.to());
    }
    SwitchRef origin = current != null ? current.sw() : h.pnicLastSwitch.get(m.pnic());
    Move move =
        new Move(
            Move.Device.PNIC,
            m.pnic(),
            current == null ? null : current.sw(),
            origin,
            m.to(),
            usesLacp(origin),
            usesLacp(m.to()));
    if (current != null) {
      h.pnicLastSwitchForWrite().put(m.pnic(), current.sw());
    }
    h.pnicsForWrite().put(m.pnic(), new HostNet.PnicAt(m.to(), uplink));
    return applied(h, move);
  }

  /** A LAG name stands for its first free port; otherwise the uplink must exist and be free. */
  private String resolveUplink(DistributedSwitch dvs, HostNet h, String wanted) {
    Set<String> used = usedUplinks(dvs.name(), h);
    Optional<Lag> lag = dvs.lag(wanted);
    if (lag.isPresent()) {
      for (int i = 0; i < Math.max(lag.get().uplinkCount(), 1); i++) {
        String port = wanted + "-" + i;
        if (!used.contains(port)) {
          return port;
        }
      }
      return null;
    }
    return dvs.hasUplinkPort(wanted) && !used.contains(wanted) ? wanted : null;
  }

  private String firstFreeUplink(DistributedSwitch dvs, HostNet h) {
    Set<String> used = usedUplinks(dvs.name(), h);
    return dvs.uplinks().stream().filter(u -> !used.contains(u)).findFirst().orElse(null);
  }

  private Set<String> usedUplinks(String dvs, HostNet h) {
    Set<String> used = new HashSet<>();
    SwitchRef ref = SwitchRef.distributed(dvs);
    for (HostNet.PnicAt a : h.pnics.values()) {
      if (a != null && a.sw().equals(ref)) {
        used.add(a.uplink());
      }
    }
    return used;
  }

  private Outcome moveVmk(HostNet h, Step.MoveVmkernel m) {
    HostNet.VmkAt current = h.vmks.get(m.vmk());
    if (current == null) {
      return new Outcome.Invalid(h.name + " has no vmkernel adapter " + m.vmk());
    }
    if (m.to().distributed()) {
      DistributedSwitch target = switches.get(m.to().name());
      if (target == null) {
        return new Outcome.Invalid("no distributed switch named " + m.to().name());
      }
      if (!h.memberOf(target.name())) {
        return new Outcome.Invalid(
            h.name
                + " is not a member of "
                + target.name()
                + "; it must join the switch (add-to-switch) before "
                + m.vmk()
                + " can move there");
      }
      Optional<Portgroup> pg = target.portgroup(m.portgroup());
      if (pg.isEmpty() || pg.get().uplinkPortgroup()) {
        return new Outcome.Invalid("no portgroup " + m.portgroup() + " on " + target.name());
      }
    } else {
      Set<String> pgs =
          h.standardPortgroups.containsKey(m.to().name())
              ? h.standardPortgroupsForWrite().get(m.to().name())
              : null;
      if (pgs == null) {
        return new Outcome.Invalid(
            "no standard switch "
                + m.to().name()
                + " on "
                + h.name
                + "; create it first (create-standard-switch)");
      }
      // vCenter's migration wizard creates the standard portgroup when it moves a vmkernel adapter;
      // what it carries is then assumed to mirror the portgroup the adapter leaves.
      if (pgs.add(m.portgroup())) {
        if (m.vlan() != null) {
          HostNet.StandardConf conf = h.standardConf.get(m.to().name());
          h.putStandardConf(
              m.to().name(),
              conf.with(
                  m.portgroup(), new HostNet.StandardPortgroup(m.vlan(), null, List.of(), false)));
        } else {
          mirror(h, m.to().name(), m.portgroup(), current.sw(), current.portgroup());
        }
      }
    }
    if (current.sw().equals(m.to()) && current.portgroup().equals(m.portgroup())) {
      return new Outcome.Invalid(m.vmk() + " is already on " + m.to() + " / " + m.portgroup());
    }
    Move move =
        new Move(
            Move.Device.VMKERNEL,
            m.vmk(),
            current.sw(),
            current.sw(),
            m.to(),
            usesLacp(current.sw()),
            usesLacp(m.to()));
    h.vmkLastSwitchForWrite().put(m.vmk(), current.sw());
    h.vmksForWrite().put(m.vmk(), new HostNet.VmkAt(m.to(), m.portgroup(), current.services()));
    return applied(h, move);
  }

  private static Map<HostNet.VmOrigin, HostNet.VmGroup> vmGroups(InventoryIndex index, Host h) {
    Map<HostNet.VmOrigin, HostNet.VmGroup> out = new LinkedHashMap<>();
    for (VmAdapter a : h.vmAdapters()) {
      HostNet.VmOrigin o = new HostNet.VmOrigin(index.switchOf(h, a.switchName()), a.portgroup());
      HostNet.VmGroup g = out.get(o);
      out.put(
          o,
          g == null
              ? new HostNet.VmGroup(o.sw(), o.portgroup(), 1, a.vm() + " " + a.adapter())
              : new HostNet.VmGroup(g.sw(), g.portgroup(), g.adapters() + 1, g.example()));
    }
    return out;
  }

  private Outcome moveVmAdapters(HostNet h, Step.MoveVmAdapters m) {
    String target = m.target();
    if (m.to().distributed()) {
      DistributedSwitch sw = switches.get(m.to().name());
      if (sw == null) {
        return new Outcome.Invalid("no distributed switch named " + m.to().name());
      }
      if (!h.memberOf(sw.name())) {
        return new Outcome.Invalid(
            h.name
                + " is not a member of "
                + sw.name()
                + "; VM adapters on it cannot use "
                + "its portgroups");
      }
      if (sw.portgroup(target).filter(p -> !p.uplinkPortgroup()).isEmpty()) {
        return new Outcome.Invalid("no portgroup " + target + " on " + sw.name());
      }
    } else if (!h.standardPortgroups.getOrDefault(m.to().name(), Set.of()).contains(target)) {
      return new Outcome.Invalid(
          "no portgroup "
              + target
              + " on standard switch "
              + m.to().name()
              + " of "
              + h.name
              + "; name it in the switch's create-standard-switch portgroups");
    }
    Map<HostNet.VmOrigin, HostNet.VmGroup> next = new LinkedHashMap<>(h.vmGroups);
    boolean moved = false;
    for (Map.Entry<HostNet.VmOrigin, HostNet.VmGroup> e : h.vmGroups.entrySet()) {
      HostNet.VmGroup g = e.getValue();
      if (g.sw().equals(m.from()) && g.portgroup().equals(m.portgroup())) {
        next.put(e.getKey(), new HostNet.VmGroup(m.to(), target, g.adapters(), g.example()));
        moved = true;
      }
    }
    if (!moved) {
      return new Outcome.Invalid(
          "no VM adapter of " + h.name + " is on " + m.from() + " / " + m.portgroup());
    }
    h.putVmGroups(next);
    return applied(h);
  }

  /**
   * A standard portgroup the plan does not describe, assumed to carry what {@code from / fromPg}
   * carries.
   */
  private void mirror(HostNet h, String vss, String portgroup, SwitchRef from, String fromPg) {
    Optional<Segment> source = Segment.of(this, h, from, fromPg);
    HostNet.StandardConf conf = h.standardConf.get(vss);
    Integer vlan = source.map(Segment::vlan).orElse(null);
    Integer mtu = conf != null && conf.mtu() != null ? null : source.map(Segment::mtu).orElse(null);
    HostNet.StandardPortgroup pg = new HostNet.StandardPortgroup(vlan, mtu, List.of(), true);
    h.putStandardConf(
        vss,
        conf == null
            ? new HostNet.StandardConf(null, Map.of(portgroup, pg))
            : conf.with(portgroup, pg));
  }

  private static HostNet.StandardConf standardConf(StandardSwitch vss) {
    Map<String, HostNet.StandardPortgroup> pgs = new LinkedHashMap<>();
    for (String name : vss.portgroups()) {
      Optional<StandardSwitch.PortgroupSettings> s = vss.settings(name);
      List<String> uplinks = new ArrayList<>();
      s.map(StandardSwitch.PortgroupSettings::teaming)
          .ifPresent(
              t -> {
                uplinks.addAll(t.active());
                uplinks.addAll(t.standby());
              });
      pgs.put(
          name,
          new HostNet.StandardPortgroup(
              s.map(StandardSwitch.PortgroupSettings::vlan).orElse(null), null, uplinks, false));
    }
    return new HostNet.StandardConf(vss.mtu(), pgs);
  }

  /**
   * A switch-wide change lands on every member at once (the first host's share applies it); every
   * member is touched then, because its connectivity may change with it. A later share changes
   * nothing on any host, so it touches only its own.
   */
  private Outcome reconfigure(HostNet h, String switchName, String changeId) {
    Optional<Change> change = change(changeId);
    if (change.isEmpty() || !change.get().switchWide()) {
      return new Outcome.Invalid(
          "reconfigure-switch names '"
              + changeId
              + "', which is not a switch-wide change of this plan");
    }
    String dvs = change.get().distributedSwitches().get(0);
    if (switchName != null && !switchName.equals(dvs)) {
      return new Outcome.Invalid(
          changeId
              + " changes "
              + dvs
              + ", not "
              + switchName
              + "; put it in a switch-level wave of "
              + dvs);
    }
    DistributedSwitch sw = switches.get(dvs);
    if (sw == null) {
      return new Outcome.Invalid("no distributed switch named " + dvs);
    }
    if (h != null && !h.memberOf(dvs)) {
      return new Outcome.Invalid(h.name + " is not a member of " + dvs);
    }
    if (!appliedChanges.add(changeId)) {
      return new Outcome.Applied(List.of(), h == null ? Set.of() : Set.of(h.name));
    }
    Map<String, DistributedSwitch> next = new LinkedHashMap<>(switches);
    next.put(dvs, SwitchChanges.apply(sw, change.get()));
    switches = java.util.Collections.unmodifiableMap(next);
    return new Outcome.Applied(List.of(), new LinkedHashSet<>(membersOf(dvs)));
  }
}
