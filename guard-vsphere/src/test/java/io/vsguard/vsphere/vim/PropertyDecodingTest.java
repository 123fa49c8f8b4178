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
    return new SoapResponse(200, Fixtures.bytes(fixture)).readWith((status, body) ->
        Envelope.decode("RetrievePropertiesEx", status, body, x -> {
          x.nextChild();
          RetrieveResult r = VimPort.result(x, InventoryQuery.VALUES);
          x.nextChild();
          return r;
        }));
  }

  static RetrieveResult page(String objects) throws Exception {
    String xml = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><s:Body>"
        + "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>" + objects + "</returnval>"
        + "</RetrievePropertiesExResponse></s:Body></s:Envelope>";
    return new SoapResponse(200, xml.getBytes(StandardCharsets.UTF_8)).readWith((status, body) ->
        Envelope.decode("RetrievePropertiesEx", status, body, x -> {
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
    ObjectContent host = r.objects().stream().filter(o -> o.obj().equals(new Mor("HostSystem", "host-12")))
        .findFirst().orElseThrow();
    HostNetworkInfo net = host.value("config.network", HostNetworkInfo.class);
    assertThat(net.pnic()).extracting(HostNetworkInfo.PhysicalNic::device)
        .containsExactly("vmnic0", "vmnic1", "vmnic2", "vmnic3");
    assertThat(net.vswitch()).singleElement().satisfies(v -> {
      assertThat(v.name()).isEqualTo("vSwitch0");
      assertThat(v.pnic()).containsExactly("key-vim.host.PhysicalNic-vmnic0");
    });
    assertThat(net.proxySwitch()).singleElement()
        .satisfies(p -> assertThat(p.dvsUuid()).isEqualTo("50 2a 7c 1e 44 0b 9d 3f-8a 61 0e 2c 77 d5 19 a2"));
    assertThat(host.text("name")).isEqualTo("esx-par-01");
    assertThat(host.ref("parent")).isEqualTo(new Mor("ClusterComputeResource", "domain-c7"));
  }

  @Test
  void aPropertyTheQueryDidNotAskForIsSkippedUnread() throws Exception {
    RetrieveResult r = page("""
        <objects><obj type="HostSystem">host-1</obj>
        <propSet><name>summary.quickStats</name><val xsi:type="HostListSummaryQuickStats">
        <overallCpuUsage>5</overallCpuUsage></val></propSet>
        <propSet><name>name</name><val xsi:type="xsd:string">esx-01</val></propSet></objects>""");
    assertThat(r.objects().get(0).properties()).containsOnlyKeys("name");
    assertThat(r.objects().get(0).text("name")).isEqualTo("esx-01");
  }

  @Test
  void aTrunkVlanHasNoIdAndASingleVlanHasOne() throws Exception {
    RetrieveResult r = page("""
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
    List<DvPortgroupConfigInfo> configs = r.objects().stream()
        .map(o -> o.value("config", DvPortgroupConfigInfo.class)).toList();
    assertThat(configs.get(0).defaultPortConfig().vlan().vlanId()).isNull();
    assertThat(configs.get(1).defaultPortConfig().vlan().vlanId()).isEqualTo(10);
    // a LACP policy that does not say whether LACP is enabled says nothing
    assertThat(configs.get(1).defaultPortConfig().lacpPolicy()).isNull();
    assertThat(configs.get(1).distributedVirtualSwitch()).isEqualTo(new Mor("VmwareDistributedVirtualSwitch", "dvs-1"));
  }

  @Test
  void aNumberThatIsNotOneNamesTheObjectAndTheProperty() {
    assertThatThrownBy(() -> page("""
        <objects><obj type="VmwareDistributedVirtualSwitch">dvs-21</obj><propSet><name>config</name>
        <val xsi:type="VMwareDVSConfigInfo"><lacpGroupConfig><name>lag1</name><uplinkNum>two</uplinkNum>
        </lacpGroupConfig></val></propSet></objects>"""))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("malformed response to RetrievePropertiesEx: <uplinkNum> is 'two'; expected a whole number"
            + " (VmwareDistributedVirtualSwitch:dvs-21, property config)");
  }

  @Test
  void aReferenceWithoutTypeIsMalformed() {
    assertThatThrownBy(() -> page("""
        <objects><obj type="HostSystem">host-1</obj><propSet><name>parent</name><val>domain-c7</val></propSet>
        </objects>"""))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("a managed object reference without its type or value in <val>")
        .hasMessageContaining("HostSystem:host-1, property parent");
  }

  @Test
  void aMissingPropertyKeepsItsFaultTypeAndPrivilege() throws Exception {
    RetrieveResult r = page("""
        <objects><obj type="HostSystem">host-1</obj><missingSet><path>config.network</path>
        <fault><fault xsi:type="NoPermission"><object type="HostSystem">host-1</object>
        <privilegeId>System.Read</privilegeId></fault><localizedMessage></localizedMessage></fault></missingSet>
        </objects>""");
    assertThat(r.objects().get(0).missing())
        .containsExactly(new ObjectContent.MissingProperty("config.network", "NoPermission", "System.Read"));
  }
}
