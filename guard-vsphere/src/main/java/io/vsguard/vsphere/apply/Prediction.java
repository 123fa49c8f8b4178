package io.vsguard.vsphere.apply;

import io.vsguard.core.plan.Step;
import io.vsguard.vsphere.apply.VimCall.MemberSpec;
import io.vsguard.vsphere.apply.VimCall.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * What a host will look like after a plan's calls succeed, in vim25's terms, so that a dry run can
 * plan every step of a host from the live state before the first one: the calls it prints are those
 * the run will send, except for values only vCenter can give (a switch's next configVersion, the DV
 * port keys of a host that joins a switch), which show as read at the step. It follows the
 * semantics of the calls, including a distributed switch taking a pnic from the switch that had it.
 * The guard's own simulation (guard-core) remains the judge of safety.
 */
public final class Prediction {
  /** What ESXi gives a standard switch created without an MTU, and reports from then on. */
  static final int ESXI_DEFAULT_MTU = 1500;

  private Prediction() {}

  /** Plans each step on the state the previous ones leave; writes nothing. */
  public static List<StepPlan> plan(StepPlanner planner, LiveState live, List<Step> steps)
      throws PlanningException {
    List<StepPlan> out = new ArrayList<>();
    LiveState state = live;
    for (Step step : steps) {
      StepPlan plan = planner.plan(step, state);
      out.add(plan);
      state = after(state, plan);
    }
    return out;
  }

  public static LiveState after(LiveState state, StepPlan plan) {
    LiveState s = state;
    for (VimCall c : plan.calls()) {
      s = after(s, c);
    }
    return s;
  }

  static LiveState after(LiveState s, VimCall call) {
    LiveHost h = s.host();
    if (call instanceof VimCall.EnterMaintenanceMode) {
      return s.with(h.with(true));
    } else if (call instanceof VimCall.ExitMaintenanceMode) {
      return s.with(h.with(false));
    } else if (call instanceof VimCall.AddVirtualSwitch c) {
      List<LiveHost.Vswitch> vs = new ArrayList<>(h.vswitches());
      int mtu = c.spec().mtu() > 0 ? c.spec().mtu() : ESXI_DEFAULT_MTU;
      vs.add(new LiveHost.Vswitch(c.vswitchName(), c.spec().numPorts(), mtu, c.spec().bridge()));
      return s.with(h.withNetwork(vs, h.portgroups(), h.proxies(), h.vnics()));
    } else if (call instanceof VimCall.RemoveVirtualSwitch c) {
      return s.with(removeVswitch(h, c.vswitchName()));
    } else if (call instanceof VimCall.AddPortGroup c) {
      List<LiveHost.Portgroup> pgs = new ArrayList<>(h.portgroups());
      pgs.add(portgroup(c.portgrp()));
      return s.with(h.withNetwork(h.vswitches(), pgs, h.proxies(), h.vnics()));
    } else if (call instanceof VimCall.RemovePortGroup c) {
      List<LiveHost.Portgroup> pgs = new ArrayList<>(h.portgroups());
      pgs.removeIf(p -> p.name().equals(c.pgName()));
      return s.with(h.withNetwork(h.vswitches(), pgs, h.proxies(), h.vnics()));
    } else if (call instanceof VimCall.UpdateVirtualNic c) {
      return moveVnic(s, c.device(), c.nic());
    } else if (call instanceof VimCall.UpdateNetworkConfig c) {
      return networkConfig(s, c);
    } else if (call instanceof VimCall.ReconfigureDvs c) {
      return reconfigure(s, c);
    }
    throw new IllegalStateException("no prediction for " + call.method());
  }

  private static LiveHost removeVswitch(LiveHost h, String name) {
    List<LiveHost.Vswitch> vs = new ArrayList<>(h.vswitches());
    vs.removeIf(v -> v.name().equals(name));
    List<LiveHost.Portgroup> pgs = new ArrayList<>(h.portgroups());
    pgs.removeIf(p -> p.vswitch().equals(name));
    return h.withNetwork(vs, pgs, h.proxies(), h.vnics());
  }

  private static LiveState moveVnic(LiveState s, String device, VimCall.VnicTarget target) {
    LiveHost h = s.host();
    LiveHost.Vnic old =
        h.vnic(device).orElseThrow(() -> new IllegalStateException("no " + device + " to move"));
    LiveState out = s;
    if (old.location() instanceof LiveHost.OnDvPort from) {
      out = out.touched(from.switchUuid());
    }
    LiveHost.Location to;
    if (target instanceof VimCall.ToDvPortgroup d) {
      to = new LiveHost.OnDvPort(d.dvs().uuid(), d.portgroupKey(), null);
      out = out.touched(d.dvs().uuid());
    } else {
      to = new LiveHost.OnPortgroup(((VimCall.ToPortgroup) target).portgroup());
    }
    List<LiveHost.Vnic> vnics = LiveHost.replace(h.vnics(), old, new LiveHost.Vnic(device, to));
    return out.with(h.withNetwork(h.vswitches(), h.portgroups(), h.proxies(), vnics));
  }

