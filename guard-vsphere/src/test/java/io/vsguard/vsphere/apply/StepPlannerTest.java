package io.vsguard.vsphere.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.SwitchRef;
import io.vsguard.vsphere.Fixtures;
import io.vsguard.vsphere.soap.XmlNode;
import io.vsguard.vsphere.soap.XmlReader;
import io.vsguard.vsphere.vim.Mor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Steps planned into calls from esx-par-02's network as the simulated vCenter served it
 * (vim25/apply/host-network.xml: vmnic2/vmnic3 on LAG lag1 of DVS-LACP-Prod, vmnic4/vmnic5 on
 * uplink1/2 of DVS-Prod-v6, vmk0/vmk1 on the LACP switch's pg-mgmt/pg-vmotion), and chained on
 * predicted states as a dry run does.
 */
class StepPlannerTest {
  static final String LACP_UUID = "50 2a 7c 91 3e 4f 0b 12-8d 61 c4 77 a0 5e 29 3b";
  static final String PROD_UUID = "50 2a 81 0c 77 d2 4a 90-b3 1e 5f 08 c6 2d 71 e4";
  static final String STORAGE_UUID = "50 2a 93 5b 1a 6e 3c 47-9f 02 d8 64 b1 7a 0e 55";
  static final LiveSwitch LACP =
      new LiveSwitch(
          new Mor("VmwareDistributedVirtualSwitch", "dvs-96"),
          "DVS-LACP-Prod",
          LACP_UUID,
          "4",
          "dvportgroup-98",
          List.of("uplink1", "uplink2"),
          List.of(
              new LiveSwitch.DvPortgroup("dvportgroup-98", "DVS-LACP-Prod-uplinks", null),
              new LiveSwitch.DvPortgroup("dvportgroup-100", "pg-mgmt", 10),
              new LiveSwitch.DvPortgroup("dvportgroup-101", "pg-vmotion", 20),
              new LiveSwitch.DvPortgroup("dvportgroup-102", "pg-trunk", null)));
  static final LiveSwitch PROD =
      new LiveSwitch(
          new Mor("VmwareDistributedVirtualSwitch", "dvs-105"),
          "DVS-Prod-v6",
          PROD_UUID,
          "9",
          "dvportgroup-107",
          List.of("uplink1", "uplink2", "uplink3", "uplink4"),
          List.of(
              new LiveSwitch.DvPortgroup("dvportgroup-107", "DVS-Prod-v6-uplinks", null),
              new LiveSwitch.DvPortgroup("dvportgroup-108", "pg-mgmt-v6", 10)));
  static final LiveSwitch STORAGE =
      new LiveSwitch(
          new Mor("VmwareDistributedVirtualSwitch", "dvs-115"),
          "DVS-Storage",
          STORAGE_UUID,
          "1",
          "dvportgroup-117",
          List.of("uplink1", "uplink2"),
          List.of(new LiveSwitch.DvPortgroup("dvportgroup-119", "pg-nfs", 30)));
  static final LiveSwitch BACKUP =
      new LiveSwitch(
          new Mor("VmwareDistributedVirtualSwitch", "dvs-120"),
          "DVS-Backup",
          "50 2a 00 01",
          "2",
          "dvportgroup-121",
          List.of("uplink1", "uplink2"),
          List.of());
  static final StepPlanner PLANNER = new StepPlanner(StepPlanner.Options.DEFAULTS);

  static XmlNode value(String xml) throws Exception {
    return XmlReader.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  static LiveState esxPar02() throws Exception {
    XmlNode response = XmlReader.parse(Fixtures.bytes("apply/host-network.xml"));
    XmlNode network =
        response
            .path("Body.RetrievePropertiesExResponse.returnval.objects.propSet.val")
            .orElseThrow();
    LiveHost host =
        LiveReader.host(
            new VimReads.Props(
                new Mor("HostSystem", "host-24"),
                Map.of(
                    "name", value("<val>esx-par-02</val>"),
                    "runtime.connectionState", value("<val>connected</val>"),
                    "runtime.inMaintenanceMode", value("<val>false</val>"),
                    "configManager.networkSystem",
                        value("<val type=\"HostNetworkSystem\">hostnetworksystem-20</val>"),
                    "config.network", network)));
    return new LiveState(host, List.of(LACP, PROD, STORAGE, BACKUP));
  }

  static StepPlan plan(LiveState state, Step step) throws PlanningException {
    return PLANNER.plan(step, state);
  }

  @Test
  void theHostIsReadAsVcenterServedIt() throws Exception {
    LiveHost h = esxPar02().host();
    assertThat(h.pnics())
        .containsExactly("vmnic0", "vmnic1", "vmnic2", "vmnic3", "vmnic4", "vmnic5");
    assertThat(h.vswitches()).isEmpty();
    LiveHost.Proxy lacp = h.proxy(LACP_UUID).orElseThrow();
    assertThat(lacp.dvsName()).isEqualTo("DVS-LACP-Prod");
    assertThat(lacp.lags()).singleElement().satisfies(l -> assertThat(l.name()).isEqualTo("lag1"));
    assertThat(lacp.backing())
        .containsExactly(
            new PnicOnPort("vmnic2", "6", "lag1-0", "dvportgroup-98"),
            new PnicOnPort("vmnic3", "7", "lag1-1", "dvportgroup-98"));
    assertThat(h.vnic("vmk0").orElseThrow().location())
        .isEqualTo(new LiveHost.OnDvPort(LACP_UUID, "dvportgroup-100", "50"));
  }

  @Test
  void aPnicGoesToAStandardSwitchInOneUpdateNetworkConfigThatAlsoReleasesIt() throws Exception {
    LiveState s = esxPar02();
    assertThatThrownBy(
            () -> plan(s, new Step.MovePnic("vmnic3", SwitchRef.standard("vSwitch-vsguard"), null)))
        .isInstanceOf(PlanningException.class)
        .hasMessage(
            "esx-par-02, move-pnic vmnic3 -> standard:vSwitch-vsguard:"
                + " no standard switch vSwitch-vsguard on the host (create-standard-switch first)");

    StepPlan create = plan(s, new Step.CreateStandardSwitch("vSwitch-vsguard"));
    assertThat(create.describe())
        .containsExactly(
            "AddVirtualSwitch hostnetworksystem-20 (esx-par-02) vswitchName=vSwitch-vsguard numPorts=128 bridge=[]");
    LiveState created = Prediction.after(s, create);

    StepPlan move =
        plan(created, new Step.MovePnic("vmnic3", SwitchRef.standard("vSwitch-vsguard"), null));
    assertThat(move.describe())
        .containsExactly(
            "UpdateNetworkConfig hostnetworksystem-20 (esx-par-02)"
                + " changeMode=modify vswitch[edit vSwitch-vsguard numPorts=128 mtu=1500 bridge=[vmnic3]]"
                + " proxySwitch[edit DVS-LACP-Prod backing=[vmnic2 lag1-0 (port 6)]]");
    LiveState moved = Prediction.after(created, move);
    assertThat(moved.host().vswitch("vSwitch-vsguard").orElseThrow().pnics())
        .containsExactly("vmnic3");
    assertThat(moved.host().proxy(LACP_UUID).orElseThrow().backing())
        .extracting(PnicOnPort::pnic)
        .containsExactly("vmnic2");
    assertThat(moved.switchNamed("DVS-LACP-Prod").orElseThrow().configVersion()).isNull();

    assertThat(
            plan(moved, new Step.MovePnic("vmnic3", SwitchRef.standard("vSwitch-vsguard"), null))
                .note())
        .isEqualTo("vmnic3 is on vSwitch-vsguard");

    // from one standard switch to another: both bridges change in the same call, no proxy switch
    LiveState second =
        Prediction.after(moved, plan(moved, new Step.CreateStandardSwitch("vSwitch-b")));
    assertThat(
            plan(second, new Step.MovePnic("vmnic3", SwitchRef.standard("vSwitch-b"), null))
                .describe())
        .containsExactly(
            "UpdateNetworkConfig hostnetworksystem-20 (esx-par-02) changeMode=modify"
                + " vswitch[edit vSwitch-vsguard numPorts=128 mtu=1500 bridge=[]]"
                + " vswitch[edit vSwitch-b numPorts=128 mtu=1500 bridge=[vmnic3]]");
  }

  @Test
  void aPnicGoesToADistributedSwitchOnTheNamedUplinkALagPortOrTheFirstFreeUplink()
      throws Exception {
    LiveState s = esxPar02();
    StepPlan uplink3 =
        plan(s, new Step.MovePnic("vmnic2", SwitchRef.distributed("DVS-Prod-v6"), "uplink3"));
    assertThat(uplink3.describe())
        .containsExactly(
            "ReconfigureDvs_Task dvs-105 (DVS-Prod-v6) configVersion=9"
                + " host[edit host-24 (esx-par-02) backing=[vmnic4 uplink1 (port 4), vmnic5 uplink2 (port 5),"
                + " vmnic2 uplink3 (port 6)]]");
    // vCenter takes the pnic from the LACP switch: the 2016 move, which guard-core blocks
    LiveState after = Prediction.after(s, uplink3);
    assertThat(after.host().proxy(LACP_UUID).orElseThrow().backing())
        .extracting(PnicOnPort::pnic)
        .containsExactly("vmnic3");

    StepPlan firstFree =
        plan(s, new Step.MovePnic("vmnic0", SwitchRef.distributed("DVS-Prod-v6"), null));
    assertThat(((VimCall.ReconfigureDvs) firstFree.calls().get(0)).host().get(0).backing())
        .last()
        .isEqualTo(new PnicOnPort("vmnic0", "6", "uplink3", "dvportgroup-107"));

    assertThatThrownBy(
            () ->
                plan(
                    s,
                    new Step.MovePnic("vmnic2", SwitchRef.distributed("DVS-Prod-v6"), "uplink1")))
        .isInstanceOf(PlanningException.class)
        .hasMessageEndingWith(": uplink1 of DVS-Prod-v6 already has vmnic4 on the host");
    assertThatThrownBy(
            () ->
                plan(
                    s, new Step.MovePnic("vmnic0", SwitchRef.distributed("DVS-LACP-Prod"), "lag1")))
        .isInstanceOf(PlanningException.class)
        .hasMessageEndingWith(
            ": every port of LAG lag1 of DVS-LACP-Prod already" + " has a pnic on the host");
    assertThatThrownBy(
            () ->
                plan(
                    s,
                    new Step.MovePnic("vmnic0", SwitchRef.distributed("DVS-Prod-v6"), "uplink9")))
        .isInstanceOf(PlanningException.class)
        .hasMessageEndingWith(": DVS-Prod-v6 has no uplink or LAG named uplink9 on" + " the host");
    assertThatThrownBy(
            () -> plan(s, new Step.MovePnic("vmnic9", SwitchRef.distributed("DVS-Prod-v6"), null)))
        .isInstanceOf(PlanningException.class)
        .hasMessageEndingWith(": the host has no physical adapter vmnic9");

    // with vmnic3 gone from the LAG, lag1's free port is lag1-1
    LiveState freed =
        Prediction.after(
            s,
            plan(
                Prediction.after(s, plan(s, new Step.CreateStandardSwitch("vSwitch-t"))),
                new Step.MovePnic("vmnic3", SwitchRef.standard("vSwitch-t"), null)));
    StepPlan toLag =
        plan(freed, new Step.MovePnic("vmnic0", SwitchRef.distributed("DVS-LACP-Prod"), "lag1"));
    assertThat(toLag.describe().get(0))
        .contains("configVersion=(read when the step runs)")
        .endsWith("vmnic0 lag1-1 (port 7)]]");
  }

  /**
   * The stager's mirrored transit switch: its MTU and each portgroup with its VLAN, as the plan
   * names them.
   */
  @Test
  void aMirroredStandardSwitchIsCreatedWithItsMtuAndPortgroups() throws Exception {
    Step.CreateStandardSwitch mirrored =
        new Step.CreateStandardSwitch(
            "vSwitch-vsguard",
            9000,
            List.of(
                new Step.StandardPortgroup("pg-mgmt", 10, "vmnic3"),
                new Step.StandardPortgroup("pg-vmotion", 20, "vmnic3")));
    StepPlan create = plan(esxPar02(), mirrored);
    assertThat(create.describe())
        .containsExactly(
            "AddVirtualSwitch hostnetworksystem-20 (esx-par-02) vswitchName=vSwitch-vsguard numPorts=128 mtu=9000 bridge=[]",
            "AddPortGroup hostnetworksystem-20 (esx-par-02) name=pg-mgmt vlanId=10 vswitchName=vSwitch-vsguard",
            "AddPortGroup hostnetworksystem-20 (esx-par-02) name=pg-vmotion vlanId=20 vswitchName=vSwitch-vsguard");
    LiveState created = Prediction.after(esxPar02(), create);
    assertThat(plan(created, mirrored).calls()).as("a resumed apply finds it all there").isEmpty();
    // the vmkernel then only moves: its portgroup is there, on the plan's VLAN
    assertThat(
            plan(
                    created,
                    new Step.MoveVmkernel("vmk0", SwitchRef.standard("vSwitch-vsguard"), "pg-mgmt"))
                .describe())
        .containsExactly(
            "UpdateVirtualNic hostnetworksystem-20 (esx-par-02) device=vmk0 portgroup=pg-mgmt");
    // a portgroup the move creates takes the plan's VLAN over the one it leaves
    assertThat(
            plan(
                    created,
                    new Step.MoveVmkernel(
                        "vmk1", SwitchRef.standard("vSwitch-vsguard"), "pg-other", 99))
                .describe())
        .first()
        .isEqualTo(
            "AddPortGroup hostnetworksystem-20 (esx-par-02) name=pg-other vlanId=99 vswitchName=vSwitch-vsguard");
  }

  /**
   * The second pnic joining the transit switch leaves the mirrored portgroups on the first, as the
   * plan's portgroup uplink says and the simulation assumes; a pnic leaving drops out of the order.
   */
  @Test
  void aPnicJoiningATransitSwitchLeavesItsPortgroupsOnThePnicTheyUse() throws Exception {
    Step.CreateStandardSwitch mirrored =
        new Step.CreateStandardSwitch(
            "vSwitch-vsguard", 9000, List.of(new Step.StandardPortgroup("pg-mgmt", 10, "vmnic3")));
    LiveState s = Prediction.after(esxPar02(), plan(esxPar02(), mirrored));
    StepPlan first =
        plan(s, new Step.MovePnic("vmnic3", SwitchRef.standard("vSwitch-vsguard"), null));
    assertThat(first.describe()).singleElement().asString().doesNotContain("portgroup[");
    s = Prediction.after(s, first);
    StepPlan second =
        plan(s, new Step.MovePnic("vmnic2", SwitchRef.standard("vSwitch-vsguard"), null));
    assertThat(second.describe())
        .singleElement()
        .asString()
        .contains("bridge=[vmnic3, vmnic2]")
        .contains(
            "portgroup[edit name=pg-mgmt vlanId=10 vswitchName=vSwitch-vsguard activeNic=[vmnic3]]");
    s = Prediction.after(s, second);
    assertThat(s.host().portgroup("pg-mgmt").orElseThrow().active()).containsExactly("vmnic3");
    assertThat(
            plan(s, new Step.MovePnic("vmnic2", SwitchRef.standard("vSwitch-vsguard"), null))
                .calls())
        .isEmpty();
    // vmnic3 leaves for the target switch: the portgroup's order keeps what is still on the switch
    LiveState left =
        Prediction.after(
            s,
            plan(s, new Step.MovePnic("vmnic3", SwitchRef.distributed("DVS-Prod-v6"), "uplink3")));
    assertThat(left.host().portgroup("pg-mgmt").orElseThrow().active()).isEmpty();
  }

  @Test
  void aVmkernelAdapterKeepsItsVlanOnItsTransitionalPortgroup() throws Exception {
    LiveState s =
        Prediction.after(
            esxPar02(), plan(esxPar02(), new Step.CreateStandardSwitch("vSwitch-vsguard")));
    StepPlan move =
        plan(s, new Step.MoveVmkernel("vmk0", SwitchRef.standard("vSwitch-vsguard"), "pg-mgmt"));
    assertThat(move.describe())
        .containsExactly(
            "AddPortGroup hostnetworksystem-20 (esx-par-02) name=pg-mgmt vlanId=10 vswitchName=vSwitch-vsguard",
            "UpdateVirtualNic hostnetworksystem-20 (esx-par-02) device=vmk0 portgroup=pg-mgmt");
    LiveState moved = Prediction.after(s, move);
    assertThat(moved.host().vnic("vmk0").orElseThrow().location())
        .isEqualTo(new LiveHost.OnPortgroup("pg-mgmt"));
    assertThat(
            plan(
                    moved,
                    new Step.MoveVmkernel("vmk0", SwitchRef.standard("vSwitch-vsguard"), "pg-mgmt"))
                .calls())
        .isEmpty();

    StepPlan back =
        plan(
            moved,
            new Step.MoveVmkernel("vmk0", SwitchRef.distributed("DVS-Prod-v6"), "pg-mgmt-v6"));
    assertThat(back.describe())
        .containsExactly(
            "UpdateVirtualNic hostnetworksystem-20 (esx-par-02) device=vmk0"
                + " distributedVirtualPort=DVS-Prod-v6 (switchUuid "
                + PROD_UUID
                + ") portgroup pg-mgmt-v6 (portgroupKey"
                + " dvportgroup-108)");

    assertThatThrownBy(
            () ->
                plan(
                    s,
                    new Step.MoveVmkernel(
                        "vmk0", SwitchRef.distributed("DVS-Prod-v6"), "DVS-Prod-v6-uplinks")))
        .isInstanceOf(PlanningException.class)
        .hasMessageContaining("is the uplink portgroup of DVS-Prod-v6");
    assertThatThrownBy(
            () ->
                plan(s, new Step.MoveVmkernel("vmk0", SwitchRef.distributed("DVS-Backup"), "pg-x")))
        .isInstanceOf(PlanningException.class)
        .hasMessageEndingWith(": DVS-Backup has no portgroup pg-x");
  }

  @Test
  void aTrunkPortgroupGivesNoVlanToDeriveAndSaysSo() throws Exception {
    LiveState s = esxPar02();
    LiveHost h = s.host();
    LiveHost onTrunk =
        h.withNetwork(
            List.of(new LiveHost.Vswitch("vSwitch-t", 128, 1500, List.of())),
            List.of(),
            h.proxies(),
            List.of(
                new LiveHost.Vnic(
                    "vmk0", new LiveHost.OnDvPort(LACP_UUID, "dvportgroup-102", "50"))));
    assertThatThrownBy(
            () ->
                plan(
                    s.with(onTrunk),
                    new Step.MoveVmkernel("vmk0", SwitchRef.standard("vSwitch-t"), "pg-mgmt")))
        .isInstanceOf(PlanningException.class)
        .hasMessageContaining("vmk0 is on pg-trunk, a trunk or private-VLAN portgroup");
  }

  @Test
  void membershipStepsAreReconfigureDvsAndAJoiningHostsPortKeysAreVcentersToAssign()
      throws Exception {
    LiveState s = esxPar02();
    assertThat(plan(s, new Step.RemoveFromSwitch("DVS-LACP-Prod")).describe())
        .containsExactly(
            "ReconfigureDvs_Task dvs-96 (DVS-LACP-Prod) configVersion=4 host[remove host-24 (esx-par-02)]");
    assertThatThrownBy(
            () -> plan(s, new Step.MovePnic("vmnic0", SwitchRef.distributed("DVS-Backup"), null)))
        .isInstanceOf(PlanningException.class)
        .hasMessageEndingWith("the host is not a member of DVS-Backup" + " (add-to-switch first)");

    StepPlan join = plan(s, new Step.AddToSwitch("DVS-Backup"));
    assertThat(join.describe())
        .containsExactly(
            "ReconfigureDvs_Task dvs-120 (DVS-Backup) configVersion=2 host[add host-24 (esx-par-02)]");
    LiveState joined = Prediction.after(s, join);
    StepPlan pnic =
        plan(joined, new Step.MovePnic("vmnic0", SwitchRef.distributed("DVS-Backup"), "uplink2"));
    assertThat(pnic.describe())
        .containsExactly(
            "ReconfigureDvs_Task dvs-120 (DVS-Backup) configVersion=(read when"
                + " the step runs) host[edit host-24 (esx-par-02) backing=[vmnic0 uplink2 (port assigned when the host joins)]]");
    assertThat(plan(joined, new Step.AddToSwitch("DVS-Backup")).note())
        .isEqualTo("already a member of DVS-Backup");
    assertThat(
            plan(
                    Prediction.after(joined, plan(joined, new Step.RemoveFromSwitch("DVS-Backup"))),
                    new Step.RemoveFromSwitch("DVS-Backup"))
                .calls())
        .isEmpty();
  }

  @Test
  void maintenanceVerifyAndWhatApplyDoesNotDo() throws Exception {
    LiveState s = esxPar02();
    StepPlan enter = plan(s, new Step.EnterMaintenance());
    assertThat(enter.describe())
        .containsExactly(
            "EnterMaintenanceMode_Task host-24 (esx-par-02) timeout=0 evacuatePoweredOffVms=true");
    LiveState in = Prediction.after(s, enter);
    assertThat(plan(in, new Step.EnterMaintenance()).describe())
        .containsExactly("(no call: already in maintenance mode)");
    assertThat(
            new StepPlanner(new StepPlanner.Options(900, false, 64))
                .plan(new Step.ExitMaintenance(), in)
                .describe())
        .containsExactly("ExitMaintenanceMode_Task host-24 (esx-par-02) timeout=900");
    assertThat(plan(s, new Step.Verify()).describe())
        .containsExactly("read runtime.connectionState of host-24 (esx-par-02): expect connected");
    assertThat(plan(s, new Step.Verify()).writes()).isFalse();

    assertThatThrownBy(() -> plan(s, new Step.ReconfigureSwitch("c2")))
        .isInstanceOf(PlanningException.class)
        .hasMessageStartingWith("esx-par-02, reconfigure-switch c2: not supported by apply");
    assertThatThrownBy(
            () ->
                plan(s, new Step.CreateStandardSwitch("vSwitch-with-a-name-far-too-long-for-esxi")))
        .isInstanceOf(PlanningException.class)
        .hasMessageContaining("1 to 32 characters");
    assertThatThrownBy(() -> plan(s, new Step.CreateStandardSwitch("vSwitch\u001b[2J")))
        .isInstanceOf(PlanningException.class)
        .hasMessageContaining("'vSwitch\\u001B[2J'");
  }
}
