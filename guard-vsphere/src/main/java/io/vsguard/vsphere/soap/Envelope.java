package io.vsguard.vsphere.soap;

import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.transport.HttpStatusException;
import io.vsguard.vsphere.transport.SoapResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * SOAP 1.1 envelopes for vim25. Requests are records that write their own elements ({@link
 * SoapMessage}); the operation element gets the default namespace urn:vim25, which its unqualified
 * children inherit, as vCenter's own clients send them. Responses are read namespace-aware as they
 * arrive ({@link XmlCursor}): the envelope here, the payload by the operation's own {@link
 * PayloadReader}.
 */
public final class Envelope {
  public static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";

  private static final String HEAD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<soapenv:Envelope xmlns:soapenv=\""
          + SOAP_ENV
          + "\""
          + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\""
          + XmlNode.XSI
          + "\">"
          + "<soapenv:Body>";
  private static final String TAIL = "</soapenv:Body></soapenv:Envelope>";

  private Envelope() {}

  /** The whole request document around an operation element written elsewhere (apply's writes). */
  public static byte[] wrap(String operationElement) {
    return (HEAD + operationElement + TAIL).getBytes(StandardCharsets.UTF_8);
  }

  /** The whole request document for one operation message. */
  public static byte[] encode(SoapMessage message) {
    XmlWriter w =
        new XmlWriter()
            .raw(HEAD)
            .raw("<" + message.element() + " xmlns=\"" + XmlNode.VIM25 + "\">");
    message.writeContent(w);
    return w.end(message.element()).raw(TAIL).toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes the operation's response element with {@code payload} while the body arrives, or throws
   * the typed exception: a SOAP fault (whatever the HTTP status), an HTTP error without a fault, or
   * a body that is not the expected document. An IOException is the stream's own failure
   * (connection lost, read timed out) for the transport to classify.
   */
  public static <T> T decode(
      String operation, int status, InputStream body, PayloadReader<T> payload)
      throws VsphereException, IOException {
    try {
      return decodeStream(operation, status, body, payload);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * The response element as a tree: for the small responses (ServiceContent, Login, a view) and
   * recordings.
   */
  public static XmlNode decode(String operation, SoapResponse response) throws VsphereException {
    return response.readWith((status, body) -> decode(operation, status, body, XmlCursor::tree));
  }

  private static <T> T decodeStream(
      String operation, int status, InputStream body, PayloadReader<T> payload)
      throws VsphereException {
    String what = "response to " + operation;
    try {
      XmlCursor x = XmlCursor.open(body, what);
      if (!x.namespace().equals(SOAP_ENV) || !x.localName().equals("Envelope")) {
        if (status != 200) {
          throw httpError(operation, status);
        }
        throw new MalformedResponseException("malformed " + what + ": not a SOAP envelope");
      }
      boolean inBody = false;
      while (!inBody && x.nextChild()) {
        if (x.namespace().equals(SOAP_ENV) && x.localName().equals("Body")) {
          inBody = true;
        } else {
          x.skip(); // a SOAP Header
        }
      }
      boolean hasPayload = inBody && x.nextChild();
      if (hasPayload && x.namespace().equals(SOAP_ENV) && x.localName().equals("Fault")) {
        throw SoapFaults.from(x.tree());
      }
      if (status != 200) {
        throw httpError(operation, status);
      }
      if (!hasPayload || !x.localName().equals(operation + "Response")) {
        throw new MalformedResponseException(
            "malformed "
                + what
                + ": expected "
                + operation
                + "Response, got "
                + (hasPayload ? x.localName() : "an empty body"));
      }
      T value = payload.read(x);
      x.finish();
      return value;
    } catch (MalformedResponseException e) {
      // an error page that is not XML, or not SOAP, is the HTTP status's to explain
      if (status != 200) {
        throw httpError(operation, status);
      }
      throw e;
    }
  }

  private static HttpStatusException httpError(String operation, int status) {
    String reason =
        switch (status) {
          case 401, 403 -> " (refused)";
          case 404 -> " (no vim25 endpoint at this URL; it usually ends in /sdk)";
          case 502, 503, 504 -> " (vCenter or a proxy is unavailable; is it starting up?)";
          default -> "";
        };
    return new HttpStatusException(
        "vCenter answered HTTP " + status + reason + " to " + operation, status);
  }
}
