package io.vsguard.vsphere.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.apply.VimCall.MemberSpec;
import io.vsguard.vsphere.apply.VimCall.Op;
import io.vsguard.vsphere.apply.VimCall.PortgroupSpec;
import io.vsguard.vsphere.apply.VimCall.VswitchSpec;
import io.vsguard.vsphere.soap.XmlNode;
import io.vsguard.vsphere.soap.XmlReader;
import io.vsguard.vsphere.transport.ConnectionLostException;
import io.vsguard.vsphere.transport.ResponseReader;
import io.vsguard.vsphere.transport.RetryingRoundTrip;
import io.vsguard.vsphere.transport.RoundTrip;
import io.vsguard.vsphere.transport.SoapRequest;
import io.vsguard.vsphere.transport.SoapResponse;
import io.vsguard.vsphere.vim.Mor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each write as it goes on the wire: vim25's element order, typed values, escaping, and sent once.
 */
class VimWritesTest {
  static final HostRef HOST =
      new HostRef(
          new Mor("HostSystem", "host-24"),
          new Mor("HostNetworkSystem", "hostnetworksystem-20"),
          "esx-par-02");
  static final DvsRef PROD =
      new DvsRef(
          new Mor("VmwareDistributedVirtualSwitch", "dvs-105"),
          "DVS-Prod-v6",
          "50 2a 81 0c 77 d2 4a 90-b3 1e 5f 08 c6 2d 71 e4");
  static final DvsRef LACP =
      new DvsRef(
          new Mor("VmwareDistributedVirtualSwitch", "dvs-96"),
          "DVS-LACP-Prod",
          "50 2a 7c 91 3e 4f 0b 12-8d 61 c4 77 a0 5e 29 3b");

  /** The operation element of a request body, parsed back. */
  static XmlNode sent(VimCall call) throws Exception {
    String envelope =
        "<e:Envelope xmlns:e=\""
            + Soap.SOAP_ENV
            + "\" xmlns:xsi=\""
            + XmlNode.XSI
            + "\"><e:Body>"
            + VimWrites.body(call)
            + "</e:Body></e:Envelope>";
    XmlNode op =
        XmlReader.parse(envelope.getBytes(StandardCharsets.UTF_8))
            .path("Body")
            .orElseThrow()
            .children()
            .get(0);
    assertThat(op.name().getNamespaceURI()).isEqualTo("urn:vim25");
    assertThat(op.localName()).isEqualTo(call.method());
    assertThat(op.child("_this").orElseThrow().attribute("type")).isEqualTo(call.target().type());
    assertThat(op.childText("_this")).isEqualTo(call.target().value());
    return op;
  }

  static List<String> names(XmlNode n) {
    return n.children().stream().map(XmlNode::localName).toList();
  }

  @Test
  void maintenanceModeCallsCarryTheirTimeoutAndEvacuation() throws Exception {
    XmlNode enter = sent(new VimCall.EnterMaintenanceMode(HOST, 0, true));
    assertThat(names(enter)).containsExactly("_this", "timeout", "evacuatePoweredOffVms");
    assertThat(enter.childText("timeout")).isEqualTo("0");
    assertThat(enter.childText("evacuatePoweredOffVms")).isEqualTo("true");
    XmlNode exit = sent(new VimCall.ExitMaintenanceMode(HOST, 600));
    assertThat(names(exit)).containsExactly("_this", "timeout");
    assertThat(exit.childText("timeout")).isEqualTo("600");
  }

  @Test
  void standardSwitchAndPortgroupCallsFollowTheWsdl() throws Exception {
    XmlNode add =
        sent(
            new VimCall.AddVirtualSwitch(
                HOST, "vSwitch-vsguard", new VswitchSpec(128, 9000, List.of("vmnic3", "vmnic2"))));
    assertThat(names(add)).containsExactly("_this", "vswitchName", "spec");
    XmlNode spec = add.child("spec").orElseThrow();
    assertThat(names(spec)).containsExactly("numPorts", "bridge", "mtu");
    assertThat(spec.child("bridge").orElseThrow().xsiType())
        .isEqualTo("HostVirtualSwitchBondBridge");
    assertThat(spec.child("bridge").orElseThrow().childTexts("nicDevice"))
        .containsExactly("vmnic3", "vmnic2");
    assertThat(
            names(
                sent(new VimCall.AddVirtualSwitch(
                        HOST, "vSwitch-t", new VswitchSpec(128, 0, List.of())))
                    .child("spec")
                    .orElseThrow()))
        .containsExactly("numPorts");

    XmlNode pg =
        sent(new VimCall.AddPortGroup(HOST, new PortgroupSpec("pg-mgmt", 10, "vSwitch-vsguard")));
    assertThat(names(pg.child("portgrp").orElseThrow()))
        .containsExactly("name", "vlanId", "vswitchName", "policy");
    assertThat(sent(new VimCall.RemovePortGroup(HOST, "pg-mgmt")).childText("pgName"))
        .isEqualTo("pg-mgmt");
    assertThat(
            sent(new VimCall.RemoveVirtualSwitch(HOST, "vSwitch-vsguard")).childText("vswitchName"))
        .isEqualTo("vSwitch-vsguard");
  }

