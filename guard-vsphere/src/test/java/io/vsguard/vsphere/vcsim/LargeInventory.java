package io.vsguard.vsphere.vcsim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a large, valid Inventory: N hosts in clusters of 16 in one datacenter, three distributed
 * switches (one with an enhanced-LACP LAG, two with jumbo frames), a VMkernel adapter on each
 * (management on VLAN 10, vMotion on VLAN 20 and NFS on VLAN 30, both at MTU 9000), two VMs per
 * host (named in {@code vms} on every even host, with their network adapters on pg-web and a guest
 * VLAN trunk; only counted on the odd ones), and the vCenter appliance on the first host.
 * Deterministic for a given N.
 */
public final class LargeInventory {

  static final int CLUSTER_SIZE = 16;
  private static final ObjectMapper JSON = new ObjectMapper();

  private LargeInventory() {}

  public static Path write(Path file, int hostCount) throws IOException {
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), generate(hostCount));
    return file;
  }

  static ObjectNode generate(int hostCount) {
    ObjectNode root = JSON.createObjectNode();
    root.put("apiVersion", "vsguard/v1");
    root.put("kind", "Inventory");
    root.put("capturedAt", "2024-01-01T00:00:00Z");
    ObjectNode source = root.putObject("source");
    source.put("type", "vcenter");
    source.put("url", "https://vc-large.example/sdk");
    source.put("apiVersion", "6.7");
    source.put("instanceUuid", "0b7c8f3e-1d2a-4c5b-9e6f-7a8b9c0d1e2f");
    ObjectNode vcenter = root.putObject("vcenter");
    vcenter.put("vmName", "vcsa-large");
    vcenter.put("host", hostName(1));
    root.putArray("datacenters").addObject().put("name", "DC1");

    ArrayNode clusters = root.putArray("clusters");
    ArrayNode hosts = root.putArray("hosts");
    ObjectNode cluster = null;
    for (int i = 1; i <= hostCount; i++) {
      if ((i - 1) % CLUSTER_SIZE == 0) {
        cluster = clusters.addObject();
        cluster.put("name", String.format("cl-%03d", (i - 1) / CLUSTER_SIZE + 1));
        cluster.put("datacenter", "DC1");
        cluster.put("drsEnabled", true);
        cluster.put("haEnabled", true);
        cluster.put("haHostFailuresTolerated", 1);
        cluster.putArray("hosts");
      }
      ((ArrayNode) cluster.get("hosts")).add(hostName(i));
      ObjectNode host = hosts.addObject();
      host.put("id", "host-" + i);
      host.put("name", hostName(i));
      host.put("datacenter", "DC1");
      host.put("cluster", cluster.get("name").asText());
      host.put("version", "6.7.0");
      host.put("build", "8169922");
      host.put("connectionState", "connected");
      host.put("maintenanceMode", false);
      ArrayNode pnics = host.putArray("pnics");
      for (int n = 0; n < 6; n++) {
        pnics.add("vmnic" + n);
      }
      host.putArray("standardSwitches");
      ArrayNode vmks = host.putArray("vmkernels");
      vmkernel(vmks.addObject(), "vmk0", "DVS-LACP", "pg-mgmt", 1500, "management");
      vmkernel(vmks.addObject(), "vmk1", "DVS-Prod", "pg-vmotion", 9000, "vmotion");
      vmkernel(vmks.addObject(), "vmk2", "DVS-Storage", "pg-nfs", 9000);
      host.put("vmCount", 2);
      if (i % 2 == 0) {
        String a = String.format("app-%05d-a", i);
        String b = String.format("app-%05d-b", i);
        host.putArray("vms").add(a).add(b);
        ArrayNode adapters = host.putArray("vmAdapters");
        vmAdapter(adapters.addObject(), a, "Network adapter 1", "DVS-LACP", "pg-web");
        vmAdapter(adapters.addObject(), b, "Network adapter 1", "DVS-LACP", "pg-web");
        vmAdapter(adapters.addObject(), b, "Network adapter 2", "DVS-Prod", "pg-guest-trunk");
      }
    }

    ArrayNode switches = root.putArray("distributedSwitches");
    ObjectNode lacp =
        dvSwitch(
            switches,
            "DVS-LACP",
            List.of("uplink1", "uplink2"),
            hostCount,
            List.of("vmnic2", "vmnic3"),
            List.of("lag1-0", "lag1-1"));
    lacp.put("mtu", 1500);
    ObjectNode lacpNode = lacp.putObject("lacp");
    lacpNode.put("apiVersion", "multipleLag");
    ObjectNode lag = lacpNode.putArray("lags").addObject();
    lag.put("name", "lag1");
    lag.put("mode", "active");
    lag.put("uplinkCount", 2);
    lag.put("loadBalancing", "srcDestIpTcpUdpPortVlan");
    ArrayNode lacpPgs = lacp.putArray("portgroups");
    portgroup(lacpPgs.addObject(), "pg-mgmt", 10, "loadbalance_ip", List.of("lag1"));
    portgroup(lacpPgs.addObject(), "pg-web", 100, "loadbalance_ip", List.of("lag1"));
    uplinkPortgroup(lacpPgs.addObject(), "DVS-LACP-DVUplinks");

    ObjectNode prod =
        dvSwitch(
            switches,
            "DVS-Prod",
            List.of("uplink1", "uplink2"),
            hostCount,
            List.of("vmnic4", "vmnic5"),
            List.of("uplink1", "uplink2"));
    prod.put("mtu", 9000);
    prod.putObject("lacp").put("apiVersion", "multipleLag").putArray("lags");
    ArrayNode prodPgs = prod.putArray("portgroups");
    portgroup(
        prodPgs.addObject(), "pg-vmotion", 20, "loadbalance_srcid", List.of("uplink1", "uplink2"));
    ObjectNode trunk = prodPgs.addObject();
    portgroup(trunk, "pg-guest-trunk", 0, "loadbalance_srcid", List.of("uplink1", "uplink2"));
    trunk.putNull("vlan");
    trunk.putArray("vlanTrunk").addObject().put("start", 100).put("end", 199);
    uplinkPortgroup(prodPgs.addObject(), "DVS-Prod-DVUplinks");

    ObjectNode storage =
        dvSwitch(
            switches,
            "DVS-Storage",
            List.of("uplink1", "uplink2"),
            hostCount,
            List.of("vmnic0", "vmnic1"),
            List.of("uplink1", "uplink2"));
    storage.put("mtu", 9000);
    storage.putObject("lacp").put("apiVersion", "multipleLag").putArray("lags");
    ArrayNode storagePgs = storage.putArray("portgroups");
    portgroup(
        storagePgs.addObject(), "pg-nfs", 30, "loadbalance_srcid", List.of("uplink1", "uplink2"));
    uplinkPortgroup(storagePgs.addObject(), "DVS-Storage-DVUplinks");
    return root;
  }

  static String hostName(int i) {
    return String.format("esx-%05d", i);
  }

  private static void vmkernel(
      ObjectNode vmk, String device, String sw, String pg, int mtu, String... services) {
    vmk.put("device", device);
    vmk.put("switch", sw);
    vmk.put("portgroup", pg);
    ArrayNode s = vmk.putArray("services");
    List.of(services).forEach(s::add);
    vmk.put("mtu", mtu);
  }

  private static void vmAdapter(ObjectNode a, String vm, String adapter, String sw, String pg) {
    a.put("vm", vm);
    a.put("adapter", adapter);
    a.put("switch", sw);
    a.put("portgroup", pg);
  }

  private static ObjectNode dvSwitch(
      ArrayNode switches,
      String name,
      List<String> uplinks,
      int hostCount,
      List<String> devices,
      List<String> memberUplinks) {
    ObjectNode sw = switches.addObject(); // its uuid is unique by its position
    sw.put("id", "dvs-" + name);
    sw.put(
        "uuid",
        String.format("50 2a 00 00 00 00 00 %02x-00 00 00 00 00 00 00 00", switches.size()));
    sw.put("name", name);
    sw.put("datacenter", "DC1");
    sw.put("version", "6.6.0");
    ArrayNode up = sw.putArray("uplinks");
    uplinks.forEach(up::add);
    ArrayNode members = sw.putArray("members");
    for (int i = 1; i <= hostCount; i++) {
      ObjectNode member = members.addObject();
      member.put("host", hostName(i));
      ArrayNode pnics = member.putArray("pnics");
      for (int p = 0; p < devices.size(); p++) {
        pnics.addObject().put("device", devices.get(p)).put("uplink", memberUplinks.get(p));
      }
    }
    return sw;
  }

  private static void portgroup(
      ObjectNode pg, String name, int vlan, String policy, List<String> active) {
    pg.put("name", name);
    pg.put("key", "dvportgroup-" + name);
    pg.put("vlan", vlan);
    pg.put("uplinkPortgroup", false);
    ObjectNode teaming = pg.putObject("teaming");
    teaming.put("policy", policy);
    ArrayNode a = teaming.putArray("active");
    active.forEach(a::add);
    teaming.putArray("standby");
    pg.putObject("lacp").put("enabled", false).put("mode", "passive");
  }

  private static void uplinkPortgroup(ObjectNode pg, String name) {
    pg.put("name", name);
    pg.put("key", "dvportgroup-" + name);
    pg.putNull("vlan"); // vCenter gives uplink portgroups a trunk of every VLAN
    pg.putArray("vlanTrunk").addObject().put("start", 0).put("end", 4094);
    pg.put("uplinkPortgroup", true);
    pg.putNull("teaming");
    pg.putNull("lacp");
  }
}
