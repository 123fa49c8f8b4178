package io.vsguard.vsphere.vcsim;

import static io.vsguard.vsphere.vcsim.VcsimHostNetworkTest.assertFault;
import static io.vsguard.vsphere.vcsim.VcsimHostNetworkTest.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.VmAdapter;
import io.vsguard.vsphere.VsphereCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network facts a continuity check reads, served from a fixture and kept by the writes: a
 * standard switch with its MTU and portgroups' VLAN and failover order (one of them VGT, one
 * inheriting the switch's teaming), VMkernel MTUs, a VLAN trunk, a portgroup without a known VLAN,
 * and VMs with adapters on standard and distributed portgroups — captured back equal to the
 * fixture; the VMs' adapters move with the VMs when DRS evacuates a host, and a change that would
 * cut one off is refused as ESXi and vCenter refuse it.
 */
class VcsimVmNetworkTest {
  static final String SITE =
      """
            {
              "apiVersion": "vsguard/v1", "kind": "Inventory", "capturedAt": "2024-03-01T08:00:00Z",
              "source": {"type": "vcenter", "url": "https://vc.example/sdk", "apiVersion": "7.0",
                         "instanceUuid": "2f1e3c4d-5a6b-4c7d-8e9f-0a1b2c3d4e5f"},
              "datacenters": [{"name": "DC1"}],
              "clusters": [{"name": "cl-1", "datacenter": "DC1", "drsEnabled": true, "haEnabled": false,
                            "hosts": ["esx-a", "esx-b"]}],
              "hosts": [
                {"name": "esx-a", "datacenter": "DC1", "cluster": "cl-1", "version": "7.0.3", "build": "21930508",
                 "connectionState": "connected", "maintenanceMode": false,
                 "pnics": ["vmnic0", "vmnic1", "vmnic2", "vmnic3"],
                 "standardSwitches": [%s],
                 "vmkernels": [
                   {"device": "vmk0", "switch": "vSwitch0", "portgroup": "Management Network",
                    "services": ["management"], "mtu": 1500},
                   {"device": "vmk1", "switch": "DVS-A", "portgroup": "pg-vmotion", "services": ["vmotion"], "mtu": 9000}],
                 "vmCount": 2, "vms": ["app-01", "web-01"],
                 "vmAdapters": [
                   {"vm": "app-01", "adapter": "Network adapter 1", "switch": "DVS-A", "portgroup": "pg-web"},
                   {"vm": "app-01", "adapter": "Network adapter 2", "switch": "vSwitch0", "portgroup": "Guests"},
                   {"vm": "web-01", "adapter": "Network adapter 1", "switch": "vSwitch0", "portgroup": "VM Network"},
                   {"vm": "web-01", "adapter": "Network adapter 2", "switch": "DVS-A", "portgroup": "pg-trunk"}]},
                {"name": "esx-b", "datacenter": "DC1", "cluster": "cl-1", "version": "7.0.3", "build": "21930508",
                 "connectionState": "connected", "maintenanceMode": false,
                 "pnics": ["vmnic0", "vmnic1", "vmnic2", "vmnic3"],
                 "standardSwitches": [%s],
                 "vmkernels": [
                   {"device": "vmk0", "switch": "vSwitch0", "portgroup": "Management Network",
                    "services": ["management"], "mtu": 1500},
                   {"device": "vmk1", "switch": "DVS-A", "portgroup": "pg-vmotion", "services": ["vmotion"], "mtu": 9000}],
                 "vmCount": 1, "vms": ["db-01"],
                 "vmAdapters": [
                   {"vm": "db-01", "adapter": "Network adapter 1", "switch": "DVS-A", "portgroup": "pg-web"}]}],
              "distributedSwitches": [
                {"name": "DVS-A", "uuid": "50 2a 00 00 00 00 00 0a-00 00 00 00 00 00 00 01", "datacenter": "DC1",
                 "version": "7.0.0", "mtu": 9000, "uplinks": ["uplink1", "uplink2"],
                 "lacp": {"apiVersion": "multipleLag", "lags": []},
                 "members": [
                   {"host": "esx-a", "pnics": [{"device": "vmnic2", "uplink": "uplink1"}, {"device": "vmnic3", "uplink": "uplink2"}]},
                   {"host": "esx-b", "pnics": [{"device": "vmnic2", "uplink": "uplink1"}, {"device": "vmnic3", "uplink": "uplink2"}]}],
                 "portgroups": [
                   {"name": "pg-vmotion", "vlan": 20, "uplinkPortgroup": false,
                    "teaming": {"policy": "loadbalance_srcid", "active": ["uplink1"], "standby": ["uplink2"]},
                    "lacp": {"enabled": false, "mode": "passive"}},
                   {"name": "pg-web", "vlan": 100, "uplinkPortgroup": false,
                    "teaming": {"policy": "loadbalance_srcid", "active": ["uplink1", "uplink2"], "standby": []},
                    "lacp": {"enabled": false, "mode": "passive"}},
                   {"name": "pg-trunk", "vlan": null, "vlanTrunk": [{"start": 100, "end": 199}, {"start": 300, "end": 300}],
                    "uplinkPortgroup": false,
                    "teaming": {"policy": "loadbalance_srcid", "active": ["uplink1", "uplink2"], "standby": []},
                    "lacp": {"enabled": false, "mode": "passive"}},
                   {"name": "pg-isolated", "vlan": null, "uplinkPortgroup": false,
                    "teaming": {"policy": "loadbalance_srcid", "active": ["uplink1", "uplink2"], "standby": []},
                    "lacp": {"enabled": false, "mode": "passive"}},
                   {"name": "DVS-A-DVUplinks", "vlan": null, "vlanTrunk": [{"start": 0, "end": 4094}],
                    "uplinkPortgroup": true, "teaming": null, "lacp": null}]}]
            }"""
          .formatted(vswitch0(), vswitch0());

