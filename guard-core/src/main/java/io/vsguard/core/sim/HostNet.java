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
 * One host's simulated network state. Mutable on purpose: the simulator applies thousands of
 * steps; rules see {@link #copy() copies} taken before a step and the live state after it.
 * Besides where each pnic and vmkernel adapter is now, it remembers the last switch each was
 * on, which is how a pnic that was detached from an LACP switch and later attached to another
 * distributed switch is still recognised as a direct migration.
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

  final String name;
  final ConnectionState connection;
  final int vmCount;
  boolean maintenance;
  final Map<String, PnicAt> pnics = new LinkedHashMap<>();
  final Map<String, SwitchRef> pnicLastSwitch = new LinkedHashMap<>();
  final Map<String, VmkAt> vmks = new LinkedHashMap<>();
  final Map<String, SwitchRef> vmkLastSwitch = new LinkedHashMap<>();
  final Set<String> memberOf = new LinkedHashSet<>();
  final Map<String, Set<String>> standardPortgroups = new LinkedHashMap<>();

  HostNet(String name, ConnectionState connection, int vmCount, boolean maintenance) {
    this.name = name;
    this.connection = connection;
    this.vmCount = vmCount;
    this.maintenance = maintenance;
  }

  public HostNet copy() {
    HostNet c = new HostNet(name, connection, vmCount, maintenance);
    c.pnics.putAll(pnics);
    c.pnicLastSwitch.putAll(pnicLastSwitch);
    c.vmks.putAll(vmks);
    c.vmkLastSwitch.putAll(vmkLastSwitch);
    c.memberOf.addAll(memberOf);
    standardPortgroups.forEach((k, v) -> c.standardPortgroups.put(k, new LinkedHashSet<>(v)));
    return c;
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

  public Set<String> standardSwitches() {
    return java.util.Collections.unmodifiableSet(standardPortgroups.keySet());
  }

  /** Pnics attached to {@code sw}, in the order the host lists them. */
  public List<String> pnicsOn(SwitchRef sw) {
    return pnics.entrySet().stream().filter(e -> e.getValue() != null && e.getValue().sw().equals(sw))
        .map(Map.Entry::getKey).toList();
  }

  public List<String> vmksOn(SwitchRef sw) {
    return vmks.entrySet().stream().filter(e -> e.getValue() != null && e.getValue().sw().equals(sw))
        .map(Map.Entry::getKey).toList();
  }
}
