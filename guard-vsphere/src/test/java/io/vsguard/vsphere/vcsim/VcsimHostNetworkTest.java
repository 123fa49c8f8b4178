package io.vsguard.vsphere.vcsim;

import static io.vsguard.vsphere.vcsim.VimSession.portgroupConfig;
import static io.vsguard.vsphere.vcsim.VimSession.proxyEdit;
import static io.vsguard.vsphere.vcsim.VimSession.vnicToStandard;
import static io.vsguard.vsphere.vcsim.VimSession.vswitchConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.model.Portgroup;
import io.vsguard.core.model.StandardSwitch;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.vsphere.VsphereCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HostNetworkSystem's writes on the simulated vCenter: each one's effect, read back by the
 * production capture client, and the faults vCenter gives for what it refuses. The incident's hosts
 * start with every pnic on a distributed switch (vmnic0/1 DVS-Storage, vmnic2/3 the LACP LAG,
 * vmnic4/5 DVS-Prod-v6) and no standard switch; each test works on its own host.
 */
class VcsimHostNetworkTest {

  static final String LACP = "DVS-LACP-Prod";
  static Vcsim vcsim;
  static VsphereCapture capture;
  static VimSession vim;

  @BeforeAll
  static void start() {
    vcsim = Vcsim.start(VcsimIncidentTest.INVENTORY, VcsimIncidentTest.FAST);
    capture = VcsimRoundTripTest.pinned(vcsim);
    vim = VimSession.open(vcsim);
  }

  @AfterAll
  static void stop() throws Exception {
    if (capture != null) {
      capture.close();
    }
    if (vcsim != null) {
      vcsim.close();
    }
  }

  static Captured captured() {
    return Captured.by(capture);
  }

  static void assertFault(RawSoap.Answer answer, String fault) {
    assertThat(answer.status()).as(answer.text("faultstring")).isEqualTo(500);
    assertThat(answer.faultType()).as(answer.text("faultstring")).isEqualTo(fault);
    assertThat(answer.text("faultstring")).isNotBlank();
  }

  static void assertOk(RawSoap.Answer answer) {
    assertThat(answer.status())
        .as(answer.faultType() + ": " + answer.text("faultstring"))
        .isEqualTo(200);
  }

  @Test
  void addVirtualSwitchCreatesAStandardSwitchAndRefusesWhatEsxiRefuses() {
    String host = "esx-par-01";
    assertOk(vim.addVirtualSwitch(host, "vSwitch-a", List.of()));

    assertFault(vim.addVirtualSwitch(host, "vSwitch-a", List.of()), "AlreadyExists");
    assertFault(vim.addVirtualSwitch(host, "vSwitch-b", List.of("vmnic4")), "ResourceInUse");
    assertFault(vim.addVirtualSwitch(host, "vSwitch-c", List.of("vmnic9")), "NotFound");
    assertFault(vim.addVirtualSwitch(host, "", List.of()), "InvalidArgument");
    assertFault(
        vim.addVirtualSwitch(host, "vSwitch-with-a-name-longer-than-32", List.of()),
        "InvalidArgument");

    Captured after = captured();
    // a new switch runs ESXi's default MTU
    assertThat(after.host(host).standardSwitches()).containsExactly(empty("vSwitch-a"));
    assertThat(after.member("DVS-Prod-v6", host))
        .hasValue(Map.of("vmnic4", "uplink1", "vmnic5", "uplink2"));
  }

  @Test
  void portgroupsAreAddedToAndRemovedFromAStandardSwitch() {
    String host = "esx-par-02";
    assertOk(vim.addVirtualSwitch(host, "vSwitch-pg", List.of()));
    assertOk(vim.addPortGroup(host, "pg-a", "vSwitch-pg", 10));
    assertOk(vim.addPortGroup(host, "pg-b", "vSwitch-pg", 0));

    assertFault(vim.addPortGroup(host, "pg-a", "vSwitch-pg", 10), "AlreadyExists");
    assertFault(vim.addPortGroup(host, "pg-c", "vSwitch-none", 10), "NotFound");
    assertFault(vim.addPortGroup(host, "pg-d", "vSwitch-pg", 4096), "InvalidArgument");
    // each with its VLAN; without a failover order of their own they inherit the switch's (no
    // pnics)
    assertThat(captured().vswitch(host, "vSwitch-pg"))
        .hasValue(
            new StandardSwitch(
                "vSwitch-pg",
                List.of(),
                List.of("pg-a", "pg-b"),
                1500,
                List.of(settings("pg-a", 10, List.of()), settings("pg-b", 0, List.of()))));

    assertOk(vim.removePortGroup(host, "pg-a"));
    assertFault(vim.removePortGroup(host, "pg-a"), "NotFound");
    assertThat(captured().vswitch(host, "vSwitch-pg"))
        .hasValue(
            new StandardSwitch(
                "vSwitch-pg",
                List.of(),
                List.of("pg-b"),
                1500,
                List.of(settings("pg-b", 0, List.of()))));

    assertOk(vim.removeVirtualSwitch(host, "vSwitch-pg"));
    assertFault(vim.removeVirtualSwitch(host, "vSwitch-pg"), "NotFound");
    assertThat(captured().host(host).standardSwitches()).isEmpty();
  }

