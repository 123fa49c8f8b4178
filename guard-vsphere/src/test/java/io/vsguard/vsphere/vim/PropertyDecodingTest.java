package io.vsguard.vsphere.vim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.vsphere.Fixtures;
import io.vsguard.vsphere.collect.InventoryQuery;
import io.vsguard.vsphere.soap.Envelope;
import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.transport.SoapResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Property values decoded straight into the vim25 records, from recorded and hand-made pages. */
class PropertyDecodingTest {
  static RetrieveResult recorded(String fixture) throws Exception {
    return recorded(fixture, "RetrievePropertiesEx");
  }

  static RetrieveResult recorded(String fixture, String operation) throws Exception {
    return new SoapResponse(200, Fixtures.bytes(fixture))
        .readWith(
            (status, body) ->
                Envelope.decode(
                    operation,
                    status,
                    body,
                    x -> {
                      x.nextChild();
                      RetrieveResult r = VimPort.result(x, InventoryQuery.VALUES);
                      x.nextChild();
                      return r;
                    }));
  }

  static RetrieveResult page(String objects) throws Exception {
    String xml =
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><s:Body>"
            + "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>"
            + objects
            + "</returnval>"
            + "</RetrievePropertiesExResponse></s:Body></s:Envelope>";
    return new SoapResponse(200, xml.getBytes(StandardCharsets.UTF_8))
        .readWith(
            (status, body) ->
                Envelope.decode(
                    "RetrievePropertiesEx",
                    status,
                    body,
                    x -> {
                      x.nextChild();
                      RetrieveResult r = VimPort.result(x, InventoryQuery.VALUES);
                      x.nextChild();
                      return r;
                    }));
  }

