package io.vsguard.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.core.RuleTester;
import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.Portgroup;
import io.vsguard.core.model.StandardSwitch;
import io.vsguard.core.model.VmAdapter;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.rule.Documents;
import io.vsguard.core.text.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The network facts a continuity check needs (docs/spec/formats.md, section 1): VMkernel MTU,
 * standard switch MTU and portgroup settings, distributed VLAN trunks, VM adapters — read,
 * cross-checked, written back in canonical order, and absent in old snapshots as "unknown".
 */
class NetworkFactsTest {
  /** One host on a standard switch and on two distributed switches, one of them a trunk. */
  static final String SITE =
      """
      apiVersion: vsguard/v1
      kind: Inventory
      capturedAt: "2016-11-22T10:30:00Z"
      datacenters: [{name: Paris}]
      hosts:
        - name: esx-01
          pnics: [vmnic0, vmnic1, vmnic2, vmnic3]
          standardSwitches:
            - name: vSwitch0
              pnics: [vmnic0, vmnic1]
              portgroups: [Management Network, VM Network, Backup]
              mtu: 1500
              portgroupSettings:
                - {name: Management Network, vlan: 10,
                   teaming: {policy: failover_explicit, active: [vmnic0], standby: [vmnic1]}}
                - {name: VM Network, vlan: 4095}
          vmkernels:
            - {device: vmk0, switch: vSwitch0, portgroup: Management Network, services: [management], mtu: 1500}
            - {device: vmk1, switch: DVS-A, portgroup: pg-vmotion, services: [vmotion], mtu: 9000}
            - {device: vmk2, switch: DVS-A, portgroup: pg-nfs, services: []}
          vmCount: 3
          vms: [db-01, web-01, web-02]
          vmAdapters:
            - {vm: db-01, adapter: Network adapter 1, switch: DVS-A, portgroup: pg-web}
            - {vm: db-01, adapter: Network adapter 2, switch: "standard:vSwitch0", portgroup: Backup}
            - {vm: web-01, adapter: Network adapter 1, switch: DVS-A, portgroup: pg-web}
            - {vm: web-02, adapter: Network adapter 1, switch: vSwitch0, portgroup: VM Network}
      distributedSwitches:
        - name: DVS-A
          mtu: 9000
          uplinks: [uplink1, uplink2]
          members: [{host: esx-01, pnics: [{device: vmnic2, uplink: uplink1}, {device: vmnic3, uplink: uplink2}]}]
          portgroups:
            - {name: pg-vmotion, vlan: 20}
            - {name: pg-nfs, vlan: 30}
            - {name: pg-web, vlan: 100}
            - {name: pg-trunk, vlan: null, vlanTrunk: [{start: 100, end: 199}, {start: 300, end: 300}]}
            - {name: DVS-A-DVUplinks, uplinkPortgroup: true, vlanTrunk: [{start: 0, end: 4094}]}
      """;

  static Inventory site() throws InputException {
    return InventoryLoader.parse("site.yaml", SITE);
  }

  static InputException error(String from, String to) {
    assertThat(SITE).contains(from);
    try {
      InventoryLoader.parse("site.yaml", SITE.replace(from, to));
    } catch (InputException e) {
      return e;
    }
    throw new AssertionError("loaded without error after replacing " + from);
  }

  @Test
  void everyFactIsRead() throws Exception {
    Host h = site().hosts().get(0);
    StandardSwitch vss = h.standardSwitch("vSwitch0").orElseThrow();
    assertThat(vss.mtu()).isEqualTo(1500);
    assertThat(vss.settings("Management Network"))
        .hasValue(
            new StandardSwitch.PortgroupSettings(
                "Management Network",
                10,
                new Portgroup.Teaming("failover_explicit", List.of("vmnic0"), List.of("vmnic1"))));
    assertThat(vss.settings("VM Network"))
        .hasValue(
            new StandardSwitch.PortgroupSettings(
                "VM Network", StandardSwitch.PortgroupSettings.ALL_VLANS, null));
    assertThat(vss.settings("Backup")).as("a portgroup without settings: unknown").isEmpty();
    assertThat(h.vmkernels()).extracting(Vmkernel::mtu).containsExactly(1500, 9000, null);
    assertThat(h.vmAdapters())
        .containsExactly(
            new VmAdapter("db-01", "Network adapter 1", "DVS-A", "pg-web"),
            new VmAdapter("db-01", "Network adapter 2", "standard:vSwitch0", "Backup"),
            new VmAdapter("web-01", "Network adapter 1", "DVS-A", "pg-web"),
            new VmAdapter("web-02", "Network adapter 1", "vSwitch0", "VM Network"));
    DistributedSwitch dvs = site().distributedSwitches().get(0);
    assertThat(dvs.portgroup("pg-trunk").orElseThrow())
        .satisfies(
            p -> {
              assertThat(p.vlan()).isNull();
              assertThat(p.vlanTrunk())
                  .containsExactly(
                      new Portgroup.VlanRange(100, 199), new Portgroup.VlanRange(300, 300));
            });
    assertThat(dvs.portgroup("pg-web").orElseThrow().vlanTrunk()).isEmpty();
  }

