package io.vsguard.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/**
 * An ESXi host as vCenter reports it; {@code id} is the managed-object id, carried for
 * traceability.
 */
@JsonPropertyOrder({
  "id",
  "name",
  "datacenter",
  "cluster",
  "version",
  "build",
  "connectionState",
  "maintenanceMode",
  "pnics",
  "standardSwitches",
  "vmkernels",
  "vmCount",
  "vms",
  "vmAdapters"
})
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
    // Names of the VMs on the host, when the snapshot carries them: critical VMs are placed by
    // name.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> vms,
    // The VMs' network adapters and where each is connected, when the snapshot carries them.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<VmAdapter> vmAdapters) {

  public Host {
    pnics = Lists.copy(pnics);
    standardSwitches = Lists.copy(standardSwitches);
    vmkernels = Lists.copy(vmkernels);
    vms = Lists.copy(vms);
    vmAdapters = Lists.copy(vmAdapters);
  }

  /** A host whose VMs' network adapters are not known. */
  public Host(
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
      List<String> vms) {
    this(
        id,
        name,
        datacenter,
        cluster,
        version,
        build,
        connectionState,
        maintenanceMode,
        pnics,
        standardSwitches,
        vmkernels,
        vmCount,
        vms,
        List.of());
  }

  /** A host whose VM names are not known (only their count): no critical VM can be placed on it. */
  public Host(
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
      int vmCount) {
    this(
        id,
        name,
        datacenter,
        cluster,
        version,
        build,
        connectionState,
        maintenanceMode,
        pnics,
        standardSwitches,
        vmkernels,
        vmCount,
        List.of(),
        List.of());
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