  @Test
  void aHostsNetworkIsDecodedIntoItsRecordAndTheRestSkipped() throws Exception {
    RetrieveResult r = recorded("retrieve-page1.xml");
    assertThat(r.token()).isEqualTo("1");
    ObjectContent host =
        r.objects().stream()
            .filter(o -> o.obj().equals(new Mor("HostSystem", "host-12")))
            .findFirst()
            .orElseThrow();
    HostNetworkInfo net = host.value("config.network", HostNetworkInfo.class);
    assertThat(net.pnic())
        .extracting(HostNetworkInfo.PhysicalNic::device)
        .containsExactly("vmnic0", "vmnic1", "vmnic2", "vmnic3");
    assertThat(net.vswitch())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.name()).isEqualTo("vSwitch0");
              assertThat(v.pnic()).containsExactly("key-vim.host.PhysicalNic-vmnic0");
            });
    assertThat(net.proxySwitch())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.dvsUuid())
                    .isEqualTo("50 2a 7c 1e 44 0b 9d 3f-8a 61 0e 2c 77 d5 19 a2"));
    assertThat(host.text("name")).isEqualTo("esx-par-01");
    assertThat(host.ref("parent")).isEqualTo(new Mor("ClusterComputeResource", "domain-c7"));
  }

  @Test
  void aPropertyTheQueryDidNotAskForIsSkippedUnread() throws Exception {
    RetrieveResult r =
        page(
            """
        <objects><obj type="HostSystem">host-1</obj>
        <propSet><name>summary.quickStats</name><val xsi:type="HostListSummaryQuickStats">
        <overallCpuUsage>5</overallCpuUsage></val></propSet>
        <propSet><name>name</name><val xsi:type="xsd:string">esx-01</val></propSet></objects>""");
    assertThat(r.objects().get(0).properties()).containsOnlyKeys("name");
    assertThat(r.objects().get(0).text("name")).isEqualTo("esx-01");
  }

  @Test
  void aTrunkVlanHasNoIdAndASingleVlanHasOne() throws Exception {
    RetrieveResult r =
        page(
            """
        <objects><obj type="DistributedVirtualPortgroup">dvportgroup-1</obj><propSet><name>config</name>
        <val xsi:type="DVPortgroupConfigInfo"><key>dvportgroup-1</key><name>uplinks</name>
        <defaultPortConfig xsi:type="VMwareDVSPortSetting"><vlan xsi:type="VmwareDistributedVirtualSwitchTrunkVlanSpec">
        <inherited>false</inherited><vlanId><start>0</start><end>4094</end></vlanId></vlan></defaultPortConfig>
        <distributedVirtualSwitch type="VmwareDistributedVirtualSwitch">dvs-1</distributedVirtualSwitch></val></propSet>
        </objects>
        <objects><obj type="DistributedVirtualPortgroup">dvportgroup-2</obj><propSet><name>config</name>
        <val xsi:type="DVPortgroupConfigInfo"><key>dvportgroup-2</key><name>pg-mgmt</name>
        <defaultPortConfig xsi:type="VMwareDVSPortSetting"><vlan xsi:type="VmwareDistributedVirtualSwitchVlanIdSpec">
        <inherited>false</inherited><vlanId>10</vlanId></vlan>
        <lacpPolicy><mode><inherited>false</inherited><value>active</value></mode></lacpPolicy></defaultPortConfig>
        <distributedVirtualSwitch type="VmwareDistributedVirtualSwitch">dvs-1</distributedVirtualSwitch></val></propSet>
        </objects>""");
    List<DvPortgroupConfigInfo> configs =
        r.objects().stream().map(o -> o.value("config", DvPortgroupConfigInfo.class)).toList();
    assertThat(configs.get(0).defaultPortConfig().vlan().vlanId()).isNull();
    assertThat(configs.get(1).defaultPortConfig().vlan().vlanId()).isEqualTo(10);
    // a LACP policy that does not say whether LACP is enabled says nothing
    assertThat(configs.get(1).defaultPortConfig().lacpPolicy()).isNull();
    assertThat(configs.get(1).distributedVirtualSwitch())
        .isEqualTo(new Mor("VmwareDistributedVirtualSwitch", "dvs-1"));
  }

  @Test
  void aNumberThatIsNotOneNamesTheObjectAndTheProperty() {
    assertThatThrownBy(
            () ->
                page(
                    """
        <objects><obj type="VmwareDistributedVirtualSwitch">dvs-21</obj><propSet><name>config</name>
        <val xsi:type="VMwareDVSConfigInfo"><lacpGroupConfig><name>lag1</name><uplinkNum>two</uplinkNum>
        </lacpGroupConfig></val></propSet></objects>"""))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage(
            "malformed response to RetrievePropertiesEx: <uplinkNum> is 'two'; expected a whole number"
                + " (VmwareDistributedVirtualSwitch:dvs-21, property config)");
  }

  @Test
  void aReferenceWithoutTypeIsMalformed() {
    assertThatThrownBy(
            () ->
                page(
                    """
        <objects><obj type="HostSystem">host-1</obj><propSet><name>parent</name><val>domain-c7</val></propSet>
        </objects>"""))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("a managed object reference without its type or value in <val>")
        .hasMessageContaining("HostSystem:host-1, property parent");
  }

  @Test
  void aMissingPropertyKeepsItsFaultTypeAndPrivilege() throws Exception {
    RetrieveResult r =
        page(
            """
        <objects><obj type="HostSystem">host-1</obj><missingSet><path>config.network</path>
        <fault><fault xsi:type="NoPermission"><object type="HostSystem">host-1</object>
        <privilegeId>System.Read</privilegeId></fault><localizedMessage></localizedMessage></fault></missingSet>
        </objects>""");
    assertThat(r.objects().get(0).missing())
        .containsExactly(
            new ObjectContent.MissingProperty("config.network", "NoPermission", "System.Read"));
  }

  @Test
  void aStandardPortgroupsVlanAndEffectiveTeamingAndAVmkernelsMtuAreDecoded() throws Exception {
    RetrieveResult r = recorded("retrieve-page1.xml");
    HostNetworkInfo net =
        r.objects().stream()
            .filter(o -> o.obj().equals(new Mor("HostSystem", "host-12")))
            .findFirst()
            .orElseThrow()
            .value("config.network", HostNetworkInfo.class);
    assertThat(net.vswitch().get(0).mtu()).isEqualTo(1500);
    assertThat(net.portgroup())
        .containsExactly(
            new HostNetworkInfo.PortGroup(
                "key-vim.host.PortGroup-VM Network",
                "VM Network",
                "vSwitch0",
                0,
                new HostNetworkInfo.NicTeaming("loadbalance_srcid", List.of("vmnic0"), List.of())),
            new HostNetworkInfo.PortGroup(
                "key-vim.host.PortGroup-vMotion",
                "vMotion",
                "vSwitch0",
                20,
                new HostNetworkInfo.NicTeaming(
                    "failover_explicit", List.of("vmnic0"), List.of("vmnic1"))));
    assertThat(net.vnic()).extracting(HostNetworkInfo.VirtualNic::mtu).containsExactly(1500, 9000);
  }

  @Test
  void aPortgroupWithoutComputedTeamingOrVlanHasThemUnknown() throws Exception {
    RetrieveResult r =
        page(
            """
        <objects><obj type="HostSystem">host-1</obj><propSet><name>config.network</name><val xsi:type="HostNetworkInfo">
        <vswitch><name>vSwitch1</name><spec><numPorts>128</numPorts><mtu>9000</mtu></spec></vswitch>
        <portgroup><key>key-vim.host.PortGroup-pg</key><computedPolicy><nicTeaming><policy>loadbalance_ip</policy>
        </nicTeaming></computedPolicy><spec><name>pg</name><vswitchName>vSwitch1</vswitchName></spec></portgroup>
        <vnic><device>vmk3</device><spec><portgroup>pg</portgroup></spec></vnic>
        </val></propSet></objects>""");
    HostNetworkInfo net = r.objects().get(0).value("config.network", HostNetworkInfo.class);
    // the switch's configured MTU when it does not report the one it runs
    assertThat(net.vswitch().get(0).mtu()).isEqualTo(9000);
    // a teaming policy without a failover order does not say which pnics carry the portgroup
    assertThat(net.portgroup())
        .containsExactly(
            new HostNetworkInfo.PortGroup(
                "key-vim.host.PortGroup-pg", "pg", "vSwitch1", null, null));
    assertThat(net.vnic().get(0).mtu()).isNull();
  }

  @Test
  void aTrunksRangesAreDecoded() throws Exception {
    RetrieveResult r =
        page(
            """
        <objects><obj type="DistributedVirtualPortgroup">dvportgroup-7</obj><propSet><name>config</name>
        <val xsi:type="DVPortgroupConfigInfo"><key>dvportgroup-7</key><name>pg-guest-trunk</name>
        <defaultPortConfig xsi:type="VMwareDVSPortSetting"><vlan xsi:type="VmwareDistributedVirtualSwitchTrunkVlanSpec">
        <inherited>false</inherited><vlanId><start>100</start><end>199</end></vlanId>
        <vlanId><start>300</start><end>300</end></vlanId></vlan></defaultPortConfig>
        <distributedVirtualSwitch type="VmwareDistributedVirtualSwitch">dvs-1</distributedVirtualSwitch></val></propSet>
        </objects>""");
    DvPortgroupConfigInfo.Vlan vlan =
        r.objects().get(0).value("config", DvPortgroupConfigInfo.class).defaultPortConfig().vlan();
    assertThat(vlan.vlanId()).isNull();
    assertThat(vlan.trunk())
        .containsExactly(
            new DvPortgroupConfigInfo.Range(100, 199), new DvPortgroupConfigInfo.Range(300, 300));
  }

  @Test
  void aTrunkRangeWithoutItsEndIsMalformed() {
    assertThatThrownBy(
            () ->
                page(
                    """
        <objects><obj type="DistributedVirtualPortgroup">dvportgroup-7</obj><propSet><name>config</name>
        <val xsi:type="DVPortgroupConfigInfo"><defaultPortConfig xsi:type="VMwareDVSPortSetting">
        <vlan xsi:type="VmwareDistributedVirtualSwitchTrunkVlanSpec"><vlanId><start>100</start></vlanId></vlan>
        </defaultPortConfig></val></propSet></objects>"""))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("a VLAN trunk range without its start or end");
  }

  @Test
  void onlyAVmsNetworkAdaptersAreKeptFromItsDevices() throws Exception {
    RetrieveResult r = recorded("continue-page2.xml", "ContinueRetrievePropertiesEx");
    VirtualEthernetCards db01 =
        r.objects().stream()
            .filter(o -> o.obj().equals(new Mor("VirtualMachine", "vm-42")))
            .findFirst()
            .orElseThrow()
            .value("config.hardware.device", VirtualEthernetCards.class);
    assertThat(db01.cards())
        .containsExactly(
            new VirtualEthernetCards.Card(
                4000,
                "Network adapter 1",
                VirtualEthernetCards.DISTRIBUTED_PORT,
                null,
                "50 2a 7c 1e 44 0b 9d 3f-8a 61 0e 2c 77 d5 19 a2",
                "dvportgroup-30"),
            new VirtualEthernetCards.Card(
                4001, "Network adapter 2", VirtualEthernetCards.NETWORK, "VM Network", null, null));
    VirtualEthernetCards web02 =
        r.objects().stream()
            .filter(o -> o.obj().equals(new Mor("VirtualMachine", "vm-41")))
            .findFirst()
            .orElseThrow()
            .value("config.hardware.device", VirtualEthernetCards.class);
    assertThat(web02.cards()).as("disks and controllers are not network adapters").isEmpty();
  }

  @Test
  void anAdapterWithoutABackingIsOnNoNetworkAndAnyCardTypeCounts() throws Exception {
    RetrieveResult r =
        page(
            """
        <objects><obj type="VirtualMachine">vm-1</obj><propSet><name>config.hardware.device</name>
        <val xsi:type="ArrayOfVirtualDevice">
        <VirtualDevice xsi:type="VirtualE1000e"><key>4000</key><deviceInfo><label>Network adapter 1</label></deviceInfo>
        <macAddress>00:50:56:00:00:01</macAddress></VirtualDevice>
        <VirtualDevice xsi:type="VirtualSriovEthernetCard"><key>4001</key>
        <backing xsi:type="VirtualEthernetCardNetworkBackingInfo"><deviceName>SR-IOV Net</deviceName></backing>
        </VirtualDevice>
        <VirtualDevice xsi:type="VirtualCdrom"><key>3002</key><backing xsi:type="VirtualCdromRemotePassthroughBackingInfo">
        <deviceName></deviceName><exclusive>false</exclusive></backing></VirtualDevice>
        </val></propSet></objects>""");
    VirtualEthernetCards cards =
        r.objects().get(0).value("config.hardware.device", VirtualEthernetCards.class);
    assertThat(cards.cards())
        .containsExactly(
            new VirtualEthernetCards.Card(
                4001, null, VirtualEthernetCards.NETWORK, "SR-IOV Net", null, null));
  }
}
