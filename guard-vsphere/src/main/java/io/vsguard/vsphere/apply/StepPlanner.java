package io.vsguard.vsphere.apply;

import io.vsguard.core.plan.Step;
import io.vsguard.vsphere.apply.VimCall.MemberSpec;
import io.vsguard.vsphere.apply.VimCall.Op;
import io.vsguard.vsphere.apply.VimCall.PortgroupSpec;
import io.vsguard.vsphere.apply.VimCall.VswitchEdit;
import io.vsguard.vsphere.apply.VimCall.VswitchSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a rollout step into the exact vim25 calls that carry it out on one host, from the state the
 * host and the switches are in (the harness README's "From rollout steps to vim25 calls"):
 *
 * <ul>
 *   <li>enter-maintenance / exit-maintenance: EnterMaintenanceMode_Task / ExitMaintenanceMode_Task;
 *   <li>create-standard-switch S: AddVirtualSwitch(S, no bridge); remove-standard-switch S:
 *       RemoveVirtualSwitch(S), which removes its portgroups with it;
 *   <li>move-pnic P to standard:S: one UpdateNetworkConfig(modify) in which the switch that has P
 *       releases it (a proxy switch's backing or another standard switch's bridge) and S bridges it
 *       — release and claim are atomic, so P is never on two switches nor on none;
 *   <li>move-pnic P to D (uplink U): ReconfigureDvs_Task(configVersion, host edit) with the host's
 *       backing on D plus P on U's DV port (a LAG name: its first free port; no uplink: the first
 *       free plain uplink); vCenter takes P from wherever it is;
 *   <li>move-vmkernel V to standard:S / PG: AddPortGroup(PG on S, the VLAN of V's current
 *       portgroup) when the host has no PG, then UpdateVirtualNic(V, portgroup PG);
 *   <li>move-vmkernel V to D / PG: UpdateVirtualNic(V, distributedVirtualPort(D's uuid, PG's key));
 *   <li>add-to-switch / remove-from-switch D: ReconfigureDvs_Task(configVersion, host add /
 *       remove);
 *   <li>verify: no call; a read of the host's connection state, which must be connected;
 *   <li>reconfigure-switch: not carried out by apply (a switch-wide change is made once, on the
 *       switch).
 * </ul>
 *
 * A step whose end state already holds plans no call (its note says so), so a host can be taken up
 * again where a halted run left it. A step that cannot be planned is a {@link PlanningException}.
 */
public final class StepPlanner {
  /** ESXi's limit on a standard switch name. */
  static final int MAX_VSWITCH_NAME = 32;

  /**
   * {@code maintenanceTimeoutSeconds} is the timeout EnterMaintenanceMode_Task and
   * ExitMaintenanceMode_Task are sent with (0: vCenter waits as long as evacuation takes, as the
   * vSphere Client does); {@code standardSwitchPorts} is a new standard switch's numPorts.
   */
  public record Options(
      int maintenanceTimeoutSeconds, boolean evacuatePoweredOffVms, int standardSwitchPorts) {
    public static final Options DEFAULTS = new Options(0, true, 128);

    public Options {
      if (maintenanceTimeoutSeconds < 0) {
        throw new IllegalArgumentException("maintenanceTimeoutSeconds must be 0 or more");
      }
      if (standardSwitchPorts < 8 || standardSwitchPorts > 4096) {
        throw new IllegalArgumentException("standardSwitchPorts must be 8 to 4096");
      }
    }
  }

  private final Options options;

  public StepPlanner(Options options) {
    this.options = options;
  }