  @Test
  void aVmkernelAdapterMovesToAStandardOrADistributedPortgroupAndNothingElseChanges()
      throws Exception {
    XmlNode standard =
        sent(new VimCall.UpdateVirtualNic(HOST, "vmk0", new VimCall.ToPortgroup("pg-mgmt")));
    assertThat(names(standard)).containsExactly("_this", "device", "nic");
    assertThat(names(standard.child("nic").orElseThrow())).containsExactly("portgroup");

    XmlNode dv =
        sent(
            new VimCall.UpdateVirtualNic(
                HOST, "vmk0", new VimCall.ToDvPortgroup(PROD, "dvportgroup-108", "pg-mgmt-v6")));
    XmlNode port = dv.path("nic.distributedVirtualPort").orElseThrow();
    assertThat(names(dv.child("nic").orElseThrow())).containsExactly("distributedVirtualPort");
    assertThat(names(port)).containsExactly("switchUuid", "portgroupKey");
    assertThat(port.childText("switchUuid")).isEqualTo(PROD.uuid());
    assertThat(port.childText("portgroupKey")).isEqualTo("dvportgroup-108");
  }

  @Test
  void updateNetworkConfigSendsItsEditsInWsdlOrderInModifyMode() throws Exception {
    XmlNode op =
        sent(
            new VimCall.UpdateNetworkConfig(
                HOST,
                List.of(
                    new VimCall.VswitchEdit(
                        Op.EDIT, "vSwitch0", new VswitchSpec(128, 1500, List.of())),
                    new VimCall.VswitchEdit(
                        Op.EDIT, "vSwitch-vsguard", new VswitchSpec(128, 1500, List.of("vmnic3")))),
                List.of(
                    new VimCall.ProxyEdit(
                        LACP, List.of(new PnicOnPort("vmnic2", "6", "lag1-0", "dvportgroup-98")))),
                List.of(
                    new VimCall.PortgroupEdit(
                        Op.ADD, new PortgroupSpec("pg-mgmt", 10, "vSwitch-vsguard"))),
                List.of(new VimCall.VnicEdit("vmk0", new VimCall.ToPortgroup("pg-mgmt")))));

    assertThat(names(op)).containsExactly("_this", "config", "changeMode");
    assertThat(op.childText("changeMode")).isEqualTo("modify");
    XmlNode config = op.child("config").orElseThrow();
    assertThat(names(config))
        .containsExactly("vswitch", "vswitch", "proxySwitch", "portgroup", "vnic");
    assertThat(names(config.child("vswitch").orElseThrow()))
        .containsExactly("changeOperation", "name", "spec");
    XmlNode proxy = config.child("proxySwitch").orElseThrow();
    assertThat(names(proxy)).containsExactly("changeOperation", "uuid", "spec");
    assertThat(proxy.childText("changeOperation")).isEqualTo("edit");
    XmlNode backing = proxy.path("spec.backing").orElseThrow();
    assertThat(backing.xsiType()).isEqualTo("DistributedVirtualSwitchHostMemberPnicBacking");
    assertThat(names(backing.child("pnicSpec").orElseThrow()))
        .containsExactly("pnicDevice", "uplinkPortKey", "uplinkPortgroupKey");
    assertThat(names(config.child("portgroup").orElseThrow()))
        .containsExactly("changeOperation", "spec");
    XmlNode vnic = config.child("vnic").orElseThrow();
    assertThat(names(vnic)).containsExactly("changeOperation", "device", "portgroup", "spec");
    assertThat(vnic.pathText("spec.portgroup")).isEqualTo("pg-mgmt");
  }