  @Test
  void anOldSnapshotReadsWithEveryNewFactUnknown() throws Exception {
    Inventory inv = InventoryLoader.parse("inv.yaml", RuleTester.SMALL);
    assertThat(inv.hosts())
        .allSatisfy(
            h -> {
              assertThat(h.vmkernels()).extracting(Vmkernel::mtu).containsOnlyNulls();
              assertThat(h.vmAdapters()).isEmpty();
            });
    assertThat(inv.distributedSwitches())
        .flatExtracting(DistributedSwitch::portgroups)
        .allSatisfy(p -> assertThat(p.vlanTrunk()).isEmpty());
    // and it is written back without them: absent stays absent, never a default
    String json = Json.pretty(inv);
    assertThat(json).doesNotContain("\"mtu\"", "vlanTrunk", "vmAdapters", "portgroupSettings");
  }

  @Test
  void aStandardSwitchWithoutTheNewFieldsHasNoMtuAndNoSettings() throws Exception {
    Inventory inv =
        InventoryLoader.parse(
            "inv.yaml",
            RuleTester.SMALL.replaceFirst(
                "standardSwitches: \\[]",
                "standardSwitches: [{name: vSwitch0, pnics: [vmnic3], portgroups: [VM Network]}]"));
    StandardSwitch vss = inv.hosts().get(0).standardSwitches().get(0);
    assertThat(vss.mtu()).isNull();
    assertThat(vss.portgroupSettings()).isEmpty();
    assertThat(vss.settings("VM Network")).isEmpty();
    assertThat(vss)
        .isEqualTo(new StandardSwitch("vSwitch0", List.of("vmnic3"), List.of("VM Network")));
  }

  @Test
  void theWrittenSnapshotReadsBackTheSameInCanonicalOrder() throws Exception {
    Inventory inv = site();
    String json = Json.pretty(inv);
    assertThat(InventoryLoader.parse("again.json", json)).isEqualTo(inv);
    String compact = json.replaceAll("\\s+", "");
    assertThat(compact)
        .contains(
            "{\"name\":\"vSwitch0\",\"pnics\":[\"vmnic0\",\"vmnic1\"],\"portgroups\":[\"ManagementNetwork\",\"VMNetwork\","
                + "\"Backup\"],\"mtu\":1500,\"portgroupSettings\":[{\"name\":\"ManagementNetwork\",\"vlan\":10,"
                + "\"teaming\":{\"policy\":\"failover_explicit\",\"active\":[\"vmnic0\"],\"standby\":[\"vmnic1\"]}},"
                + "{\"name\":\"VMNetwork\",\"vlan\":4095}]}",
            "{\"device\":\"vmk1\",\"switch\":\"DVS-A\",\"portgroup\":\"pg-vmotion\",\"services\":[\"vmotion\"],\"mtu\":9000}",
            "{\"device\":\"vmk2\",\"switch\":\"DVS-A\",\"portgroup\":\"pg-nfs\",\"services\":[]}",
            "\"vms\":[\"db-01\",\"web-01\",\"web-02\"],\"vmAdapters\":[{\"vm\":\"db-01\",\"adapter\":\"Networkadapter1\","
                + "\"switch\":\"DVS-A\",\"portgroup\":\"pg-web\"}",
            "{\"name\":\"pg-trunk\",\"key\":null,\"vlan\":null,\"vlanTrunk\":[{\"start\":100,\"end\":199},"
                + "{\"start\":300,\"end\":300}],\"uplinkPortgroup\":false,\"teaming\":null,\"lacp\":null}");
  }

