package io.vsguard.core.sim;

import io.vsguard.core.model.ConnectionState;
import io.vsguard.core.plan.SwitchRef;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One host's simulated network state. Mutable on purpose: the simulator applies thousands of steps;
 * rules see {@link #copy() copies} taken before a step and the live state after it. Besides where
 * each pnic and vmkernel adapter is now, it remembers the last switch each was on, which is how a
 * pnic that was detached from an LACP switch and later attached to another distributed switch is
 * still recognised as a direct migration.
 */
public final class HostNet {
  /** Where a pnic is attached: a switch and, on a distributed switch, the uplink port it backs. */
  public record PnicAt(SwitchRef sw, String uplink) {}

  /** Where a vmkernel adapter is connected, and what it carries. */
  public record VmkAt(SwitchRef sw, String portgroup, List<String> services) {
    public boolean management() {
      return services.contains("management");
    }
  }

  /**
   * What a standard portgroup carries, as far as known: its VLAN (null unknown; 4095 every VLAN),
   * an MTU of its own when it was assumed from the portgroup it mirrors (else the switch's), the
   * pnics its failover order uses (empty: every pnic of the switch), and whether the plan left it
   * to be assumed.
   */
  public record StandardPortgroup(
      Integer vlan, Integer mtu, List<String> uplinks, boolean assumed) {
    public StandardPortgroup {
      uplinks = List.copyOf(uplinks);
    }
  }

  /**
   * A standard switch's MTU (null unknown) and its portgroups' settings, keyed by portgroup name.
   */
  public record StandardConf(Integer mtu, Map<String, StandardPortgroup> portgroups) {
    public StandardConf {
      portgroups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(portgroups));
    }

    StandardConf with(String portgroup, StandardPortgroup pg) {
      Map<String, StandardPortgroup> m = new LinkedHashMap<>(portgroups);
      m.put(portgroup, pg);
      return new StandardConf(mtu, m);
    }
  }

  /**
   * The network adapters of the host's VMs that were on one portgroup in the snapshot: where they
   * are connected now, how many there are, and one of them to name in messages. Grouped by
   * portgroup because that is what keeps or loses a network: a step costs the host's portgroups,
   * not its (up to 10,240) adapters.
   */
  public record VmGroup(SwitchRef sw, String portgroup, int adapters, String example) {}

  /** Where a group of VM adapters was in the snapshot. */
  public record VmOrigin(SwitchRef sw, String portgroup) {}

  final String name;
  final ConnectionState connection;
  final int vmCount;
  boolean maintenance;
  // Copy on write: copy() shares these with the copy, and the live host clones a table the
  // first time it changes it afterwards. A step then costs the tables it touches, not all six.
  Map<String, PnicAt> pnics = new LinkedHashMap<>();
  Map<String, SwitchRef> pnicLastSwitch = new LinkedHashMap<>();
  Map<String, VmkAt> vmks = new LinkedHashMap<>();
  Map<String, SwitchRef> vmkLastSwitch = new LinkedHashMap<>();
  Set<String> memberOf = new LinkedHashSet<>();
  Map<String, Set<String>> standardPortgroups = new LinkedHashMap<>();
  private int shared; // bit per table above, in that order: set while a copy still reads it
  // Immutable, replaced on change: copies share it for free. Keyed by standard switch name.
  Map<String, StandardConf> standardConf = Map.of();
  // Immutable, replaced on change, like standardConf. In snapshot order.
  Map<VmOrigin, VmGroup> vmGroups = Map.of();
  // Once the host has been in maintenance mode its VMs run elsewhere; DRS brings back only VMs
  // whose networks the host still has, so their adapters are no longer this host's concern.
  boolean vmsEvacuated;

  private static final int PNICS = 1;
  private static final int PNIC_LAST = 2;
  private static final int VMKS = 4;
  private static final int VMK_LAST = 8;
  private static final int MEMBER_OF = 16;
  private static final int STANDARD = 32;
  private static final int ALL = 63;

  HostNet(String name, ConnectionState connection, int vmCount, boolean maintenance) {
    this.name = name;
    this.connection = connection;
    this.vmCount = vmCount;
    this.maintenance = maintenance;
  }

  /** A snapshot of the host as it is now; later steps on this host do not change it. */
  public HostNet copy() {
    HostNet c = new HostNet(name, connection, vmCount, maintenance);
    c.pnics = pnics;
    c.pnicLastSwitch = pnicLastSwitch;
    c.vmks = vmks;
    c.vmkLastSwitch = vmkLastSwitch;
    c.memberOf = memberOf;
    c.standardPortgroups = standardPortgroups;
    c.standardConf = standardConf;
    c.vmGroups = vmGroups;
    c.vmsEvacuated = vmsEvacuated;
    c.shared = ALL;
    shared = ALL;
    return c;
  }

  private boolean owns(int table) {
    if ((shared & table) == 0) {
      return true;
    }
    shared &= ~table;
    return false;
  }

  Map<String, PnicAt> pnicsForWrite() {
    if (!owns(PNICS)) {
      pnics = new LinkedHashMap<>(pnics);
    }
    return pnics;
  }

  Map<String, SwitchRef> pnicLastSwitchForWrite() {
    if (!owns(PNIC_LAST)) {
      pnicLastSwitch = new LinkedHashMap<>(pnicLastSwitch);
    }
    return pnicLastSwitch;
  }

  Map<String, VmkAt> vmksForWrite() {
    if (!owns(VMKS)) {
      vmks = new LinkedHashMap<>(vmks);
    }
    return vmks;
  }

  Map<String, SwitchRef> vmkLastSwitchForWrite() {
    if (!owns(VMK_LAST)) {
      vmkLastSwitch = new LinkedHashMap<>(vmkLastSwitch);
    }
    return vmkLastSwitch;
  }

  Set<String> memberOfForWrite() {
    if (!owns(MEMBER_OF)) {
      memberOf = new LinkedHashSet<>(memberOf);
    }
    return memberOf;
  }

  /** The standard switches and their portgroup sets, both writable. */
  Map<String, Set<String>> standardPortgroupsForWrite() {
    if (!owns(STANDARD)) {
      Map<String, Set<String>> m = new LinkedHashMap<>();
      for (Map.Entry<String, Set<String>> e : standardPortgroups.entrySet()) {
        m.put(e.getKey(), new LinkedHashSet<>(e.getValue()));
      }
      standardPortgroups = m;
    }
    return standardPortgroups;
  }

  public String name() {
    return name;
  }

  public ConnectionState connection() {
    return connection;
  }

  public int vmCount() {
    return vmCount;
  }

  public boolean inMaintenance() {
    return maintenance;
  }

  /** Running VMs: DRS has evacuated them once the host is in maintenance mode. */
  public boolean hasRunningVms() {
    return vmCount > 0 && !maintenance;
  }

  public boolean hasPnic(String pnic) {
    return pnics.containsKey(pnic);
  }

  /** Empty when the pnic is not attached to any switch. */
  public Optional<PnicAt> pnic(String pnic) {
    return Optional.ofNullable(pnics.get(pnic));
  }

  public Optional<SwitchRef> lastSwitchOfPnic(String pnic) {
    return Optional.ofNullable(pnicLastSwitch.get(pnic));
  }

  public Optional<VmkAt> vmk(String vmk) {
    return Optional.ofNullable(vmks.get(vmk));
  }

  public Optional<SwitchRef> lastSwitchOfVmk(String vmk) {
    return Optional.ofNullable(vmkLastSwitch.get(vmk));
  }

  public Map<String, VmkAt> vmks() {
    return java.util.Collections.unmodifiableMap(vmks);
  }

  public Map<String, PnicAt> pnicAttachments() {
    return java.util.Collections.unmodifiableMap(pnics);
  }

  public boolean memberOf(String dvs) {
    return memberOf.contains(dvs);
  }

  public Set<String> memberships() {
    return java.util.Collections.unmodifiableSet(memberOf);
  }

  public boolean hasStandardSwitch(String name) {
    return standardPortgroups.containsKey(name);
  }

  /**
   * What a standard portgroup of this host carries; empty when the switch or portgroup is unknown.
   */
  public Optional<StandardPortgroup> standardPortgroup(String vss, String portgroup) {
    StandardConf c = standardConf.get(vss);
    return c == null ? Optional.empty() : Optional.ofNullable(c.portgroups().get(portgroup));
  }

  /** A standard switch's MTU; empty when unknown. */
  public Optional<Integer> standardMtu(String vss) {
    StandardConf c = standardConf.get(vss);
    return c == null ? Optional.empty() : Optional.ofNullable(c.mtu());
  }

  /**
   * The VM adapter groups by where they were in the snapshot; empty when the snapshot lists no
   * adapters.
   */
  public Map<VmOrigin, VmGroup> vmGroups() {
    return vmGroups;
  }

  /** True when the host's VMs have been evacuated (it was in maintenance mode at some point). */
  public boolean vmsEvacuated() {
    return vmsEvacuated;
  }

  void putVmGroups(Map<VmOrigin, VmGroup> groups) {
    vmGroups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
  }

  void putStandardConf(String vss, StandardConf conf) {
    Map<String, StandardConf> m = new LinkedHashMap<>(standardConf);
    if (conf == null) {
      m.remove(vss);
    } else {
      m.put(vss, conf);
    }
    standardConf = java.util.Collections.unmodifiableMap(m);
  }

  public Set<String> standardSwitches() {
    return java.util.Collections.unmodifiableSet(standardPortgroups.keySet());
  }

  /** Pnics attached to {@code sw}, in the order the host lists them. */
  public List<String> pnicsOn(SwitchRef sw) {
    // Loops, not forEach with a capturing lambda: called for every simulated step.
    List<String> out = new java.util.ArrayList<>(pnics.size());
    for (Map.Entry<String, PnicAt> e : pnics.entrySet()) {
      if (e.getValue() != null && e.getValue().sw().equals(sw)) {
        out.add(e.getKey());
      }
    }
    return java.util.Collections.unmodifiableList(out);
  }

  public List<String> vmksOn(SwitchRef sw) {
    List<String> out = new java.util.ArrayList<>(vmks.size());
    for (Map.Entry<String, VmkAt> e : vmks.entrySet()) {
      if (e.getValue() != null && e.getValue().sw().equals(sw)) {
        out.add(e.getKey());
      }
    }
    return java.util.Collections.unmodifiableList(out);
  }
}
