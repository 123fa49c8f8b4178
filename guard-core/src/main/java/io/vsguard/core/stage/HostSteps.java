package io.vsguard.core.stage;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.DistributedSwitch.MemberPnic;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Portgroup;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.SwitchRef;
import io.vsguard.core.sim.ExecutionBuilder;
import io.vsguard.core.sim.InventoryIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The safe per-host step sequence for one change. The order is the point:
 *
 * <ul>
 *   <li>off an LACP switch, every pnic and vmkernel goes through a temporary standard switch
 *       (VMware's transitional step); one LAG port moves first so management always keeps a path,
 *       the management vmkernel moves before the last pnic;
 *   <li>onto the target, a pnic that can carry management moves before the vmkernels;
 *   <li>maintenance mode whenever an LACP link is touched.
 * </ul>
 *
 * Returns an error text instead of steps when no order keeps management up.
 */
final class HostSteps {
  static final String TRANSIT_SWITCH = "vSwitch-vsguard";

  private HostSteps() {}

  record Result(List<Step> steps, String problem) {
    static Result of(List<Step> steps) {
      return new Result(List.copyOf(steps), null);
    }

    static Result refuse(String problem) {
      return new Result(List.of(), problem);
    }
  }

  static Result forChange(Change c, Host h, InventoryIndex idx) {
    if (c instanceof Change.MigrateHosts m) {
      return migrate(m, h, idx);
    }
    if (c instanceof Change.AddHosts a) {
      DistributedSwitch sw = idx.distributedSwitch(a.switchName()).orElseThrow();
      List<Step> steps = new ArrayList<>();
      boolean lacp = sw.usesLacp() && !a.pnics().isEmpty();
      if (lacp) {
        steps.add(new Step.EnterMaintenance());
      }
      steps.add(new Step.AddToSwitch(a.switchName()));
      a.pnics()
          .forEach(
              (p, u) -> steps.add(new Step.MovePnic(p, SwitchRef.distributed(a.switchName()), u)));
      steps.add(new Step.Verify());
      if (lacp) {
        steps.add(new Step.ExitMaintenance());
      }
      return Result.of(steps);
    }
    if (c instanceof Change.RemoveHosts r) {
      List<Vmkernel> vmks = ExecutionBuilder.vmksOn(h, SwitchRef.distributed(r.switchName()), idx);
      if (!vmks.isEmpty()) {
        return Result.refuse(
            h.name()
                + " still has "
                + names(vmks)
                + " on "
                + r.switchName()
                + "; migrate them off the switch (migrate-hosts) before removing the host");
      }
      boolean lacp =
          idx.distributedSwitch(r.switchName()).map(DistributedSwitch::usesLacp).orElse(false);
      List<Step> steps = new ArrayList<>();
      if (lacp) {
        steps.add(new Step.EnterMaintenance());
      }
      steps.add(new Step.RemoveFromSwitch(r.switchName()));
      steps.add(new Step.Verify());
      if (lacp) {
        steps.add(new Step.ExitMaintenance());
      }
      return Result.of(steps);
    }
    throw new IllegalArgumentException(c.action() + " is switch-wide; it has no per-host steps");
  }

  private static Result migrate(Change.MigrateHosts m, Host h, InventoryIndex idx) {
    DistributedSwitch from = idx.distributedSwitch(m.from().name()).orElseThrow();
    Optional<DistributedSwitch> target =
        m.to().distributed() ? idx.distributedSwitch(m.to().name()) : Optional.empty();
    List<String> pnics =
        idx
            .member(from.name(), h.name())
            .map(DistributedSwitch.Member::pnics)
            .orElse(List.of())
            .stream()
            .map(MemberPnic::device)
            .toList();
    // management first, then the others in inventory order
    List<Vmkernel> vmks =
        ExecutionBuilder.vmksOn(h, m.from(), idx).stream()
            .sorted(Comparator.comparing((Vmkernel v) -> !v.carriesManagement()))
            .toList();
    boolean sourceLacp = from.usesLacp();
    boolean targetLacp = target.map(DistributedSwitch::usesLacp).orElse(false);
    List<Step> steps = new ArrayList<>();
    boolean maintenance = sourceLacp || targetLacp;
    if (maintenance) {
      steps.add(new Step.EnterMaintenance());
    }
    List<String> onTarget = new ArrayList<>(pnics);
    if (sourceLacp) {
      String vss = transitName(h);
      SwitchRef transit = SwitchRef.standard(vss);
      if (pnics.size() < 2 && !vmks.isEmpty()) {
        return Result.refuse(
            h.name()
                + " has a single pnic on "
                + from.name()
                + "; moving it takes the vmkernels down with it. Add a second pnic to the LAG first");
      }
      // On to a standard target, the transit's first pnic leaves before its vmkernels do: pin no
      // uplink.
      boolean pin = !m.to().standard() || m.to().name().equals(vss);
      steps.add(mirrored(vss, from, pin ? pnics : List.of(), vmks, Vmkernel::portgroup));
      if (!pnics.isEmpty()) {
        steps.add(new Step.MovePnic(pnics.get(pnics.size() - 1), transit, null));
      }
      for (Vmkernel v : vmks) {
        steps.add(new Step.MoveVmkernel(v.device(), transit, v.portgroup()));
      }
      for (int i = 0; i < pnics.size() - 1; i++) {
        steps.add(new Step.MovePnic(pnics.get(i), transit, null));
      }
      steps.add(new Step.RemoveFromSwitch(from.name()));
      if (m.to().standard()) {
        return finishOnStandard(m, h, from, steps, vss, pnics, vmks, maintenance);
      }
      onto(m, h, target.get(), idx, steps, pnics, vmks);
      steps.add(new Step.RemoveStandardSwitch(vss));
    } else {
      if (m.to().standard()) {
        if (h.standardSwitch(m.to().name()).isEmpty()) {
          steps.add(
              mirrored(
                  m.to().name(),
                  from,
                  pnics,
                  vmks,
                  v -> ExecutionBuilder.targetPortgroup(m, v, idx)));
        }
        if (!pnics.isEmpty()) {
          steps.add(new Step.MovePnic(pnics.get(pnics.size() - 1), m.to(), null));
        }
        for (Vmkernel v : vmks) {
          steps.add(ontoStandard(h, from, v, m.to(), ExecutionBuilder.targetPortgroup(m, v, idx)));
        }
        for (int i = 0; i < pnics.size() - 1; i++) {
          steps.add(new Step.MovePnic(pnics.get(i), m.to(), null));
        }
        steps.add(new Step.RemoveFromSwitch(from.name()));
      } else if (vcenterFallback(h, idx, pnics, vmks)) {
        parkManagement(m, h, from, target.get(), idx, steps, pnics, vmks);
        steps.add(new Step.RemoveFromSwitch(from.name()));
      } else {
        onto(m, h, target.get(), idx, steps, onTarget, vmks);
        steps.add(new Step.RemoveFromSwitch(from.name()));
      }
    }
    steps.add(new Step.Verify());
    if (maintenance) {
      steps.add(new Step.ExitMaintenance());
    }
    return Result.of(steps);
  }

  /**
   * The LACP source's final hop when the target is itself a standard switch: rename nothing, keep
   * it.
   */
  private static Result finishOnStandard(
      Change.MigrateHosts m,
      Host h,
      DistributedSwitch from,
      List<Step> steps,
      String vss,
      List<String> pnics,
      List<Vmkernel> vmks,
      boolean maintenance) {
    SwitchRef to = m.to();
    if (!to.name().equals(vss)) {
      if (h.standardSwitch(to.name()).isEmpty()) {
        steps.add(
            mirrored(
                to.name(),
                from,
                pnics,
                vmks,
                v -> m.vmkernels().getOrDefault(v.device(), v.portgroup())));
      }
      if (!pnics.isEmpty()) {
        steps.add(new Step.MovePnic(pnics.get(pnics.size() - 1), to, null));
      }
      for (Vmkernel v : vmks) {
        steps.add(
            ontoStandard(h, from, v, to, m.vmkernels().getOrDefault(v.device(), v.portgroup())));
      }
      for (int i = 0; i < pnics.size() - 1; i++) {
        steps.add(new Step.MovePnic(pnics.get(i), to, null));
      }
      steps.add(new Step.RemoveStandardSwitch(vss));
    }
    steps.add(new Step.Verify());
    if (maintenance) {
      steps.add(new Step.ExitMaintenance());
    }
    return Result.of(steps);
  }

  /**
   * Joins the target and moves onto it: a pnic that carries the management portgroup first (unless
   * one already does), then the vmkernels, then the remaining pnics. Every pnic gets an explicit
   * uplink, so the rollout says exactly what the engineer will click.
   */
  private static void onto(
      Change.MigrateHosts m,
      Host h,
      DistributedSwitch target,
      InventoryIndex idx,
      List<Step> steps,
      List<String> pnics,
      List<Vmkernel> vmks) {
    SwitchRef to = m.to();
    Optional<DistributedSwitch.Member> membership = idx.member(target.name(), h.name());
    if (membership.isEmpty()) {
      steps.add(new Step.AddToSwitch(target.name()));
    }
    Map<String, String> uplinks = assignUplinks(m, target, membership, pnics);
    List<String> remaining = new ArrayList<>(pnics);
    Optional<Vmkernel> mgmt = vmks.stream().filter(Vmkernel::carriesManagement).findFirst();
    if (mgmt.isPresent()) {
      Portgroup.Teaming t =
          target
              .portgroup(ExecutionBuilder.targetPortgroup(m, mgmt.get(), idx))
              .map(Portgroup::teaming)
              .orElse(null);
      boolean alreadyCarried =
          membership.stream()
              .flatMap(mem -> mem.pnics().stream())
              .anyMatch(p -> target.carries(t, p.uplink()));
      if (!alreadyCarried) {
        remaining.stream()
            .filter(p -> target.carries(t, port(target, uplinks.get(p))))
            .findFirst()
            .ifPresent(
                p -> {
                  steps.add(new Step.MovePnic(p, to, uplinks.get(p)));
                  remaining.remove(p);
                });
      }
    }
    for (Vmkernel v : vmks) {
      steps.add(new Step.MoveVmkernel(v.device(), to, ExecutionBuilder.targetPortgroup(m, v, idx)));
    }
    for (String p : remaining) {
      steps.add(new Step.MovePnic(p, to, uplinks.get(p)));
    }
  }

  /**
   * The vCenter appliance's host never moves its management vmkernel straight from one distributed
   * switch to another (vcenter-host-last): if the new portgroup is wrong, vCenter loses its own
   * host and nothing can roll it back. It needs a pnic to spare for the fallback.
   */
  private static boolean vcenterFallback(
      Host h, InventoryIndex idx, List<String> pnics, List<Vmkernel> vmks) {
    return idx.vcenterHost().filter(h.name()::equals).isPresent()
        && pnics.size() >= 2
        && vmks.stream().anyMatch(Vmkernel::carriesManagement);
  }

  /**
   * The vCenter host's order: management parked on a temporary standard switch with one pnic, the
   * other pnics and vmkernels onto the target, then management and the last pnic, and the standard
   * switch removed.
   */
  private static void parkManagement(
      Change.MigrateHosts m,
      Host h,
      DistributedSwitch from,
      DistributedSwitch target,
      InventoryIndex idx,
      List<Step> steps,
      List<String> pnics,
      List<Vmkernel> vmks) {
    SwitchRef park = SwitchRef.standard(transitName(h));
    String spare = pnics.get(pnics.size() - 1);
    List<Vmkernel> mgmt = vmks.stream().filter(Vmkernel::carriesManagement).toList();
    // The parked management portgroup is mirrored like any transit portgroup (VLAN, MTU, the spare
    // pnic).
    steps.add(mirrored(park.name(), from, List.of(spare), mgmt, Vmkernel::portgroup));
    steps.add(new Step.MovePnic(spare, park, null));
    mgmt.forEach(v -> steps.add(new Step.MoveVmkernel(v.device(), park, v.portgroup())));
    Optional<DistributedSwitch.Member> membership = idx.member(target.name(), h.name());
    if (membership.isEmpty()) {
      steps.add(new Step.AddToSwitch(target.name()));
    }
    Map<String, String> uplinks = assignUplinks(m, target, membership, pnics);
    SwitchRef to = m.to();
    pnics.stream()
        .filter(p -> !p.equals(spare))
        .forEach(p -> steps.add(new Step.MovePnic(p, to, uplinks.get(p))));
    vmks.stream()
        .filter(v -> !v.carriesManagement())
        .forEach(
            v ->
                steps.add(
                    new Step.MoveVmkernel(
                        v.device(), to, ExecutionBuilder.targetPortgroup(m, v, idx))));
    mgmt.forEach(
        v ->
            steps.add(
                new Step.MoveVmkernel(
                    v.device(), to, ExecutionBuilder.targetPortgroup(m, v, idx))));
    steps.add(new Step.MovePnic(spare, to, uplinks.get(spare)));
    steps.add(new Step.RemoveStandardSwitch(park.name()));
  }

  /**
   * The plan's uplinks map first; unmapped pnics take the target's free standalone uplinks in
   * order.
   */
  private static Map<String, String> assignUplinks(
      Change.MigrateHosts m,
      DistributedSwitch target,
      Optional<DistributedSwitch.Member> membership,
      List<String> pnics) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    List<String> used =
        new ArrayList<>(
            membership
                .map(mem -> mem.pnics().stream().map(MemberPnic::uplink).toList())
                .orElse(List.of()));
    used.addAll(m.uplinks().values());
    java.util.Iterator<String> free =
        target.uplinks().stream().filter(u -> !used.contains(u)).iterator();
    for (String p : pnics) {
      String mapped = m.uplinks().get(p);
      out.put(p, mapped != null ? mapped : free.hasNext() ? free.next() : null);
    }
    return out;
  }

  /** A LAG named as a target stands for its ports; any of them tells whether the LAG serves. */
  private static String port(DistributedSwitch target, String uplink) {
    return uplink != null && target.lag(uplink).isPresent() ? uplink + "-0" : uplink;
  }

  /**
   * A standard switch that mirrors what the vmkernels need from {@code from}: its MTU, and for each
   * adapter a portgroup (named by {@code nameOf}) on the VLAN of the distributed portgroup it
   * stands in for, using the pnic that is moved onto the switch first (the last of {@code pnics};
   * none given: every pnic of the switch), the way the PowerCLI migration scripts mirror a
   * distributed switch. A portgroup whose VLAN the snapshot does not give (a trunk, a private VLAN)
   * is left out rather than guessed; the check then warns that it is assumed.
   */
  private static Step.CreateStandardSwitch mirrored(
      String vss,
      DistributedSwitch from,
      List<String> pnics,
      List<Vmkernel> vmks,
      java.util.function.Function<Vmkernel, String> nameOf) {
    String uplink = pnics.isEmpty() ? null : pnics.get(pnics.size() - 1);
    Map<String, Step.StandardPortgroup> pgs = new java.util.LinkedHashMap<>();
    for (Vmkernel v : vmks) {
      Integer vlan = from.portgroup(v.portgroup()).map(Portgroup::vlan).orElse(null);
      String name = nameOf.apply(v);
      if (vlan != null) {
        pgs.putIfAbsent(name, new Step.StandardPortgroup(name, vlan, uplink));
      }
    }
    return new Step.CreateStandardSwitch(vss, from.mtu(), List.copyOf(pgs.values()));
  }

  /**
   * A vmkernel moving onto a standard switch of the snapshot that lacks its portgroup: the move
   * creates it, on the VLAN of the distributed portgroup it leaves (when the snapshot gives it).
   */
  private static Step.MoveVmkernel ontoStandard(
      Host h, DistributedSwitch from, Vmkernel v, SwitchRef to, String pg) {
    boolean creates =
        h.standardSwitch(to.name()).map(s -> !s.portgroups().contains(pg)).orElse(false);
    Integer vlan = creates ? from.portgroup(v.portgroup()).map(Portgroup::vlan).orElse(null) : null;
    return new Step.MoveVmkernel(v.device(), to, pg, vlan);
  }

  private static String transitName(Host h) {
    String name = TRANSIT_SWITCH;
    for (int i = 2; h.standardSwitch(name).isPresent(); i++) {
      name = TRANSIT_SWITCH + "-" + i;
    }
    return name;
  }

  private static String names(List<Vmkernel> vmks) {
    return String.join(", ", vmks.stream().map(Vmkernel::device).toList());
  }
}
