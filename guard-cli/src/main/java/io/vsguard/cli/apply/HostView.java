package io.vsguard.cli.apply;

import io.vsguard.core.plan.SwitchRef;
import io.vsguard.core.sim.HostNet;
import io.vsguard.vsphere.apply.LiveHost;
import io.vsguard.vsphere.apply.LiveState;
import io.vsguard.vsphere.apply.LiveSwitch;
import io.vsguard.vsphere.apply.PnicOnPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A host's network in the terms the guard's simulation predicts it, so that what vCenter reports
 * and what the simulation expects can be compared field by field: maintenance mode, where each pnic
 * is (a standard switch, or a distributed switch and its uplink), where each VMkernel adapter is
 * (switch and portgroup), which distributed switches the host is a member of and which standard
 * switches it has. Any difference is drift: someone or something changed the host.
 */
public record HostView(
    boolean maintenance,
    Map<String, Where> pnics,
    Map<String, Where> vmks,
    Set<String> memberOf,
    Set<String> standardSwitches) {

  public HostView {
    pnics = java.util.Collections.unmodifiableMap(new TreeMap<>(pnics));
    vmks = java.util.Collections.unmodifiableMap(new TreeMap<>(vmks));
    memberOf = java.util.Collections.unmodifiableSet(new TreeSet<>(memberOf));
    standardSwitches = java.util.Collections.unmodifiableSet(new TreeSet<>(standardSwitches));
  }

  /**
   * A switch ({@code standard:NAME} for a standard switch) and the uplink or portgroup on it;
   * {@code at} null when the prediction does not name one (a pnic moved to the first free uplink).
   */
  public record Where(String sw, String at) {
    @Override
    public String toString() {
      return at == null ? sw : sw + " " + at;
    }

    boolean matches(Where live) {
      return live != null && sw.equals(live.sw()) && (at == null || at.equals(live.at()));
    }
  }

  /** The host as the simulation has it now. */
  public static HostView predicted(HostNet h) {
    Map<String, Where> pnics = new TreeMap<>();
    h.pnicAttachments()
        .forEach(
            (p, at) -> {
              if (at != null) {
                pnics.put(p, new Where(name(at.sw()), at.sw().standard() ? null : at.uplink()));
              }
            });
    Map<String, Where> vmks = new TreeMap<>();
    h.vmks().forEach((v, at) -> vmks.put(v, new Where(name(at.sw()), at.portgroup())));
    return new HostView(h.inMaintenance(), pnics, vmks, h.memberships(), h.standardSwitches());
  }

  /** The host as vCenter reports it. */
  public static HostView live(LiveState s) {
    LiveHost h = s.host();
    Map<String, Where> pnics = new TreeMap<>();
    Set<String> standard = new TreeSet<>();
    for (LiveHost.Vswitch v : h.vswitches()) {
      standard.add(v.name());
      v.pnics().forEach(p -> pnics.put(p, new Where(SwitchRef.STANDARD_PREFIX + v.name(), null)));
    }
    Set<String> members = new TreeSet<>();
    for (LiveHost.Proxy px : h.proxies()) {
      String sw = s.switchWithUuid(px.dvsUuid()).map(LiveSwitch::name).orElse(px.dvsName());
      members.add(sw);
      for (PnicOnPort b : px.backing()) {
        pnics.put(
            b.pnic(),
            new Where(sw, b.portName() != null ? b.portName() : px.portName(b.portKey())));
      }
    }
    Map<String, Where> vmks = new TreeMap<>();
    for (LiveHost.Vnic v : h.vnics()) {
      if (v.location() instanceof LiveHost.OnPortgroup on) {
        String sw = h.portgroup(on.portgroup()).map(LiveHost.Portgroup::vswitch).orElse("?");
        vmks.put(v.device(), new Where(SwitchRef.STANDARD_PREFIX + sw, on.portgroup()));
      } else if (v.location() instanceof LiveHost.OnDvPort on) {
        LiveSwitch d = s.switchWithUuid(on.switchUuid()).orElse(null);
        String pg =
            d == null
                ? on.portgroupKey()
                : d.portgroupByKey(on.portgroupKey())
                    .map(LiveSwitch.DvPortgroup::name)
                    .orElse(on.portgroupKey());
        vmks.put(v.device(), new Where(d == null ? on.switchUuid() : d.name(), pg));
      }
    }
    return new HostView(h.inMaintenanceMode(), pnics, vmks, members, standard);
  }

  /**
   * What {@code live} has that this prediction does not, one line each, in a stable order; empty
   * when they agree.
   */
  public List<String> differences(HostView live) {
    List<String> out = new ArrayList<>();
    if (maintenance != live.maintenance) {
      out.add(
          "maintenance mode: expected "
              + (maintenance ? "in" : "not in")
              + ", vCenter reports "
              + (live.maintenance ? "in" : "not in"));
    }
    Set<String> devices = new TreeSet<>(pnics.keySet());
    devices.addAll(live.pnics.keySet());
    for (String p : devices) {
      Where want = pnics.get(p);
      Where got = live.pnics.get(p);
      if (want == null ? got != null : !want.matches(got)) {
        out.add(
            p
                + ": expected "
                + (want == null ? "on no switch" : "on " + want)
                + ", vCenter reports "
                + (got == null ? "on no switch" : "on " + got));
      }
    }
    devices = new TreeSet<>(vmks.keySet());
    devices.addAll(live.vmks.keySet());
    for (String v : devices) {
      Where want = vmks.get(v);
      Where got = live.vmks.get(v);
      if (!Objects.equals(want, got)) {
        out.add(
            v
                + ": expected "
                + (want == null ? "absent" : "on " + want)
                + ", vCenter reports "
                + (got == null ? "absent" : "on " + got));
      }
    }
    if (!memberOf.equals(live.memberOf)) {
      out.add("member of: expected " + memberOf + ", vCenter reports " + live.memberOf);
    }
    if (!standardSwitches.equals(live.standardSwitches)) {
      out.add(
          "standard switches: expected "
              + standardSwitches
              + ", vCenter reports "
              + live.standardSwitches);
    }
    return out;
  }

  /**
   * The lines that changed from {@code before} to this, as a dry run shows a step's predicted
   * effect.
   */
  public List<String> changedFrom(HostView before) {
    List<String> out = new ArrayList<>();
    if (maintenance != before.maintenance) {
      out.add(maintenance ? "in maintenance mode" : "out of maintenance mode");
    }
    Set<String> devices = new TreeSet<>(pnics.keySet());
    devices.addAll(before.pnics.keySet());
    for (String p : devices) {
      if (!Objects.equals(pnics.get(p), before.pnics.get(p))) {
        out.add(p + " on " + (pnics.get(p) == null ? "no switch" : pnics.get(p)));
      }
    }
    devices = new TreeSet<>(vmks.keySet());
    devices.addAll(before.vmks.keySet());
    for (String v : devices) {
      if (!Objects.equals(vmks.get(v), before.vmks.get(v))) {
        out.add(v + " on " + vmks.get(v));
      }
    }
    if (!memberOf.equals(before.memberOf)) {
      out.add("member of " + memberOf);
    }
    if (!standardSwitches.equals(before.standardSwitches)) {
      out.add("standard switches " + standardSwitches);
    }
    return out;
  }

  private static String name(SwitchRef sw) {
    return sw.standard() ? SwitchRef.STANDARD_PREFIX + sw.name() : sw.name();
  }
}
