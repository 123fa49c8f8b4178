package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.soap.Envelope;
import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlNode;
import io.vsguard.vsphere.soap.XmlReader;
import io.vsguard.vsphere.transport.HttpStatusException;
import io.vsguard.vsphere.transport.RoundTrip;
import io.vsguard.vsphere.transport.SoapRequest;
import io.vsguard.vsphere.vim.Mor;

/**
 * One vim25 round trip for this package: the envelope around a request body, the transport, the
 * response element or the typed fault. Reads are marked idempotent (a retrying transport may send
 * them again after a lost connection); writes never are, so nothing sends a write twice.
 */
final class Soap {
  static final String SOAP_ENV = Envelope.SOAP_ENV;

  /** Whether sending the same request again could change anything. */
  enum Kind {
    SAFE_TO_RESEND,
    SEND_ONCE
  }

  private final RoundTrip transport;
  private volatile String soapAction = "urn:vim25/6.0";

  Soap(RoundTrip transport) {
    this.transport = transport;
  }

  void apiVersion(String version) {
    if (version != null && version.matches("[0-9][0-9.]*[0-9u]*")) {
      soapAction = "urn:vim25/" + version;
    }
  }

  /**
   * Sends {@code body} (from {@link Xml#end}) and answers the {@code <operation>Response} element;
   * a fault is a {@link VimCallException} naming {@code label}.
   */
  XmlNode call(String operation, String label, String body, Kind kind) throws VsphereException {
    byte[] bytes = Envelope.wrap(body);
    // the transport bounds the body; a write's answer is small, read whole and decoded as a tree
    return transport.send(
        new SoapRequest(operation, soapAction, bytes, kind == Kind.SAFE_TO_RESEND),
        (status, in) -> decode(operation, label, status, in.readAllBytes()));
  }

  static XmlNode decode(String operation, String label, int status, byte[] body)
      throws VsphereException {
    XmlNode env;
    try {
      env = XmlReader.parse(body);
    } catch (MalformedResponseException e) {
      throw status != 200
          ? httpError(operation, status)
          : new MalformedResponseException(
              "malformed response to " + operation + ": " + e.getMessage());
    }
    if (!SOAP_ENV.equals(env.name().getNamespaceURI()) || !env.localName().equals("Envelope")) {
      throw status != 200
          ? httpError(operation, status)
          : new MalformedResponseException(
              "malformed response to " + operation + ": not a SOAP envelope");
    }
    XmlNode payload =
        env.children().stream()
            .filter(
                c -> SOAP_ENV.equals(c.name().getNamespaceURI()) && c.localName().equals("Body"))
            .findFirst()
            .flatMap(b -> b.children().stream().findFirst())
            .orElse(null);
    if (payload != null
        && SOAP_ENV.equals(payload.name().getNamespaceURI())
        && payload.localName().equals("Fault")) {
      throw new VimCallException(label, null, soapFault(payload));
    }
    if (status != 200) {
      throw httpError(operation, status);
    }
    if (payload == null || !payload.localName().equals(operation + "Response")) {
      throw new MalformedResponseException(
          "malformed response to "
              + operation
              + ": expected "
              + operation
              + "Response, got "
              + (payload == null ? "an empty body" : payload.localName()));
    }
    return payload;
  }

  /** The detail's first element is the fault: typed by xsi:type, or by its name without "Fault". */
  static Fault soapFault(XmlNode fault) {
    String faultString = fault.childText("faultstring");
    XmlNode detail =
        fault.child("detail").flatMap(d -> d.children().stream().findFirst()).orElse(null);
    if (detail == null) {
      return Fault.of(null, null, faultString);
    }
    String type = detail.xsiType();
    if (type == null) {
      String n = detail.localName();
      type =
          n.endsWith("Fault") && n.length() > "Fault".length() ? n.substring(0, n.length() - 5) : n;
    }
    return Fault.of(type, detail, faultString);
  }

  static Mor returnedRef(XmlNode response, String operation) throws MalformedResponseException {
    XmlNode r =
        response
            .child("returnval")
            .orElseThrow(
                () ->
                    new MalformedResponseException(
                        "malformed response to " + operation + ": no returnval"));
    return Mor.of(r);
  }

  private static HttpStatusException httpError(String operation, int status) {
    String reason =
        switch (status) {
          case 401, 403 -> " (refused)";
          case 404 -> " (no vim25 endpoint at this URL; it usually ends in /sdk)";
          case 502, 503, 504 -> " (vCenter or a proxy is unavailable)";
          default -> "";
        };
    return new HttpStatusException(
        "vCenter answered HTTP " + status + reason + " to " + operation, status);
  }
}
