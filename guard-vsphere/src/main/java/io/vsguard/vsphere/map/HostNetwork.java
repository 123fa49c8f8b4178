package io.vsguard.vsphere.map;

import io.vsguard.vsphere.soap.XmlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The parts of a host's config.network (HostNetworkInfo) the inventory needs, keys resolved to names. */
record HostNetwork(List<String> pnicDevices, List<Vswitch> vswitches, List<Vnic> vnics,
    Map<String, String> portgroupSwitch, Map<String, Map<String, String>> uplinkPortsByDvs) {
  static final HostNetwork EMPTY = new HostNetwork(List.of(), List.of(), List.of(), Map.of(), Map.of());

  record Vswitch(String name, List<String> pnics, List<String> portgroups) {}

  /** A VMkernel adapter: on a standard portgroup, or on a distributed port (switch uuid + portgroup key). */
  record Vnic(String device, String key, String portgroup, String dvsUuid, String dvsPortgroupKey) {}

  static HostNetwork of(XmlNode network) {
    if (network == null) {
      return null;
    }
    Map<String, String> pnicByKey = new HashMap<>();
    List<String> devices = new ArrayList<>();
    for (XmlNode p : network.children("pnic")) {
      String device = p.childText("device");
      devices.add(device);
      pnicByKey.put(p.childText("key"), device);
    }
    Map<String, String> pgNameByKey = new HashMap<>();
    Map<String, String> pgSwitch = new HashMap<>();
    for (XmlNode pg : network.children("portgroup")) {
      String name = pg.pathText("spec.name");
      pgNameByKey.put(pg.childText("key"), name);
      pgSwitch.put(name, pg.pathText("spec.vswitchName"));
    }
    List<Vswitch> vswitches = new ArrayList<>();
    for (XmlNode v : network.children("vswitch")) {
      List<String> pnics = v.childTexts("pnic").stream().map(k -> pnicByKey.getOrDefault(k, deviceOfKey(k))).toList();
      List<String> pgs = v.childTexts("portgroup").stream().map(k -> pgNameByKey.getOrDefault(k, k)).toList();
      vswitches.add(new Vswitch(v.childText("name"), pnics, pgs));
    }
    List<Vnic> vnics = new ArrayList<>();
    for (XmlNode n : network.children("vnic")) {
      XmlNode dvPort = n.path("spec.distributedVirtualPort").orElse(null);
      String pg = n.childText("portgroup");
      if (pg == null || pg.isEmpty()) {
        pg = n.pathText("spec.portgroup");
      }
      vnics.add(new Vnic(n.childText("device"), n.childText("key"), pg == null || pg.isEmpty() ? null : pg,
          dvPort == null ? null : dvPort.childText("switchUuid"),
          dvPort == null ? null : dvPort.childText("portgroupKey")));
    }
    Map<String, Map<String, String>> uplinkPorts = new HashMap<>();
    for (XmlNode ps : network.children("proxySwitch")) {
      Map<String, String> ports = new HashMap<>();
      for (XmlNode kv : ps.children("uplinkPort")) {
        ports.put(kv.childText("key"), kv.childText("value"));
      }
      uplinkPorts.put(ps.childText("dvsUuid"), ports);
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