  @Test
  void reconfigureDvsSetsOnlyTheConfigVersionAndHostMembers() throws Exception {
    XmlNode op =
        sent(
            new VimCall.ReconfigureDvs(
                PROD,
                "7",
                List.of(
                    new MemberSpec(
                        Op.EDIT,
                        HOST,
                        List.of(
                            new PnicOnPort("vmnic4", "4", "uplink1", "dvportgroup-107"),
                            new PnicOnPort("vmnic2", "6", "uplink3", "dvportgroup-107"))),
                    new MemberSpec(
                        Op.REMOVE,
                        new HostRef(
                            new Mor("HostSystem", "host-31"),
                            new Mor("HostNetworkSystem", "n"),
                            "esx-par-03"),
                        null))));

    XmlNode spec = op.child("spec").orElseThrow();
    assertThat(spec.xsiType()).isEqualTo("VMwareDVSConfigSpec");
    assertThat(names(spec)).containsExactly("configVersion", "host", "host");
    assertThat(spec.childText("configVersion")).isEqualTo("7");
    XmlNode edit = spec.children("host").get(0);
    assertThat(names(edit)).containsExactly("operation", "host", "backing");
    assertThat(edit.child("host").orElseThrow().attribute("type")).isEqualTo("HostSystem");
    assertThat(edit.path("backing").orElseThrow().children("pnicSpec"))
        .extracting(p -> p.childText("pnicDevice"))
        .containsExactly("vmnic4", "vmnic2");
    assertThat(names(spec.children("host").get(1))).containsExactly("operation", "host");
    assertThat(spec.children("host").get(1).childText("operation")).isEqualTo("remove");

    DvsRef base = new DvsRef(new Mor("DistributedVirtualSwitch", "dvs-1"), "DVS-Third-Party", "u");
    assertThat(
            sent(new VimCall.ReconfigureDvs(base, "1", List.of(new MemberSpec(Op.ADD, HOST, null))))
                .child("spec")
                .orElseThrow()
                .xsiType())
        .isEqualTo("DVSConfigSpec");
  }

  @Test
  void namesAreEscapedAndWhatXmlCannotCarryIsRefused() throws Exception {
    XmlNode pg =
        sent(new VimCall.AddPortGroup(HOST, new PortgroupSpec("a<b&\"c>", 0, "vSwitch-t")));
    assertThat(pg.pathText("portgrp.name")).isEqualTo("a<b&\"c>");

    // what XML can carry is sent as is, and shown escaped: a right-to-left override cannot reverse
    // a dry run line
    VimCall reversed =
        new VimCall.AddPortGroup(HOST, new PortgroupSpec("pg\u202Egmt", 0, "vSwitch-t"));
    assertThat(sent(reversed).pathText("portgrp.name")).isEqualTo("pg\u202Egmt");
    assertThat(reversed.describe()).contains("name=pg\\u202Egmt vlanId=0");

    assertThatThrownBy(() -> VimWrites.body(new VimCall.RemovePortGroup(HOST, "pg\u0007")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pg\\u0007");
  }

  @Test
  void aPredictedCallCannotBeEncoded() {
    assertThatThrownBy(
            () ->
                VimWrites.body(
                    new VimCall.ReconfigureDvs(
                        PROD, null, List.of(new MemberSpec(Op.REMOVE, HOST, null)))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without a configVersion");
    assertThatThrownBy(
            () ->
                VimWrites.body(
                    new VimCall.ReconfigureDvs(
                        PROD,
                        "3",
                        List.of(
                            new MemberSpec(
                                Op.EDIT,
                                HOST,
                                List.of(new PnicOnPort("vmnic2", null, "uplink3", null)))))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without its DV port key");
  }

  /**
   * Loses the connection on the first attempt of every request, then answers from the recording.
   */
  static final class Flaky implements RoundTrip {
    final List<String> attempts = new ArrayList<>();

    @Override
    public <T> T send(SoapRequest request, ResponseReader<T> reader) throws VsphereException {
      attempts.add(request.operation());
      if (attempts.stream().filter(request.operation()::equals).count() == 1) {
        throw new ConnectionLostException("connection reset", null);
      }
      return new SoapResponse(
              200,
              ("<soapenv:Envelope xmlns:soapenv=\""
                      + Soap.SOAP_ENV
                      + "\"><soapenv:Body>"
                      + "<"
                      + request.operation()
                      + "Response xmlns=\"urn:vim25\"/></soapenv:Body></soapenv:Envelope>")
                  .getBytes(StandardCharsets.UTF_8))
          .readWith(reader);
    }
  }

  @Test
  void aWriteIsNeverSentTwiceEvenThroughARetryingTransportWhileAReadIs() throws Exception {
    Flaky flaky = new Flaky();
    Soap soap = new Soap(new RetryingRoundTrip(flaky, 3, Duration.ZERO, d -> {}));
    VimWrites writes = new VimWrites(soap);

    assertThatThrownBy(
            () ->
                writes.addVirtualSwitch(
                    new VimCall.AddVirtualSwitch(
                        HOST, "vSwitch-t", new VswitchSpec(128, 0, List.of()))))
        .isInstanceOf(ConnectionLostException.class);
    assertThat(flaky.attempts).containsExactly("AddVirtualSwitch");

    new VimReads(soap).waitForUpdatesEx(new Mor("PropertyCollector", "pc"), "", 1);
    assertThat(flaky.attempts)
        .containsExactly("AddVirtualSwitch", "WaitForUpdatesEx", "WaitForUpdatesEx");
  }
}