  @Test
  void updateNetworkConfigMovesThePnicsAndTheManagementVmkernelInOneCall() {
    String host = "esx-par-03";
    String lacp = vim.dvs(LACP).uuid();

    assertOk(
        vim.updateNetworkConfig(
            host,
            vswitchConfig("add", "vSwitch-mig", List.of("vmnic2", "vmnic3"))
                + proxyEdit(lacp, Map.of())
                + portgroupConfig("add", "pg-mgmt", "vSwitch-mig", 10)
                + vnicToStandard("vmk0", "pg-mgmt")));

    Captured after = captured();
    assertThat(after.vswitch(host, "vSwitch-mig"))
        .hasValue(
            new StandardSwitch(
                "vSwitch-mig",
                List.of("vmnic2", "vmnic3"),
                List.of("pg-mgmt"),
                1500,
                List.of(settings("pg-mgmt", 10, List.of("vmnic2", "vmnic3")))));
    // the move keeps the adapters' MTU
    assertThat(after.vmk(host, "vmk0"))
        .isEqualTo(new Vmkernel("vmk0", "vSwitch-mig", "pg-mgmt", List.of("management"), 1500));
    assertThat(after.vmk(host, "vmk1"))
        .isEqualTo(new Vmkernel("vmk1", LACP, "pg-vmotion", List.of("vmotion"), 9000));
    assertThat(after.member(LACP, host)).hasValue(Map.of());
    assertThat(vcsim.control().host(host).crashed()).isFalse();
    assertThat(vim.connectionState(host)).isEqualTo("connected");
  }

  @Test
  void updateNetworkConfigChangesAllOrNothing() {
    String host = "esx-par-04";
    String lacp = vim.dvs(LACP).uuid();

    // a valid switch and an unknown adapter: nothing is applied
    assertFault(
        vim.updateNetworkConfig(
            host, vswitchConfig("add", "vSwitch-x", List.of()) + vnicToStandard("vmk9", "pg-none")),
        "NotFound");
    // a standard switch cannot take a pnic another switch keeps
    assertFault(
        vim.updateNetworkConfig(host, vswitchConfig("add", "vSwitch-y", List.of("vmnic4"))),
        "ResourceInUse");
    // two switches cannot both take one pnic
    assertFault(
        vim.updateNetworkConfig(
            host,
            vswitchConfig("add", "vSwitch-z", List.of("vmnic3"))
                + vswitchConfig("add", "vSwitch-w", List.of("vmnic3"))
                + proxyEdit(lacp, Map.of("vmnic2", vim.uplinkPorts(host, lacp).get("lag1-0")))),
        "ResourceInUse");
    assertFault(
        vim.updateNetworkConfig(
            host,
            "<proxySwitch><changeOperation>add</changeOperation><uuid>"
                + lacp
                + "</uuid></proxySwitch>"),
        "NotSupported");
    assertFault(
        vim.updateNetworkConfig(
            host,
            "<proxySwitch><changeOperation>edit</changeOperation><uuid>no-such-uuid"
                + "</uuid></proxySwitch>"),
        "NotFound");
    assertFault(
        vim.updateNetworkConfig(
            host,
            "<dnsConfig xsi:type=\"HostDnsConfig\"><dhcp>false</dhcp><hostName>h"
                + "</hostName><domainName>example.org</domainName></dnsConfig>"),
        "NotSupported");
    assertFault(
        vim.call(
            "<UpdateNetworkConfig xmlns=\"urn:vim25\">"
                + VimSession.hostMo("HostNetworkSystem", vim.networkSystem(host))
                + "<config/><changeMode>replace</changeMode></UpdateNetworkConfig>"),
        "NotSupported");

    Captured after = captured();
    assertThat(after.host(host).standardSwitches()).isEmpty();
    assertThat(after.member(LACP, host)).hasValue(Map.of("vmnic2", "lag1-0", "vmnic3", "lag1-1"));
  }