  /** vSwitch0 as both hosts have it; Guests is VGT (4095) and inherits the switch's teaming. */
  static String vswitch0() {
    return """
                {"name": "vSwitch0", "pnics": ["vmnic0", "vmnic1"],
                 "portgroups": ["Management Network", "VM Network", "Guests"], "mtu": 1500,
                 "portgroupSettings": [
                   {"name": "Management Network", "vlan": 10,
                    "teaming": {"policy": "failover_explicit", "active": ["vmnic0"], "standby": ["vmnic1"]}},
                   {"name": "VM Network", "vlan": 0,
                    "teaming": {"policy": "loadbalance_srcid", "active": ["vmnic1"], "standby": []}},
                   {"name": "Guests", "vlan": 4095}]}""";
  }

  static Path write(Path dir) throws Exception {
    return Files.writeString(dir.resolve("site.json"), SITE);
  }

  @Test
  void theNetworkFactsComeBackAsTheyWereServed(@TempDir Path dir) throws Exception {
    Path file = write(dir);
    Inventory fixture = InventoryLoader.load(file);
    try (Vcsim vcsim = Vcsim.start(file, VcsimIncidentTest.FAST);
        VsphereCapture capture = VcsimRoundTripTest.pinned(vcsim)) {
      Captured captured = Captured.by(capture);
      VcsimRoundTripTest.assertRoundTrip(captured.inventory(), fixture);
      // the one fact the fixture leaves out is served as ESXi reports it: Guests inherits
      // vSwitch0's teaming
      assertThat(
              captured
                  .vswitch("esx-a", "vSwitch0")
                  .orElseThrow()
                  .settings("Guests")
                  .orElseThrow()
                  .teaming()
                  .active())
          .containsExactly("vmnic0", "vmnic1");
      assertThat(captured.dvs("DVS-A").portgroup("pg-trunk").orElseThrow().vlanTrunk()).hasSize(2);
      // a portgroup whose VLAN the fixture does not give is served without one, and reads back
      // unknown
      assertThat(captured.dvs("DVS-A").portgroup("pg-isolated").orElseThrow())
          .satisfies(p -> assertThat(p.vlan()).isNull())
          .satisfies(p -> assertThat(p.vlanTrunk()).isEmpty());
    }
  }

  @Test
  void vmAdaptersMoveWithTheirVmsAndNoChangeCutsThemOff(@TempDir Path dir) throws Exception {
    try (Vcsim vcsim = Vcsim.start(write(dir), VcsimIncidentTest.FAST);
        VsphereCapture capture = VcsimRoundTripTest.pinned(vcsim)) {
      VimSession vim = VimSession.open(vcsim);
      // ESXi: a portgroup VMs are connected to cannot be removed
      assertFault(vim.removePortGroup("esx-a", "VM Network"), "ResourceInUse");

      VimSession.TaskResult entered = vim.await(vim.enterMaintenanceMode("esx-a", 0));
      assertThat(entered.succeeded()).as(entered.message()).isTrue();
      Captured after = Captured.by(capture);
      assertThat(after.host("esx-a").vmAdapters()).isEmpty();
      assertThat(after.host("esx-b").vmAdapters())
          .containsExactly(
              new VmAdapter("app-01", "Network adapter 1", "DVS-A", "pg-web"),
              new VmAdapter("app-01", "Network adapter 2", "vSwitch0", "Guests"),
              new VmAdapter("db-01", "Network adapter 1", "DVS-A", "pg-web"),
              new VmAdapter("web-01", "Network adapter 1", "vSwitch0", "VM Network"),
              new VmAdapter("web-01", "Network adapter 2", "DVS-A", "pg-trunk"));

      // the host without VMs may now lose the portgroup; the host running them may not
      assertOk(vim.removePortGroup("esx-a", "VM Network"));
      assertFault(vim.removePortGroup("esx-b", "VM Network"), "ResourceInUse");
      assertFault(vim.removeVirtualSwitch("esx-b", "vSwitch0"), "ResourceInUse");

      // vCenter: a host cannot leave a distributed switch its VMs use (vmk1 moved off it first)
      assertOk(vim.addPortGroup("esx-b", "vMotion", "vSwitch0", 20));
      assertOk(vim.moveVmkToStandard("esx-b", "vmk1", "vMotion"));
      VimSession.TaskResult left =
          vim.await(vim.reconfigureDvs("DVS-A", List.of(vim.member("remove", "esx-b", null))));
      assertThat(left.fault()).as(left.message()).isEqualTo("ResourceInUse");
      assertThat(left.message())
          .contains(
              "Network adapter 1 of VM db-01 is connected to distributed switch DVS-A on esx-b");
      assertThat(Captured.by(capture).member("DVS-A", "esx-b")).isPresent();
    }
  }
}