  private static LiveState networkConfig(LiveState s, VimCall.UpdateNetworkConfig c) {
    LiveHost h = s.host();
    LiveState out = s;
    for (VimCall.VswitchEdit v : c.vswitch()) {
      if (v.op() == Op.REMOVE) {
        h = removeVswitch(h, v.name());
        continue;
      }
      List<LiveHost.Vswitch> vs = new ArrayList<>(h.vswitches());
      LiveHost.Vswitch next =
          new LiveHost.Vswitch(v.name(), v.spec().numPorts(), v.spec().mtu(), v.spec().bridge());
      LiveHost.Vswitch old = h.vswitch(v.name()).orElse(null);
      if (old == null) {
        vs.add(next);
      } else {
        vs = LiveHost.replace(vs, old, next);
      }
      // As ESXi does, a portgroup's own failover order keeps only the pnics still on its switch.
      List<LiveHost.Portgroup> pgs =
          h.portgroups().stream()
              .map(
                  pg ->
                      pg.vswitch().equals(v.name()) ? pg.keepingActive(next.pnics()::contains) : pg)
              .toList();
      h = h.withNetwork(vs, pgs, h.proxies(), h.vnics());
    }
    for (VimCall.ProxyEdit p : c.proxySwitch()) {
      LiveHost.Proxy old =
          h.proxy(p.dvs().uuid()).orElseThrow(() -> new IllegalStateException("no proxy switch"));
      h =
          h.withNetwork(
              h.vswitches(),
              h.portgroups(),
              LiveHost.replace(h.proxies(), old, old.withBacking(p.backing())),
              h.vnics());
      out = out.touched(p.dvs().uuid());
    }
    for (VimCall.PortgroupEdit p : c.portgroup()) {
      List<LiveHost.Portgroup> pgs = new ArrayList<>(h.portgroups());
      pgs.removeIf(x -> x.name().equals(p.spec().name()));
      if (p.op() != Op.REMOVE) {
        pgs.add(portgroup(p.spec()));
      }
      h = h.withNetwork(h.vswitches(), pgs, h.proxies(), h.vnics());
    }
    out = out.with(h);
    for (VimCall.VnicEdit v : c.vnic()) {
      out = moveVnic(out, v.device(), v.nic());
    }
    return out;
  }

  private static LiveState reconfigure(LiveState s, VimCall.ReconfigureDvs c) {
    LiveState out = s.touched(c.dvs().uuid());
    for (MemberSpec m : c.host()) {
      LiveHost h = out.host();
      if (!m.host().host().equals(h.ref())) {
        continue; // another host's part: not this state's
      }
      LiveHost.Proxy old = h.proxy(c.dvs().uuid()).orElse(null);
      List<LiveHost.Proxy> proxies = new ArrayList<>(h.proxies());
      switch (m.operation()) {
        case REMOVE -> proxies.remove(old);
        case ADD -> {
          LiveSwitch d = s.switchWithUuid(c.dvs().uuid()).orElseThrow();
          List<LiveHost.Port> ports = new ArrayList<>();
          // the DV port keys are vCenter's to assign when the host joins
          d.uplinkNames().forEach(n -> ports.add(new LiveHost.Port(null, n)));
          proxies.add(
              new LiveHost.Proxy(
                  d.uuid(),
                  d.name(),
                  ports,
                  List.of(),
                  m.backing() == null ? List.of() : m.backing()));
        }
        case EDIT ->
            proxies =
                LiveHost.replace(
                    proxies,
                    old,
                    old.withBacking(m.backing() == null ? old.backing() : m.backing()));
        default -> throw new IllegalStateException("unknown operation " + m.operation());
      }
      h = h.withNetwork(h.vswitches(), h.portgroups(), proxies, h.vnics());
      if (m.backing() != null) {
        // the switch takes its pnics from the standard switches and proxy switches that had them
        for (PnicOnPort b : m.backing()) {
          h = release(h, b.pnic(), c.dvs().uuid());
        }
      }
      out = out.with(h);
      for (LiveHost.Proxy px : s.host().proxies()) {
        if (!px.dvsUuid().equals(c.dvs().uuid())
            && out.host().proxy(px.dvsUuid()).map(p -> !p.equals(px)).orElse(false)) {
          out = out.touched(px.dvsUuid());
        }
      }
    }
    return out;
  }

  private static LiveHost release(LiveHost h, String pnic, String keepUuid) {
    List<LiveHost.Vswitch> vs = new ArrayList<>();
    for (LiveHost.Vswitch v : h.vswitches()) {
      List<String> rest = new ArrayList<>(v.pnics());
      rest.remove(pnic);
      vs.add(v.withPnics(rest));
    }
    List<LiveHost.Proxy> px = new ArrayList<>();
    for (LiveHost.Proxy p : h.proxies()) {
      if (p.dvsUuid().equals(keepUuid)) {
        px.add(p);
      } else {
        List<PnicOnPort> rest = new ArrayList<>(p.backing());
        rest.removeIf(b -> b.pnic().equals(pnic));
        px.add(p.withBacking(rest));
      }
    }
    // the pnic leaves every portgroup's own failover order with its switch
    List<LiveHost.Portgroup> pgs =
        h.portgroups().stream().map(pg -> pg.keepingActive(n -> !n.equals(pnic))).toList();
    return h.withNetwork(vs, pgs, px, h.vnics());
  }

  private static LiveHost.Portgroup portgroup(VimCall.PortgroupSpec spec) {
    return new LiveHost.Portgroup(spec.name(), spec.vswitchName(), spec.vlanId(), spec.activeNic());
  }
}
