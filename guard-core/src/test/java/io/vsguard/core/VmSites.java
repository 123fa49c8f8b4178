package io.vsguard.core;

/**
 * The small fixture with running VMs on a web portgroup of the LACP switch, for the VM-network
 * tests.
 */
public final class VmSites {
  private VmSites() {}

  /**
   * Every host runs web VMs on DVS-LACP / pg-web (VLAN 100); DVS-New has pg-web-new on {@code
   * targetVlan}.
   */
  public static String withVms(String inventory, int targetVlan) {
    StringBuilder out = new StringBuilder();
    int host = 0;
    for (String line : inventory.split("\n", -1)) {
      out.append(line).append('\n');
      if (line.startsWith("    vmCount: ")) {
        host++;
        out.append("    vms: [web-0")
            .append(host)
            .append(", app-0")
            .append(host)
            .append("]\n")
            .append("    vmAdapters:\n")
            .append("      - {vm: web-0")
            .append(host)
            .append(", adapter: Network adapter 1, switch: DVS-LACP, portgroup: pg-web}\n")
            .append("      - {vm: app-0")
            .append(host)
            .append(", adapter: Network adapter 1, switch: DVS-LACP, portgroup: pg-web}\n");
      }
    }
    String s = out.substring(0, out.length() - 1);
    return s.replace(
            "      - {name: DVS-LACP-DVUplinks,",
            "      - {name: pg-web, key: dvportgroup-4, vlan: 100, teaming: {policy: loadbalance_ip, active: [lag1], standby: []}}\n"
                + "      - {name: DVS-LACP-DVUplinks,")
        .replace(
            "      - {name: DVS-New-DVUplinks,",
            "      - {name: pg-web-new, key: dvportgroup-14, vlan: "
                + targetVlan
                + "}\n      - {name: DVS-New-DVUplinks,");
  }

  /** DRS off for the cluster. */
  public static String drsOff(String inventory) {
    return inventory.replace("drsEnabled: true", "drsEnabled: false");
  }
}