  @Test
  void updateVirtualNicMovesAVmkernelToAStandardPortgroupAndBack() {
    String host = "esx-par-05";
    VimSession.Switch lacp = vim.dvs(LACP);
    assertOk(
        vim.updateNetworkConfig(
            host,
            vswitchConfig("add", "vSwitch-v", List.of("vmnic3"))
                + proxyEdit(
                    lacp.uuid(), Map.of("vmnic2", vim.uplinkPorts(host, lacp.uuid()).get("lag1-0")))
                + portgroupConfig("add", "pg-vmotion", "vSwitch-v", 20)));

    assertOk(vim.moveVmkToStandard(host, "vmk1", "pg-vmotion"));
    assertThat(captured().vmk(host, "vmk1"))
        .isEqualTo(new Vmkernel("vmk1", "vSwitch-v", "pg-vmotion", List.of("vmotion"), 9000));
    assertFault(vim.removePortGroup(host, "pg-vmotion"), "ResourceInUse");
    assertFault(vim.removeVirtualSwitch(host, "vSwitch-v"), "ResourceInUse");

    assertFault(vim.moveVmkToStandard(host, "vmk7", "pg-vmotion"), "NotFound");
    assertFault(vim.moveVmkToStandard(host, "vmk1", "pg-none"), "NotFound");
    assertFault(
        vim.moveVmkToDvs(host, "vmk1", "no-such-uuid", lacp.portgroupKeys().get("pg-vmotion")),
        "NotFound");
    assertFault(vim.moveVmkToDvs(host, "vmk1", lacp.uuid(), "no-such-key"), "NotFound");
    assertFault(
        vim.moveVmkToDvs(host, "vmk1", lacp.uuid(), lacp.uplinkPortgroupKey()), "InvalidArgument");
    assertFault(
        vim.call(
            "<UpdateVirtualNic xmlns=\"urn:vim25\">"
                + VimSession.hostMo("HostNetworkSystem", vim.networkSystem(host))
                + "<device>vmk1</device><nic><portgroup>pg-vmotion</portgroup>"
                + VimSession.dvPort(lacp.uuid(), lacp.portgroupKeys().get("pg-vmotion"))
                + "</nic></UpdateVirtualNic>"),
        "InvalidArgument");
    assertFault(
        vim.call(
            "<UpdateVirtualNic xmlns=\"urn:vim25\">"
                + VimSession.hostMo("HostNetworkSystem", vim.networkSystem(host))
                + "<device>vmk1</device><nic><ip><dhcp>false</dhcp><ipAddress>192.0.2.7"
                + "</ipAddress><subnetMask>255.255.255.0</subnetMask></ip></nic></UpdateVirtualNic>"),
        "NotSupported");

    assertOk(vim.moveVmkToDvs(host, "vmk1", lacp.uuid(), lacp.portgroupKeys().get("pg-vmotion")));
    assertOk(vim.removeVirtualSwitch(host, "vSwitch-v"));
    Captured after = captured();
    assertThat(after.vmk(host, "vmk1"))
        .isEqualTo(new Vmkernel("vmk1", LACP, "pg-vmotion", List.of("vmotion"), 9000));
    assertThat(after.host(host).standardSwitches()).isEmpty();
    assertThat(after.member(LACP, host)).hasValue(Map.of("vmnic2", "lag1-0"));
    assertThat(after.host(host).pnics()).contains("vmnic3");
  }

  @Test
  void updateVirtualSwitchReplacesTheBridge() {
    String host = "esx-par-06";
    VimSession.Switch prod = vim.dvs("DVS-Prod-v6");
    assertOk(vim.addVirtualSwitch(host, "vSwitch-u", List.of()));
    assertFault(vim.updateVirtualSwitch(host, "vSwitch-u", List.of("vmnic5")), "ResourceInUse");
    // release vmnic5 from the distributed switch first
    VimSession.TaskResult released =
        vim.await(
            vim.reconfigureDvs(
                "DVS-Prod-v6",
                List.of(
                    vim.member(
                        "edit",
                        host,
                        VimSession.pnicBacking(
                            Map.of(
                                "vmnic4", vim.uplinkPorts(host, prod.uuid()).get("uplink1")))))));
    assertThat(released.succeeded()).as(released.message()).isTrue();

    assertOk(vim.updateVirtualSwitch(host, "vSwitch-u", List.of("vmnic5")));
    assertThat(captured().vswitch(host, "vSwitch-u"))
        .hasValue(new StandardSwitch("vSwitch-u", List.of("vmnic5"), List.of(), 1500, List.of()));
    assertOk(vim.updateVirtualSwitch(host, "vSwitch-u", List.of()));
    assertThat(captured().vswitch(host, "vSwitch-u")).hasValue(empty("vSwitch-u"));
    assertFault(vim.updateVirtualSwitch(host, "vSwitch-none", List.of()), "NotFound");
  }