  /** The calls for {@code step} on {@code state}'s host; writes nothing. */
  public StepPlan plan(Step step, LiveState state) throws PlanningException {
    LiveHost h = state.host();
    HostRef ref = h.hostRef();
    if (step instanceof Step.EnterMaintenance) {
      return h.inMaintenanceMode()
          ? none(h, step, "already in maintenance mode")
          : calls(
              h,
              step,
              new VimCall.EnterMaintenanceMode(
                  ref, options.maintenanceTimeoutSeconds(), options.evacuatePoweredOffVms()));
    } else if (step instanceof Step.ExitMaintenance) {
      return !h.inMaintenanceMode()
          ? none(h, step, "not in maintenance mode")
          : calls(
              h, step, new VimCall.ExitMaintenanceMode(ref, options.maintenanceTimeoutSeconds()));
    } else if (step instanceof Step.CreateStandardSwitch c) {
      return createStandardSwitch(h, c);
    } else if (step instanceof Step.RemoveStandardSwitch r) {
      return h.vswitch(r.switchName()).isEmpty()
          ? none(h, step, "no standard switch " + Text.visible(r.switchName()))
          : calls(h, step, new VimCall.RemoveVirtualSwitch(ref, r.switchName()));
    } else if (step instanceof Step.MovePnic m && m.to().standard()) {
      return pnicToStandard(state, m);
    } else if (step instanceof Step.MovePnic m) {
      return pnicToDistributed(state, m);
    } else if (step instanceof Step.MoveVmkernel m && m.to().standard()) {
      return vmkToStandard(state, m);
    } else if (step instanceof Step.MoveVmkernel m) {
      return vmkToDistributed(state, m);
    } else if (step instanceof Step.RemoveFromSwitch r) {
      LiveSwitch d = dvs(state, step, r.switchName());
      return h.proxy(d.uuid()).isEmpty()
          ? none(h, step, "not a member of " + Text.visible(d.name()))
          : calls(
              h,
              step,
              new VimCall.ReconfigureDvs(
                  d.dvsRef(), d.configVersion(), List.of(new MemberSpec(Op.REMOVE, ref, null))));
    } else if (step instanceof Step.AddToSwitch a) {
      LiveSwitch d = dvs(state, step, a.switchName());
      return h.proxy(d.uuid()).isPresent()
          ? none(h, step, "already a member of " + Text.visible(d.name()))
          : calls(
              h,
              step,
              new VimCall.ReconfigureDvs(
                  d.dvsRef(), d.configVersion(), List.of(new MemberSpec(Op.ADD, ref, null))));
    } else if (step instanceof Step.Verify) {
      return new StepPlan(h.name(), step, List.of(), List.of(new Check(ref, "connected")), null);
    } else if (step instanceof Step.ReconfigureSwitch r) {
      throw new PlanningException(
          where(h, step)
              + "not supported by apply: a switch-wide change (change "
              + Text.visible(r.change())
              + ") is made once on the switch, not host by host; make it in the vSphere"
              + " Client, then apply the host steps");
    }
    throw new PlanningException(where(h, step) + "no vim25 translation for " + step.op());
  }

  /**
   * The switch at the plan's MTU (none given: ESXi's default), then each portgroup the plan mirrors
   * onto it with its VLAN. The portgroups start with the switch's failover order (the switch has no
   * pnic yet that an order could name); the move that bridges a second pnic pins them to the first
   * ({@link #pnicToStandard}), the plan's uplink. What already exists (a resumed apply) is left as
   * it is.
   */
  private StepPlan createStandardSwitch(LiveHost h, Step.CreateStandardSwitch c)
      throws PlanningException {
    String name = name(h, c, c.switchName(), MAX_VSWITCH_NAME);
    List<VimCall> calls = new ArrayList<>();
    if (h.vswitch(name).isEmpty()) {
      calls.add(
          new VimCall.AddVirtualSwitch(
              h.hostRef(),
              name,
              new VswitchSpec(
                  options.standardSwitchPorts(), c.mtu() == null ? 0 : c.mtu(), List.of())));
    }
    for (Step.StandardPortgroup pg : c.portgroups()) {
      String pgName = name(h, c, pg.name(), Integer.MAX_VALUE);
      if (h.portgroup(pgName).isEmpty()) {
        calls.add(
            new VimCall.AddPortGroup(h.hostRef(), new PortgroupSpec(pgName, pg.vlan(), name)));
      }
    }
    return calls.isEmpty()
        ? none(h, c, "standard switch " + Text.visible(name) + " exists")
        : new StepPlan(h.name(), c, calls, List.of(), null);
  }

