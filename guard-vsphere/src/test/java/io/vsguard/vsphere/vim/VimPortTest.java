package io.vsguard.vsphere.vim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.vsphere.Credentials;
import io.vsguard.vsphere.Fixtures;
import io.vsguard.vsphere.Secret;
import io.vsguard.vsphere.soap.Envelope;
import io.vsguard.vsphere.soap.XmlNode;
import io.vsguard.vsphere.soap.XmlReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class VimPortTest {
  @Test
  void requestsAreQualifiedInUrnVim25AndTheTraversalSpecIsTyped() throws Exception {
    PropertyFilterSpec spec =
        new PropertyFilterSpec(
            List.of(PropertyFilterSpec.PropertySpec.of("HostSystem", "name", "config.network")),
            List.of(
                new PropertyFilterSpec.ObjectSpec(
                    new Mor("ContainerView", "session[1]2"),
                    true,
                    List.of(
                        new PropertyFilterSpec.TraversalSpec(
                            "traverseView", "ContainerView", "view", false)))));
    byte[] body =
        Envelope.encode(
            new Requests.RetrievePropertiesEx(
                new Mor("PropertyCollector", "propertyCollector"),
                List.of(spec),
                new PropertyFilterSpec.RetrieveOptions(100)));
    XmlNode op = XmlReader.parse(body).path("Body").get().children().get(0);
    assertThat(op.name().getNamespaceURI()).isEqualTo("urn:vim25");
    assertThat(op.localName()).isEqualTo("RetrievePropertiesEx");
    assertThat(op.children())
        .extracting(XmlNode::localName)
        .containsExactly("_this", "specSet", "options");
    assertThat(op.children()).allMatch(c -> c.name().getNamespaceURI().equals("urn:vim25"));
    assertThat(op.child("_this").get().attribute("type")).isEqualTo("PropertyCollector");
    XmlNode specSet = op.child("specSet").get();
    assertThat(specSet.path("propSet").get().childTexts("pathSet"))
        .containsExactly("name", "config.network");
    assertThat(specSet.path("propSet.all").get().text()).isEqualTo("false");
    XmlNode select = specSet.path("objectSet.selectSet").get();
    assertThat(select.xsiType()).isEqualTo("TraversalSpec");
    assertThat(select.children())
        .extracting(XmlNode::localName)
        .containsExactly("name", "type", "path", "skip");
    assertThat(op.pathText("options.maxObjects")).isEqualTo("100");
  }

  @Test
  void theSoapActionFollowsTheServersApiVersion() throws Exception {
    Fixtures.Replay replay = Fixtures.Replay.capture();
    VimPort port = new VimPort(replay);
    assertThat(port.soapAction()).isEqualTo("urn:vim25/6.0");
    ServiceContent sc = port.retrieveServiceContent();
    assertThat(sc.about().apiVersion()).isEqualTo("6.0");
    assertThat(sc.rootFolder()).isEqualTo(new Mor("Folder", "group-d1"));
    assertThat(sc.sessionManager()).isEqualTo(new Mor("SessionManager", "SessionManager"));
    UserSession s = port.login(sc.sessionManager(), new Credentials("ro", new Secret("pw-123456")));
    assertThat(s.userName()).isEqualTo("VSPHERE.LOCAL\\vsguard-ro");
    assertThat(new Requests.Login(sc.sessionManager(), "ro", "pw-123456").toString())
        .doesNotContain("pw-123456");
    RetrieveResult page =
        port.retrievePropertiesEx(
            sc.propertyCollector(),
            List.of(),
            new PropertyFilterSpec.RetrieveOptions(5),
            io.vsguard.vsphere.collect.InventoryQuery.VALUES);
    assertThat(page.token()).isEqualTo("1");
    assertThat(page.objects()).hasSize(7);
    RetrieveResult last =
        port.continueRetrievePropertiesEx(
            sc.propertyCollector(), "1", io.vsguard.vsphere.collect.InventoryQuery.VALUES);
    assertThat(last.token()).isNull();
    assertThat(replay.sent.get(2).idempotent()).isTrue();
    assertThat(replay.sent.get(3).idempotent()).isFalse();
  }

  @Test
  void requestValuesAreEscapedAndWhatXmlCannotCarryIsRefused() throws Exception {
    String password = "p&<>\"'x\ty";
    byte[] body =
        Envelope.encode(
            new Requests.Login(new Mor("SessionManager", "SessionManager"), "ro", password));
    XmlNode login = XmlReader.parse(body).path("Body").get().children().get(0);
    assertThat(login.childText("password")).isEqualTo(password);
    assertThat(login.child("_this").get().attribute("type")).isEqualTo("SessionManager");
    assertThatThrownBy(
            () ->
                Envelope.encode(
                    new Requests.Login(
                        new Mor("SessionManager", "SessionManager"), "ro", "bad\u0001")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+0001")
        .hasMessageNotContaining("bad");
    // credentials that could not be sent are refused when read, before vCenter is contacted
    assertThatThrownBy(
            () ->
                Credentials.fromEnvironment(
                    java.util.Map.of(
                        Credentials.USER_ENV, "ro", Credentials.PASSWORD_ENV, "bad\u0001pw")))
        .isInstanceOf(Credentials.Unavailable.class)
        .hasMessage(
            Credentials.PASSWORD_ENV
                + ": contains a control character, which vCenter's SOAP API cannot carry");
  }
}