  @Test
  void celSeesTheFactsAndHasFindsTheUnknownOnesAbsent() throws Exception {
    Map<String, Object> doc = Documents.asMap(site());
    @SuppressWarnings("unchecked")
    Map<String, Object> host = ((List<Map<String, Object>>) doc.get("hosts")).get(0);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> vmks = (List<Map<String, Object>>) host.get("vmkernels");
    assertThat(vmks.get(1)).containsEntry("mtu", 9000L);
    assertThat(vmks.get(2)).doesNotContainKey("mtu");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> adapters = (List<Map<String, Object>>) host.get("vmAdapters");
    assertThat(adapters.get(1))
        .containsEntry("switch", "standard:vSwitch0")
        .containsEntry("portgroup", "Backup");
  }

  @Test
  void aVmAdapterMustBeOnAPortgroupOfItsSwitch() {
    assertThat(
            error(
                "{vm: web-01, adapter: Network adapter 1, switch: DVS-A, portgroup: pg-web}",
                "{vm: web-01, adapter: Network adapter 1, switch: DVS-A, portgroup: pg-gone}"))
        .hasMessage(
            "site.yaml:26: hosts[0].vmAdapters[2].portgroup: 'pg-gone' is not a portgroup of distributed"
                + " switch 'DVS-A'");
    assertThat(
            error(
                "switch: vSwitch0, portgroup: VM Network}", "switch: vSwitch0, portgroup: pg-web}"))
        .hasMessageContaining(
            "hosts[0].vmAdapters[3].portgroup: 'pg-web' is not a portgroup of standard switch"
                + " 'vSwitch0' of host 'esx-01'");
    assertThat(
            error(
                "switch: DVS-A, portgroup: pg-web}\n      - {vm: db-01",
                "switch: DVS-A, portgroup: DVS-A-DVUplinks}\n      - {vm: db-01"))
        .hasMessageContaining(
            "hosts[0].vmAdapters[0].portgroup: 'DVS-A-DVUplinks' is the uplink portgroup of"
                + " distributed switch 'DVS-A'");
    assertThat(error("switch: \"standard:vSwitch0\"", "switch: \"standard:vSwitch9\""))
        .hasMessageContaining(
            "hosts[0].vmAdapters[1].switch: 'standard:vSwitch9' is neither a distributed switch"
                + " nor a standard switch of host 'esx-01'");
    assertThat(error("switch: \"standard:vSwitch0\"", "switch: \"standard:\""))
        .hasMessageContaining("hosts[0].vmAdapters[1].switch: 'standard:' names no switch");
  }

  @Test
  void aVmAdapterOnADistributedSwitchNeedsItsHostToBeAMember() {
    assertThat(
            error(
                "members: [{host: esx-01, pnics: [{device: vmnic2, uplink: uplink1}, {device: vmnic3, uplink: uplink2}]}]",
                "members: []"))
        .hasMessageContaining(
            "hosts[0].vmAdapters[0].switch: host 'esx-01' is not a member of distributed switch"
                + " 'DVS-A'");
  }

  @Test
  void aNameThatIsBothSwitchesMustSayWhichOne() {
    assertThat(error("- name: DVS-A\n", "- name: vSwitch0\n"))
        .hasMessageContaining(
            "'vSwitch0' names both a distributed and a standard switch; write standard:vSwitch0");
  }

  @Test
  void aVmAdapterBelongsToAVmOfItsHostAndIsListedOnce() {
    assertThat(error("vms: [db-01, web-01, web-02]", "vms: [db-01, web-01, web-03]"))
        .hasMessageContaining(
            "hosts[0].vmAdapters[3].vm: VM 'web-02' is not in the vms of host 'esx-01'");
    assertThat(
            error(
                "{vm: web-01, adapter: Network adapter 1,",
                "{vm: db-01, adapter: Network adapter 1,"))
        .hasMessageContaining(
            "hosts[0].vmAdapters[2].adapter: 'Network adapter 1' of VM 'db-01' is listed twice");
    assertThat(error("{vm: web-01, adapter: Network adapter 1,", "{vm: web-01,"))
        .hasMessageContaining("hosts[0].vmAdapters[2]: missing required field 'adapter'");
  }