  @Test
  void aHostVcenterCannotReachRefusesWrites() {
    String host = "esx-par-08";
    VcsimControl control = vcsim.control();
    control.dropHost(host, "disconnected", 0);
    assertFault(vim.addVirtualSwitch(host, "vSwitch-d", List.of()), "HostNotConnected");
    control.dropHost(host, "notResponding", 0);
    assertFault(vim.addVirtualSwitch(host, "vSwitch-d", List.of()), "HostNotReachable");
    assertThat(captured().host(host).standardSwitches()).isEmpty();

    control.resetHost(host);
    assertOk(vim.addVirtualSwitch(host, "vSwitch-d", List.of()));
    assertThat(captured().vswitch(host, "vSwitch-d")).isPresent();
  }

  @Test
  void aPortgroupsOwnFailoverOrderIsKeptAndFollowsItsSwitchsPnics() {
    String host = "esx-par-09";
    String storage = vim.dvs("DVS-Storage").uuid();
    assertOk(
        vim.updateNetworkConfig(
            host,
            vswitchConfig("add", "vSwitch-t", List.of("vmnic0", "vmnic1"))
                + proxyEdit(storage, Map.of())
                + portgroupConfig(
                    "add", "pg-nfs", "vSwitch-t", 30, List.of("vmnic1"), List.of("vmnic0"))
                + portgroupConfig("add", "pg-web", "vSwitch-t", 100)));
    assertFault(
        vim.updateNetworkConfig(
            host, portgroupConfig("add", "pg-x", "vSwitch-t", 40, List.of("vmnic4"), List.of())),
        "InvalidArgument");
    assertThat(captured().vswitch(host, "vSwitch-t"))
        .hasValue(
            new StandardSwitch(
                "vSwitch-t",
                List.of("vmnic0", "vmnic1"),
                List.of("pg-nfs", "pg-web"),
                1500,
                List.of(
                    new StandardSwitch.PortgroupSettings(
                        "pg-nfs",
                        30,
                        new Portgroup.Teaming(
                            "failover_explicit", List.of("vmnic1"), List.of("vmnic0"))),
                    settings("pg-web", 100, List.of("vmnic0", "vmnic1")))));

    // vmnic1 leaves the switch, and with it the failover orders
    assertOk(vim.updateVirtualSwitch(host, "vSwitch-t", List.of("vmnic0")));
    assertThat(captured().vswitch(host, "vSwitch-t").orElseThrow().portgroupSettings())
        .containsExactly(
            new StandardSwitch.PortgroupSettings(
                "pg-nfs",
                30,
                new Portgroup.Teaming("failover_explicit", List.of(), List.of("vmnic0"))),
            settings("pg-web", 100, List.of("vmnic0")));
  }

  @Test
  void aVmkernelKeepsItsMtuWhenItMovesAndTakesANewOneWhenAsked() {
    String host = "esx-par-10";
    assertOk(
        vim.updateNetworkConfig(
            host,
            vswitchConfig("add", "vSwitch-j", List.of())
                + portgroupConfig("add", "pg-vmotion", "vSwitch-j", 20)));
    assertOk(vim.moveVmkToStandard(host, "vmk1", "pg-vmotion"));
    assertThat(captured().vmk(host, "vmk1").mtu()).isEqualTo(9000);

    assertOk(
        vim.call(
            "<UpdateVirtualNic xmlns=\"urn:vim25\">"
                + VimSession.hostMo("HostNetworkSystem", vim.networkSystem(host))
                + "<device>vmk1</device><nic><mtu>1500</mtu></nic></UpdateVirtualNic>"));
    assertThat(captured().vmk(host, "vmk1"))
        .isEqualTo(new Vmkernel("vmk1", "vSwitch-j", "pg-vmotion", List.of("vmotion"), 1500));
    assertFault(
        vim.call(
            "<UpdateVirtualNic xmlns=\"urn:vim25\">"
                + VimSession.hostMo("HostNetworkSystem", vim.networkSystem(host))
                + "<device>vmk1</device><nic><mtu>9216</mtu></nic></UpdateVirtualNic>"),
        "InvalidArgument");
    assertThat(captured().vmk(host, "vmk1").mtu()).isEqualTo(1500);
  }

  /** A standard switch as ESXi creates it: MTU 1500, no portgroups. */
  static StandardSwitch empty(String name) {
    return new StandardSwitch(name, List.of(), List.of(), 1500, List.of());
  }

  /**
   * A portgroup with its VLAN and the switch's teaming it inherits: ESXi's default policy, these
   * pnics active.
   */
  static StandardSwitch.PortgroupSettings settings(
      String name, int vlan, List<String> switchPnics) {
    return new StandardSwitch.PortgroupSettings(
        name, vlan, new Portgroup.Teaming("loadbalance_srcid", switchPnics, List.of()));
  }
}
