package io.vsguard.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.model.ConnectionState;
import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.Portgroup;
import io.vsguard.core.model.StandardSwitch;
import io.vsguard.core.model.VmAdapter;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.text.Json;
import io.vsguard.vsphere.soap.InvalidLoginException;
import io.vsguard.vsphere.soap.NotAuthenticatedException;
import io.vsguard.vsphere.transport.CountingRoundTrip;
import io.vsguard.vsphere.transport.SoapRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class VsphereCaptureTest {
  static final String PASSWORD = "s3cr3t-Pa55w0rd!";
  static final Credentials CREDS =
      new Credentials("vsguard-ro@vsphere.local", new Secret(PASSWORD));
  static final CaptureOptions OPTS =
      CaptureOptions.DEFAULTS
          .withPageSize(7)
          .withClock(Clock.fixed(Instant.parse("2016-11-22T10:30:00.456Z"), ZoneOffset.UTC));

  static Inventory capture(Fixtures.Replay replay) throws VsphereException {
    CountingRoundTrip counting = new CountingRoundTrip(replay);
    return new VsphereCapture(
            URI.create("https://vcsa01.example/sdk"), "verified", counting, counting)
        .capture(CREDS, OPTS, n -> {});
  }

  @Test
  void theRecordedCaptureMapsToTheInventory() throws Exception {
    Fixtures.Replay replay = Fixtures.Replay.capture();
    Inventory inv = capture(replay);

    assertThat(replay.operations())
        .containsExactly(
            "RetrieveServiceContent",
            "Login",
            "CreateContainerView",
            "RetrievePropertiesEx",
            "ContinueRetrievePropertiesEx",
            "DestroyView",
            "Logout");
    assertThat(inv.capturedAt()).isEqualTo(Instant.parse("2016-11-22T10:30:00Z"));
    assertThat(inv.source())
        .isEqualTo(
            new Inventory.Source(
                "vcenter",
                "https://vcsa01.example/sdk",
                "6.0",
                "8f3a6c2e-1b7d-4e55-9a0c-5d2f7e9b1c44",
                "verified"));
    assertThat(inv.datacenters()).containsExactly(new Inventory.Datacenter("Paris"));
    assertThat(inv.clusters())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("par-prod");
              assertThat(c.datacenter()).isEqualTo("Paris");
              assertThat(c.drsEnabled()).isTrue();
              assertThat(c.haEnabled()).isTrue();
              assertThat(c.haHostFailuresTolerated()).isEqualTo(1);
              assertThat(c.hosts()).containsExactly("esx-par-01", "esx-par-02");
            });

    Host h1 = inv.hosts().get(0);
    assertThat(h1.name()).isEqualTo("esx-par-01");
    assertThat(h1.id()).isEqualTo("host-12");
    assertThat(h1.cluster()).isEqualTo("par-prod");
    assertThat(h1.datacenter()).isEqualTo("Paris");
    assertThat(h1.version()).isEqualTo("6.0.0");
    assertThat(h1.build()).isEqualTo("4192238");
    assertThat(h1.connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(h1.maintenanceMode()).isFalse();
    assertThat(h1.pnics()).containsExactly("vmnic0", "vmnic1", "vmnic2", "vmnic3");
    assertThat(h1.standardSwitches())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo("vSwitch0");
              assertThat(s.pnics()).containsExactly("vmnic0");
              assertThat(s.portgroups()).containsExactly("VM Network", "vMotion");
              assertThat(s.mtu()).isEqualTo(1500);
              // the effective teaming (computedPolicy): inherited by VM Network, vMotion's own
              // order
              assertThat(s.portgroupSettings())
                  .containsExactly(
                      new StandardSwitch.PortgroupSettings(
                          "VM Network",
                          0,
                          new Portgroup.Teaming("loadbalance_srcid", List.of("vmnic0"), List.of())),
                      new StandardSwitch.PortgroupSettings(
                          "vMotion",
                          20,
                          new Portgroup.Teaming(
                              "failover_explicit", List.of("vmnic0"), List.of("vmnic1"))));
            });
    assertThat(h1.vmkernels())
        .containsExactly(
            new Vmkernel("vmk0", "DVS-LACP-Prod", "pg-mgmt", List.of("management"), 1500),
            new Vmkernel("vmk1", "vSwitch0", "vMotion", List.of("vmotion"), 9000));
    // VM by VM in name order, each VM's adapters in device order; disks and controllers are not
    // adapters,
    // and app/web-02 has none
    assertThat(h1.vmAdapters())
        .containsExactly(
            new VmAdapter("app/web-01", "Network adapter 1", "vSwitch0", "VM Network"),
            new VmAdapter("db-01", "Network adapter 1", "DVS-LACP-Prod", "pg-mgmt"),
            new VmAdapter("db-01", "Network adapter 2", "vSwitch0", "VM Network"));
    assertThat(inv.hosts().get(1).vmAdapters())
        .containsExactly(new VmAdapter("vcsa01", "Network adapter 1", "DVS-LACP-Prod", "pg-mgmt"));
    assertThat(h1.vmCount()).isEqualTo(3);
    // HostSystem.vm resolved to the VMs' names (unescaped), sorted
    assertThat(h1.vms()).containsExactly("app/web-01", "app/web-02", "db-01");
    assertThat(inv.hosts().get(1).maintenanceMode()).isTrue();

    DistributedSwitch dvs = inv.distributedSwitches().get(0);
    assertThat(dvs.id()).isEqualTo("dvs-21");
    assertThat(dvs.name()).isEqualTo("DVS-LACP-Prod");
    assertThat(dvs.uuid()).isEqualTo("50 2a 7c 1e 44 0b 9d 3f-8a 61 0e 2c 77 d5 19 a2");
    assertThat(dvs.datacenter()).isEqualTo("Paris");
    assertThat(dvs.version()).isEqualTo("6.0.0");
    assertThat(dvs.mtu()).isEqualTo(9000);
    assertThat(dvs.uplinks()).containsExactly("uplink1", "uplink2");
    assertThat(dvs.lacp())
        .isEqualTo(
            new DistributedSwitch.Lacp(
                "multipleLag",
                List.of(
                    new DistributedSwitch.Lag("lag1", "active", 2, "srcDestIpTcpUdpPortVlan"))));
    assertThat(dvs.usesLacp()).isTrue();
    assertThat(dvs.members())
        .containsExactly(
            new DistributedSwitch.Member(
                "esx-par-01",
                List.of(
                    new DistributedSwitch.MemberPnic("vmnic2", "lag1-0"),
                    new DistributedSwitch.MemberPnic("vmnic3", "lag1-1"))),
            new DistributedSwitch.Member(
                "esx-par-02",
                List.of(
                    new DistributedSwitch.MemberPnic("vmnic2", "lag1-0"),
                    new DistributedSwitch.MemberPnic("vmnic3", "lag1-1"))));
    assertThat(dvs.portgroups())
        .containsExactly(
            new Portgroup(
                "DVS-LACP-Prod-DVUplinks-22",
                "dvportgroup-22",
                null,
                true,
                new Portgroup.Teaming(
                    "loadbalance_srcid", List.of("uplink1", "uplink2"), List.of()),
                new Portgroup.PortgroupLacp(false, "passive"),
                List.of(new Portgroup.VlanRange(0, 4094))),
            new Portgroup(
                "pg-mgmt",
                "dvportgroup-30",
                10,
                false,
                new Portgroup.Teaming("loadbalance_ip", List.of("lag1"), List.of()),
                new Portgroup.PortgroupLacp(false, "passive")));
    // the VM named like the URL's first label runs vCenter; "app%2fweb-01" is unescaped on the way
    assertThat(inv.vcenter()).isEqualTo(new Inventory.VcenterPlacement("vcsa01", "esx-par-02"));
  }

  @Test
  void theCapturedInventoryPassesTheLoadersChecksUnchanged() throws Exception {
    Inventory inv = capture(Fixtures.Replay.capture());
    String json = Json.pretty(inv);
    assertThat(InventoryLoader.parse("captured.json", json)).isEqualTo(inv);
  }

  @Test
  void vcenterVmOptionWinsAndAnUnknownNameFails() throws Exception {
    CountingRoundTrip counting = new CountingRoundTrip(Fixtures.Replay.capture());
    Inventory inv =
        new VsphereCapture(URI.create("https://10.0.0.1/sdk"), "pinned", counting, counting)
            .capture(CREDS, OPTS.withVcenterVm("app/web-01"), n -> {});
    assertThat(inv.vcenter()).isEqualTo(new Inventory.VcenterPlacement("app/web-01", "esx-par-01"));
    assertThat(counting.roundTrips()).isEqualTo(7);
    assertThat(counting.perOperation())
        .containsEntry("RetrievePropertiesEx", 1L)
        .containsEntry("Logout", 1L);
    assertThat(counting.bytesReceived()).isGreaterThan(10_000);

    Fixtures.Replay replay = Fixtures.Replay.capture();
    assertThatThrownBy(
            () ->
                new VsphereCapture(URI.create("https://10.0.0.1/sdk"), "pinned", replay, null)
                    .capture(CREDS, OPTS.withVcenterVm("nope"), n -> {}))
        .hasMessageContaining("no VM named 'nope'");
    assertThat(replay.operations()).endsWith("Logout");
  }

  @Test
  void thePasswordIsSentOnlyInLoginAndAppearsNowhereElse() throws Exception {
    Fixtures.Replay replay = Fixtures.Replay.capture();
    capture(replay);
    for (SoapRequest r : replay.sent) {
      String body = new String(r.body(), StandardCharsets.UTF_8);
      assertThat(body.contains(PASSWORD))
          .as(r.operation())
          .isEqualTo(r.operation().equals("Login"));
      assertThat(r.toString()).doesNotContain(PASSWORD);
    }
    assertThat(CREDS.toString()).doesNotContain(PASSWORD);
    assertThat(new Secret(PASSWORD).toString()).doesNotContain(PASSWORD);

    Fixtures.Replay refused =
        Fixtures.Replay.capture().replace("Login", 500, "fault-invalid-login.xml");
    assertThatThrownBy(() -> capture(refused))
        .isInstanceOf(InvalidLoginException.class)
        .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
  }

  @Test
  void sessionExpiryWhilePagingFailsAndStillLogsOut() {
    Fixtures.Replay replay =
        Fixtures.Replay.capture()
            .replace("ContinueRetrievePropertiesEx", 500, "fault-not-authenticated.xml")
            .replace("Logout", 500, "fault-not-authenticated.xml");
    assertThatThrownBy(() -> capture(replay))
        .isInstanceOf(NotAuthenticatedException.class)
        .hasMessageContaining("expired");
    assertThat(replay.operations()).endsWith("DestroyView", "Logout");
  }

  static final String PAGE2 = "continue-page2.xml";
  static final String DB01_NIC1 =
      "<portgroupKey>dvportgroup-30</portgroupKey><portKey>120</portKey>";

  static Fixtures.Replay editedPage2(java.util.function.UnaryOperator<String> edit) {
    return Fixtures.Replay.capture().replaceEdited("ContinueRetrievePropertiesEx", PAGE2, edit);
  }

  @Test
  void aVmAdapterOnAPortgroupTheSwitchDoesNotHaveFailsTheCapture() {
    assertThatThrownBy(
            () ->
                capture(
                    editedPage2(
                        t ->
                            t.replace(
                                DB01_NIC1,
                                "<portgroupKey>dvportgroup-99</portgroupKey><portKey>120</portKey>"))))
        .isInstanceOf(io.vsguard.vsphere.soap.MalformedResponseException.class)
        .hasMessageContaining(
            "host esx-par-01, VM db-01 Network adapter 1: on portgroup key dvportgroup-99 that"
                + " switch DVS-LACP-Prod does not have");
  }

  @Test
  void aVmAdapterOnANetworkTheHostDoesNotHaveFailsTheCapture() {
    assertThatThrownBy(
            () ->
                capture(
                    editedPage2(
                        t ->
                            t.replaceFirst(
                                "<deviceName>VM Network</deviceName>",
                                "<deviceName>VM Network 2</deviceName>"))))
        .hasMessageContaining(
            "host esx-par-01, VM app/web-01 Network adapter 1: on network 'VM Network 2' that no"
                + " standard switch of the host has");
  }

  @Test
  void aVmAdapterOnAnOpaqueNetworkFailsTheCaptureRatherThanGoMissing() {
    assertThatThrownBy(
            () ->
                capture(
                    editedPage2(
                        t ->
                            t.replaceFirst(
                                "<backing xsi:type=\"VirtualEthernetCardNetworkBackingInfo\"><deviceName>VM Network</deviceName>",
                                "<backing xsi:type=\"VirtualEthernetCardOpaqueNetworkBackingInfo\"><opaqueNetworkId>seg-1</opaqueNetworkId>"
                                    + "<opaqueNetworkType>nsx.LogicalSwitch</opaqueNetworkType><deviceName>VM Network</deviceName>"))))
        .hasMessageContaining(
            "host esx-par-01, VM app/web-01 Network adapter 1: on a"
                + " VirtualEthernetCardOpaqueNetworkBackingInfo (opaque and legacy networks are not supported");
  }

  @Test
  void twoVmsOfOneNameWithTheSameAdapterCannotBeToldApart() {
    assertThatThrownBy(() -> capture(editedPage2(t -> t.replace(">app%2fweb-01<", ">db-01<"))))
        .hasMessageContaining(
            "host esx-par-01, VM db-01 Network adapter 1: a second adapter with this VM name and"
                + " label on the host");
  }
}