  @Test
  void portgroupSettingsNameAPortgroupOfTheSwitchOnce() {
    assertThat(error("- {name: VM Network, vlan: 4095}", "- {name: Storage, vlan: 4095}"))
        .hasMessage(
            "site.yaml:16: hosts[0].standardSwitches[0].portgroupSettings[1].name: 'Storage' is not in this"
                + " switch's portgroups [Management Network, VM Network, Backup]");
    assertThat(
            error("- {name: VM Network, vlan: 4095}", "- {name: Management Network, vlan: 4095}"))
        .hasMessageContaining(
            "portgroupSettings[1].name: duplicate settings for portgroup 'Management Network'");
  }

  @Test
  void vlanIdsAndMtusAreWhatEsxiAccepts() {
    assertThat(error("vlan: 4095}", "vlan: 4096}"))
        .hasMessageContaining(
            "portgroupSettings[1].vlan: 4096 is not a VLAN id; expected 0 (untagged), 1 to 4094,"
                + " or 4095 (all VLANs, tagged by the guest)");
    assertThat(error("services: [vmotion], mtu: 9000}", "services: [vmotion], mtu: 9216}"))
        .hasMessageContaining(
            "hosts[0].vmkernels[1].mtu: 9216 is not an MTU ESXi accepts; expected 1280 to 9000");
    assertThat(error("mtu: 1500\n", "mtu: 576\n"))
        .hasMessageContaining("hosts[0].standardSwitches[0].mtu: 576 is not an MTU ESXi accepts");
    assertThat(error("services: [vmotion], mtu: 9000}", "services: [vmotion], mtu: jumbo}"))
        .hasMessageContaining("hosts[0].vmkernels[1].mtu: expected a whole number");
  }

  @Test
  void aTrunkIsRangesOfVlanIdsAndNotAlsoOneVlan() {
    assertThat(error("{start: 300, end: 300}", "{start: 300, end: 299}"))
        .hasMessageContaining(
            "portgroups[3].vlanTrunk[1].end: 299 does not end the range; expected 300 to 4094");
    assertThat(error("{start: 100, end: 199}", "{start: -1, end: 199}"))
        .hasMessageContaining(
            "portgroups[3].vlanTrunk[0].start: -1 is not a VLAN id; expected 0 to 4094");
    assertThat(error("{start: 0, end: 4094}", "{start: 0, end: 4095}"))
        .hasMessageContaining(
            "portgroups[4].vlanTrunk[0].end: 4095 does not end the range; expected 0 to 4094");
    assertThat(error("{name: pg-trunk, vlan: null,", "{name: pg-trunk, vlan: 100,"))
        .hasMessageContaining(
            "portgroups[3].vlanTrunk: a portgroup is on one VLAN (vlan) or a trunk (vlanTrunk),"
                + " not both");
    assertThat(error("{start: 300, end: 300}", "{start: 300}"))
        .hasMessageContaining("portgroups[3].vlanTrunk[1]: missing required field 'end'");
  }

  @Test
  void aHostListsAtMostTheAdaptersVsphereAllows() {
    int n = Limits.VM_ADAPTERS_PER_HOST + 1;
    StringBuilder doc =
        new StringBuilder(
            """
        {"apiVersion": "vsguard/v1", "kind": "Inventory", "capturedAt": "2016-11-22T10:30:00Z",
         "hosts": [{"name": "esx-01", "standardSwitches": [{"name": "vSwitch0", "portgroups": ["VM Network"]}],
          "vms": ["vm"], "vmAdapters": [""");
    for (int i = 0; i < n; i++) {
      doc.append(i == 0 ? "" : ",")
          .append("{\"vm\": \"vm\", \"adapter\": \"Network adapter ")
          .append(i)
          .append("\", \"switch\": \"vSwitch0\", \"portgroup\": \"VM Network\"}");
    }
    doc.append("]}]}");
    assertThatThrownBy(() -> InventoryLoader.parse("big.json", doc.toString()))
        .hasMessageContaining(
            "hosts[0].vmAdapters: 10241 VM adapters; the limit is 10240 VM adapters per host"
                + " (docs/spec/formats.md, Limits)");
  }
}
