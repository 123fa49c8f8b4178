package io.vsguard.vsphere.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.vsphere.Fixtures;
import io.vsguard.vsphere.transport.SoapResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
  static XmlNode decode(String op, int status, String fixture) throws Exception {
    return Envelope.decode(op, new SoapResponse(status, Fixtures.bytes(fixture)));
  }

  @Test
  void xsiTypeIsResolvedByNamespaceWhateverThePrefix() throws Exception {
    // retrieve-page1.xml binds the schema-instance namespace to "XMLSchema-instance:", as the
    // simulator does
    XmlNode page = decode("RetrievePropertiesEx", 200, "retrieve-page1.xml");
    XmlNode val =
        page.path("returnval")
            .get()
            .children("objects")
            .get(6)
            .children("propSet")
            .get(0)
            .child("val")
            .get();
    assertThat(val.xsiType()).isEqualTo("HostNetworkInfo");
    XmlNode page2 = decode("ContinueRetrievePropertiesEx", 200, "continue-page2.xml");
    assertThat(page2.path("returnval.objects.propSet.val").get().xsiType())
        .isEqualTo("HostNetworkInfo");
    // a prefix named "xsi" bound to another namespace is not xsi
    String fake =
        "<e:Envelope xmlns:e=\""
            + Envelope.SOAP_ENV
            + "\" xmlns:xsi=\"urn:not-xsi\"><e:Body>"
            + "<LogoutResponse xmlns=\"urn:vim25\" xsi:type=\"Nope\"/></e:Body></e:Envelope>";
    XmlNode r =
        Envelope.decode("Logout", new SoapResponse(200, fake.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.xsiType()).isNull();
  }

  @Test
  void faultsMapToTypedExceptions() {
    assertThatThrownBy(() -> decode("Login", 500, "fault-invalid-login.xml"))
        .isInstanceOf(InvalidLoginException.class);
    assertThatThrownBy(() -> decode("RetrievePropertiesEx", 500, "fault-not-authenticated.xml"))
        .isInstanceOf(NotAuthenticatedException.class);
    assertThatThrownBy(() -> decode("RetrievePropertiesEx", 500, "fault-no-permission.xml"))
        .isInstanceOf(NoPermissionException.class)
        .hasMessage(
            "the vCenter user lacks privilege System.View on Folder group-d1 (NoPermission); give it the"
                + " Read-only role on the root folder, propagated to children");
    assertThatThrownBy(
            () -> decode("RetrievePropertiesEx", 500, "fault-managed-object-not-found.xml"))
        .isInstanceOf(ManagedObjectNotFoundException.class)
        .hasMessageContaining("HostSystem host-99");
    assertThatThrownBy(
            () -> decode("ContinueRetrievePropertiesEx", 500, "fault-method-not-found.xml"))
        .isExactlyInstanceOf(VimFaultException.class)
        .hasMessage("vCenter returned fault MethodNotFound: Method not found");
  }

  @Test
  void theWrongResponseElementIsMalformed() {
    assertThatThrownBy(() -> decode("Login", 200, "logout.xml"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("malformed response to Login: expected LoginResponse, got LogoutResponse");
  }

  @Test
  void entitiesAndDtdsAreRefused() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + "<s:Envelope xmlns:s=\""
            + Envelope.SOAP_ENV
            + "\"><s:Body><LogoutResponse xmlns=\"urn:vim25\">&e;</LogoutResponse>"
            + "</s:Body></s:Envelope>";
    assertThatThrownBy(
            () ->
                Envelope.decode(
                    "Logout", new SoapResponse(200, xxe.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(MalformedResponseException.class);
  }

  static String envelope(String payload) {
    return "<s:Envelope xmlns:s=\""
        + Envelope.SOAP_ENV
        + "\"><s:Body>"
        + payload
        + "</s:Body></s:Envelope>";
  }

  static <T> T decode(String op, String xml, PayloadReader<T> payload) throws Exception {
    return Envelope.decode(
        op, 200, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), payload);
  }

  @Test
  void nestingIsBoundedWhateverThePayloadReaderDoes() {
    String deep = "<a>".repeat(300) + "</a>".repeat(300);
    String xml = envelope("<LogoutResponse xmlns=\"urn:vim25\">" + deep + "</LogoutResponse>");
    assertThatThrownBy(() -> decode("Logout", xml, XmlCursor::tree))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("response to Logout");
    assertThatThrownBy(
            () ->
                decode(
                    "Logout",
                    xml,
                    x -> {
                      x.skip();
                      return null;
                    }))
        .isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void aValueThatShouldBeTextButHoldsElementsIsMalformed() {
    String xml =
        envelope(
            "<LoginResponse xmlns=\"urn:vim25\"><returnval><userName><b>x</b></userName></returnval>"
                + "</LoginResponse>");
    assertThatThrownBy(
            () ->
                decode(
                    "Login",
                    xml,
                    x -> {
                      x.nextChild();
                      x.nextChild();
                      return x.text();
                    }))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("malformed response to Login: <b> inside a value that should be text");
  }

  @Test
  void aPayloadReaderSeesOnlyItsElementAndTheRestIsStillChecked() throws Exception {
    String xml = envelope("<LogoutResponse xmlns=\"urn:vim25\"><a>1</a><b>2</b></LogoutResponse>");
    String first =
        decode(
            "Logout",
            xml,
            x -> {
              x.nextChild();
              String a = x.text();
              while (x.nextChild()) {
                x.skip();
              }
              return a;
            });
    assertThat(first).isEqualTo("1");
    // a document cut after the payload still fails, even though the payload was complete
    String cut = xml.substring(0, xml.indexOf("</s:Body>"));
    assertThatThrownBy(
            () ->
                decode(
                    "Logout",
                    cut,
                    x -> {
                      x.skip();
                      return null;
                    }))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("ends before it is complete");
  }

  @Test
  void aStreamThatBreaksIsTheStreamsFailureNotAMalformedDocument() {
    byte[] body = Fixtures.bytes("retrieve-page1.xml");
    InputStream breaking =
        new SequenceInputStream(
            new ByteArrayInputStream(body, 0, body.length / 2),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("connection reset");
              }
            });
    assertThatThrownBy(
            () ->
                Envelope.decode(
                    "RetrievePropertiesEx",
                    200,
                    breaking,
                    x -> {
                      x.skip();
                      return null;
                    }))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("connection reset");
  }
}