  private StepPlan pnicToStandard(LiveState state, Step.MovePnic m) throws PlanningException {
    LiveHost h = state.host();
    String pnic = pnic(h, m, m.pnic());
    LiveHost.Vswitch to =
        h.vswitch(m.to().name())
            .orElseThrow(
                () ->
                    new PlanningException(
                        where(h, m)
                            + "no standard switch "
                            + Text.visible(m.to().name())
                            + " on the host (create-standard-switch first)"));
    if (to.pnics().contains(pnic)) {
      return none(h, m, Text.visible(pnic) + " is on " + Text.visible(to.name()));
    }
    List<VswitchEdit> vswitches = new ArrayList<>();
    h.vswitchOf(pnic)
        .ifPresent(
            from ->
                vswitches.add(
                    new VswitchEdit(
                        Op.EDIT,
                        from.name(),
                        new VswitchSpec(
                            from.numPorts(), from.mtu(), without(from.pnics(), pnic)))));
    List<String> bridged = new ArrayList<>(to.pnics());
    bridged.add(pnic);
    vswitches.add(
        new VswitchEdit(Op.EDIT, to.name(), new VswitchSpec(to.numPorts(), to.mtu(), bridged)));
    List<VimCall.ProxyEdit> proxies = new ArrayList<>();
    for (LiveHost.Proxy px : h.proxies()) {
      if (px.pnic(pnic).isPresent()) {
        LiveSwitch d =
            state
                .switchWithUuid(px.dvsUuid())
                .orElseThrow(
                    () ->
                        new PlanningException(
                            where(h, m)
                                + "the host's proxy switch "
                                + Text.visible(px.dvsUuid())
                                + " has no distributed switch in vCenter"));
        List<PnicOnPort> rest = new ArrayList<>(px.backing());
        rest.removeIf(b -> b.pnic().equals(pnic));
        proxies.add(new VimCall.ProxyEdit(d.dvsRef(), rest));
      }
    }
    // A pnic joining a switch that already carries traffic: the portgroups that inherit the
    // switch's order are pinned to the pnics they use now, in the same call, so the newcomer (a
    // port that may still be in the physical switch's LACP channel) carries none of their
    // traffic. This is what the staged plan's portgroup `uplink` says and what the simulation
    // assumes: the transit switch's portgroups stay on the pnic moved first.
    List<VimCall.PortgroupEdit> pinned = new ArrayList<>();
    if (!to.pnics().isEmpty()) {
      for (LiveHost.Portgroup pg : h.portgroups()) {
        if (pg.vswitch().equals(to.name()) && pg.active().isEmpty()) {
          pinned.add(
              new VimCall.PortgroupEdit(
                  Op.EDIT, new PortgroupSpec(pg.name(), pg.vlan(), to.name(), to.pnics())));
        }
      }
    }
    return calls(
        h, m, new VimCall.UpdateNetworkConfig(h.hostRef(), vswitches, proxies, pinned, List.of()));
  }

  private StepPlan pnicToDistributed(LiveState state, Step.MovePnic m) throws PlanningException {
    LiveHost h = state.host();
    String pnic = pnic(h, m, m.pnic());
    LiveSwitch d = dvs(state, m, m.to().name());
    LiveHost.Proxy px =
        h.proxy(d.uuid())
            .orElseThrow(
                () ->
                    new PlanningException(
                        where(h, m)
                            + "the host is not a member of "
                            + Text.visible(d.name())
                            + " (add-to-switch first)"));
    List<PnicOnPort> backing = new ArrayList<>(px.backing());
    PnicOnPort current = px.pnic(pnic).orElse(null);
    backing.removeIf(b -> b.pnic().equals(pnic));
    LiveHost.Port port = port(h, m, d, px, backing);
    if (current != null && same(current, port)) {
      return none(
          h,
          m,
          Text.visible(pnic)
              + " is on "
              + Text.visible(port.name())
              + " of "
              + Text.visible(d.name()));
    }
    backing.add(new PnicOnPort(pnic, port.key(), port.name(), d.uplinkPortgroupKey()));
    return calls(
        h,
        m,
        new VimCall.ReconfigureDvs(
            d.dvsRef(), d.configVersion(), List.of(new MemberSpec(Op.EDIT, h.hostRef(), backing))));
  }

