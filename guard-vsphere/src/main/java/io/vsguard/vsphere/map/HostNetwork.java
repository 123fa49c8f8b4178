package io.vsguard.vsphere.map;

import io.vsguard.vsphere.vim.HostNetworkInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a host's config.network (HostNetworkInfo) the inventory needs, keys resolved to
 * names.
 */
record HostNetwork(
    List<String> pnicDevices,
    List<Vswitch> vswitches,
    List<Vnic> vnics,
    Map<String, String> portgroupSwitch,
    Map<String, Map<String, String>> uplinkPortsByDvs) {
  static final HostNetwork EMPTY =
      new HostNetwork(List.of(), List.of(), List.of(), Map.of(), Map.of());

  /**
   * A standard switch: pnics and portgroups by name, in vCenter's order, each portgroup with its
   * settings.
   */
  record Vswitch(
      String name,
      List<String> pnics,
      List<String> portgroups,
      Integer mtu,
      List<PortgroupSettings> settings) {}

  /**
   * A standard portgroup's VLAN and effective teaming, each null when the host did not report it.
   */
  record PortgroupSettings(String name, Integer vlan, HostNetworkInfo.NicTeaming teaming) {}

  /**
   * A VMkernel adapter: on a standard portgroup, or on a distributed port (switch uuid + portgroup
   * key).
   */
  record Vnic(
      String device,
      String key,
      String portgroup,
      String dvsUuid,
      String dvsPortgroupKey,
      Integer mtu) {}

  static HostNetwork of(HostNetworkInfo network) {
    if (network == null) {
      return null;
    }
    Map<String, String> pnicByKey = new HashMap<>();
    List<String> devices = new ArrayList<>();
    for (HostNetworkInfo.PhysicalNic p : network.pnic()) {
      devices.add(p.device());
      pnicByKey.put(p.key(), p.device());
    }
    Map<String, HostNetworkInfo.PortGroup> pgByKey = new HashMap<>();
    Map<String, String> pgSwitch = new HashMap<>();
    for (HostNetworkInfo.PortGroup pg : network.portgroup()) {
      pgByKey.put(pg.key(), pg);
      pgSwitch.put(pg.name(), pg.vswitchName());
    }
    List<Vswitch> vswitches = new ArrayList<>();
    for (HostNetworkInfo.VirtualSwitch v : network.vswitch()) {
      List<String> pnics =
          v.pnic().stream().map(k -> pnicByKey.getOrDefault(k, deviceOfKey(k))).toList();
      List<String> pgs = new ArrayList<>();
      List<PortgroupSettings> settings = new ArrayList<>();
      for (String key : v.portgroup()) {
        HostNetworkInfo.PortGroup pg = pgByKey.get(key);
        if (pg == null) {
          pgs.add(key);
          continue; // listed by the switch but not described: its settings are unknown
        }
        pgs.add(pg.name());
        if (pg.vlanId() != null || pg.teaming() != null) {
          settings.add(new PortgroupSettings(pg.name(), pg.vlanId(), pg.teaming()));
        }
      }
      vswitches.add(new Vswitch(v.name(), pnics, pgs, v.mtu(), settings));
    }
    List<Vnic> vnics = new ArrayList<>();
    for (HostNetworkInfo.VirtualNic n : network.vnic()) {
      String pg = n.portgroup();
      if (pg == null || pg.isEmpty()) {
        pg = n.specPortgroup();
      }
      vnics.add(
          new Vnic(
              n.device(),
              n.key(),
              pg == null || pg.isEmpty() ? null : pg,
              n.dvsUuid(),
              n.dvsPortgroupKey(),
              n.mtu()));
    }
    Map<String, Map<String, String>> uplinkPorts = new HashMap<>();
    for (HostNetworkInfo.ProxySwitch ps : network.proxySwitch()) {
      Map<String, String> ports = new HashMap<>();
      for (HostNetworkInfo.KeyValue kv : ps.uplinkPort()) {
        ports.put(kv.key(), kv.value());
      }
      uplinkPorts.put(ps.dvsUuid(), ports);
    }
    return new HostNetwork(devices, vswitches, vnics, pgSwitch, uplinkPorts);
  }

  /** "key-vim.host.PhysicalNic-vmnic0" names the device after the last dash. */
  private static String deviceOfKey(String key) {
    int dash = key.lastIndexOf('-');
    return dash < 0 ? key : key.substring(dash + 1);
  }

  String vswitchOfPortgroup(String portgroup) {
    return portgroupSwitch.get(portgroup);
  }

  /** Uplink port key → uplink name on this host's proxy switch of a distributed switch. */
  Map<String, String> uplinkPortNames(String dvsUuid) {
    return dvsUuid == null ? Map.of() : uplinkPortsByDvs.getOrDefault(dvsUuid, Map.of());
  }
}
