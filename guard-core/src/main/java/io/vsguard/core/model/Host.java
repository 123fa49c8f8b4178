package io.vsguard.core.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/** An ESXi host as vCenter reports it; {@code id} is the managed-object id, carried for traceability. */
@JsonPropertyOrder({"id", "name", "datacenter", "cluster", "version", "build", "connectionState",
    "maintenanceMode", "pnics", "standardSwitches", "vmkernels", "vmCount", "vms"})
public record Host(
    String id,
    String name,
    String datacenter,
    String cluster,
    String version,
    String build,
    ConnectionState connectionState,
    boolean maintenanceMode,
    List<String> pnics,
    List<StandardSwitch> standardSwitches,
    List<Vmkernel> vmkernels,
    int vmCount,
    // Names of the VMs on the host, when the snapshot carries them: critical VMs are placed by name.
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    List<String> vms) {

  public Host {
    pnics = Lists.copy(pnics);
    standardSwitches = Lists.copy(standardSwitches);
    vmkernels = Lists.copy(vmkernels);
    vms = Lists.copy(vms);
  }

  /** A host whose VM names are not known (only their count): no critical VM can be placed on it. */
  public Host(String id, String name, String datacenter, String cluster, String version, String build,
      ConnectionState connectionState, boolean maintenanceMode, List<String> pnics,
      List<StandardSwitch> standardSwitches, List<Vmkernel> vmkernels, int vmCount) {
    this(id, name, datacenter, cluster, version, build, connectionState, maintenanceMode, pnics, standardSwitches,
        vmkernels, vmCount, List.of());
  }

  public Optional<StandardSwitch> standardSwitch(String name) {
    for (StandardSwitch s : standardSwitches) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public Optional<Vmkernel> vmkernel(String device) {
    for (Vmkernel v : vmkernels) {
      if (v.device().equals(device)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