  /**
   * The named uplink, a LAG's first free port, or (no uplink named) the first free plain uplink.
   */
  private static LiveHost.Port port(
      LiveHost h, Step.MovePnic m, LiveSwitch d, LiveHost.Proxy px, List<PnicOnPort> others)
      throws PlanningException {
    Set<String> taken = new HashSet<>();
    others.forEach(b -> taken.add(b.portKey() != null ? b.portKey() : "name:" + b.portName()));
    Set<String> lagPorts = new HashSet<>();
    px.lags().forEach(l -> l.ports().forEach(p -> lagPorts.add(id(p))));
    String uplink = m.uplink();
    if (uplink == null) {
      for (LiveHost.Port p : px.uplinkPorts()) {
        if (!lagPorts.contains(id(p)) && !taken.contains(id(p))) {
          return p;
        }
      }
      throw new PlanningException(
          where(h, m) + "no free uplink port of " + Text.visible(d.name()) + " on the host");
    }
    for (LiveHost.Lag lag : px.lags()) {
      if (lag.name().equals(uplink)) {
        for (LiveHost.Port p : lag.ports()) {
          if (!taken.contains(id(p))) {
            return p;
          }
        }
        throw new PlanningException(
            where(h, m)
                + "every port of LAG "
                + Text.visible(uplink)
                + " of "
                + Text.visible(d.name())
                + " already has a pnic on the host");
      }
    }
    for (LiveHost.Port p : px.uplinkPorts()) {
      if (p.name().equals(uplink)) {
        if (taken.contains(id(p))) {
          String holder =
              others.stream()
                  .filter(
                      b -> id(p).equals(b.portKey() != null ? b.portKey() : "name:" + b.portName()))
                  .map(PnicOnPort::pnic)
                  .findFirst()
                  .orElse("another pnic");
          throw new PlanningException(
              where(h, m)
                  + Text.visible(uplink)
                  + " of "
                  + Text.visible(d.name())
                  + " already has "
                  + Text.visible(holder)
                  + " on the host");
        }
        return p;
      }
    }
    throw new PlanningException(
        where(h, m)
            + Text.visible(d.name())
            + " has no uplink or LAG named "
            + Text.visible(uplink)
            + " on the host");
  }

  private static String id(LiveHost.Port p) {
    return p.key() != null ? p.key() : "name:" + p.name();
  }

  private static boolean same(PnicOnPort on, LiveHost.Port port) {
    return on.portKey() != null
        ? on.portKey().equals(port.key())
        : port.name().equals(on.portName());
  }

  private StepPlan vmkToStandard(LiveState state, Step.MoveVmkernel m) throws PlanningException {
    LiveHost h = state.host();
    LiveHost.Vnic vnic = vnic(h, m);
    String pgName = name(h, m, m.portgroup(), Integer.MAX_VALUE);
    if (h.vswitch(m.to().name()).isEmpty()) {
      throw new PlanningException(
          where(h, m)
              + "no standard switch "
              + Text.visible(m.to().name())
              + " on the host (create-standard-switch first)");
    }
    LiveHost.Portgroup pg = h.portgroup(pgName).orElse(null);
    if (pg != null && !pg.vswitch().equals(m.to().name())) {
      throw new PlanningException(
          where(h, m)
              + "portgroup "
              + Text.visible(pgName)
              + " is on standard switch "
              + Text.visible(pg.vswitch())
              + ", not "
              + Text.visible(m.to().name()));
    }
    if (pg != null
        && vnic.location() instanceof LiveHost.OnPortgroup on
        && on.portgroup().equals(pgName)) {
      return none(h, m, Text.visible(vnic.device()) + " is on " + Text.visible(pgName));
    }
    List<VimCall> calls = new ArrayList<>();
    if (pg == null) {
      int vlan = m.vlan() != null ? m.vlan() : vlanOf(state, m, vnic);
      calls.add(
          new VimCall.AddPortGroup(h.hostRef(), new PortgroupSpec(pgName, vlan, m.to().name())));
    }
    calls.add(
        new VimCall.UpdateVirtualNic(h.hostRef(), vnic.device(), new VimCall.ToPortgroup(pgName)));
    return new StepPlan(h.name(), m, calls, List.of(), null);
  }

  /**
   * The VLAN of the portgroup the adapter is on now: its transitional portgroup keeps it on the
   * same VLAN.
   */
  private static int vlanOf(LiveState state, Step.MoveVmkernel m, LiveHost.Vnic vnic)
      throws PlanningException {
    LiveHost h = state.host();
    if (vnic.location() instanceof LiveHost.OnPortgroup on) {
      return h.portgroup(on.portgroup())
          .map(LiveHost.Portgroup::vlan)
          .orElseThrow(
              () ->
                  new PlanningException(
                      where(h, m)
                          + Text.visible(vnic.device())
                          + " is on portgroup "
                          + Text.visible(on.portgroup())
                          + ", which the host does not list"));
    }
    LiveHost.OnDvPort on = (LiveHost.OnDvPort) vnic.location();
    LiveSwitch d =
        state
            .switchWithUuid(on.switchUuid())
            .orElseThrow(
                () ->
                    new PlanningException(
                        where(h, m)
                            + Text.visible(vnic.device())
                            + " is on distributed switch "
                            + Text.visible(on.switchUuid())
                            + ", which vCenter does not list"));
    LiveSwitch.DvPortgroup pg =
        d.portgroupByKey(on.portgroupKey())
            .orElseThrow(
                () ->
                    new PlanningException(
                        where(h, m)
                            + Text.visible(vnic.device())
                            + " is on portgroup key "
                            + Text.visible(on.portgroupKey())
                            + ", which "
                            + Text.visible(d.name())
                            + " does not list"));
    if (pg.vlanId() == null) {
      throw new PlanningException(
          where(h, m)
              + Text.visible(vnic.device())
              + " is on "
              + Text.visible(pg.name())
              + ", a trunk or private-VLAN portgroup: the transitional portgroup's VLAN cannot be derived; add "
              + Text.visible(m.portgroup())
              + " to "
              + Text.visible(m.to().name())
              + " with the right VLAN first");
    }
    return pg.vlanId();
  }

  private StepPlan vmkToDistributed(LiveState state, Step.MoveVmkernel m) throws PlanningException {
    LiveHost h = state.host();
    LiveHost.Vnic vnic = vnic(h, m);
    LiveSwitch d = dvs(state, m, m.to().name());
    LiveSwitch.DvPortgroup pg =
        d.portgroup(m.portgroup())
            .orElseThrow(
                () ->
                    new PlanningException(
                        where(h, m)
                            + Text.visible(d.name())
                            + " has no portgroup "
                            + Text.visible(m.portgroup())));
    if (pg.key().equals(d.uplinkPortgroupKey())) {
      throw new PlanningException(
          where(h, m)
              + Text.visible(pg.name())
              + " is the uplink portgroup of "
              + Text.visible(d.name())
              + "; a VMkernel adapter goes on a distributed portgroup");
    }
    if (h.proxy(d.uuid()).isEmpty()) {
      throw new PlanningException(
          where(h, m)
              + "the host is not a member of "
              + Text.visible(d.name())
              + " (add-to-switch first)");
    }
    if (vnic.location() instanceof LiveHost.OnDvPort on
        && on.switchUuid().equals(d.uuid())
        && on.portgroupKey().equals(pg.key())) {
      return none(h, m, Text.visible(vnic.device()) + " is on " + Text.visible(pg.name()));
    }
    return calls(
        h,
        m,
        new VimCall.UpdateVirtualNic(
            h.hostRef(),
            vnic.device(),
            new VimCall.ToDvPortgroup(d.dvsRef(), pg.key(), pg.name())));
  }

  private static LiveSwitch dvs(LiveState state, Step step, String name) throws PlanningException {
    return state
        .switchNamed(name)
        .orElseThrow(
            () ->
                new PlanningException(
                    where(state.host(), step)
                        + "no distributed switch named "
                        + Text.visible(name)
                        + " in vCenter"));
  }

  private static String pnic(LiveHost h, Step step, String pnic) throws PlanningException {
    if (!h.pnics().contains(pnic)) {
      throw new PlanningException(
          where(h, step) + "the host has no physical adapter " + Text.visible(pnic));
    }
    return pnic;
  }

  private static LiveHost.Vnic vnic(LiveHost h, Step.MoveVmkernel m) throws PlanningException {
    return h.vnic(m.vmk())
        .orElseThrow(
            () ->
                new PlanningException(
                    where(h, m) + "the host has no VMkernel adapter " + Text.visible(m.vmk())));
  }

  /** A name the call will carry: non-empty, within ESXi's limit, and writable in XML. */
  private static String name(LiveHost h, Step step, String name, int max) throws PlanningException {
    if (name == null || name.isBlank() || name.length() > max || !Xml.writable(name)) {
      throw new PlanningException(
          where(h, step)
              + "'"
              + Text.visible(name)
              + "' is not a name vCenter accepts"
              + (max < Integer.MAX_VALUE
                  ? " (1 to " + max + " characters, no control characters)"
                  : ""));
    }
    return name;
  }

  private static List<String> without(List<String> list, String item) {
    List<String> out = new ArrayList<>(list);
    out.remove(item);
    return out;
  }

  private static StepPlan calls(LiveHost h, Step step, VimCall call) {
    return new StepPlan(h.name(), step, List.of(call), List.of(), null);
  }

  private static StepPlan none(LiveHost h, Step step, String why) {
    return new StepPlan(h.name(), step, List.of(), List.of(), why);
  }

  static String where(LiveHost h, Step step) {
    return Text.visible(h.name()) + ", " + Text.visible(step.describe()) + ": ";
  }
}
