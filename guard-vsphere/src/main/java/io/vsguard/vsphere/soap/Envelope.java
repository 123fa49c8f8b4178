package io.vsguard.vsphere.soap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.transport.HttpStatusException;
import io.vsguard.vsphere.transport.SoapResponse;
import java.nio.charset.StandardCharsets;

/**
 * SOAP 1.1 envelopes for vim25. Requests are records written by Jackson XML; the operation
 * element gets the default namespace urn:vim25, which its unqualified children inherit, as
 * vCenter's own clients send them. Responses are read namespace-aware into {@link XmlNode}s,
 * because vim25 values are polymorphic by {@code xsi:type}.
 */
public final class Envelope {
  public static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";

  private static final XmlMapper XML = XmlMapper.builder()
      .defaultUseWrapper(false)
      .serializationInclusion(JsonInclude.Include.NON_EMPTY)
      .build();

  private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<soapenv:Envelope xmlns:soapenv=\"" + SOAP_ENV + "\""
      + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"" + XmlNode.XSI + "\">"
      + "<soapenv:Body>";
  private static final String TAIL = "</soapenv:Body></soapenv:Envelope>";

  private Envelope() {}

  /** The whole request document for one operation message (a record annotated with its element name). */
  public static byte[] encode(Object message) {
    JacksonXmlRootElement root = message.getClass().getAnnotation(JacksonXmlRootElement.class);
    if (root == null) {
      throw new IllegalArgumentException(message.getClass().getSimpleName() + " is not a vim25 message");
    }
    String element = root.localName();
    String xml;
    try {
      xml = XML.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      // the message is a record we wrote; failing to serialise it is a bug, not an input error
      throw new IllegalStateException("cannot encode " + element, e);
    }
    String open = "<" + element;
    if (!xml.startsWith(open)) {
      throw new IllegalStateException("unexpected encoding of " + element);
    }
    String body = open + " xmlns=\"" + XmlNode.VIM25 + "\"" + xml.substring(open.length());
    return (HEAD + body + TAIL).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The operation's response element, or the typed exception: a SOAP fault (whatever the HTTP
   * status), an HTTP error without a fault, or a body that is not the expected document.
   */
  public static XmlNode decode(String operation, SoapResponse response) throws VsphereException {
    XmlNode env;
    try {
      env = XmlReader.parse(response.body());
    } catch (XmlReader.NotWellFormed e) {
      if (response.status() != 200) {
        throw httpError(operation, response.status());
      }
      throw new MalformedResponseException("malformed response to " + operation + ": " + e.getMessage());
    }
    if (!env.name().getNamespaceURI().equals(SOAP_ENV) || !env.localName().equals("Envelope")) {
      if (response.status() != 200) {
        throw httpError(operation, response.status());
      }
      throw new MalformedResponseException("malformed response to " + operation + ": not a SOAP envelope");
    }
    XmlNode payload = env.children().stream()
        .filter(c -> c.name().getNamespaceURI().equals(SOAP_ENV) && c.localName().equals("Body"))
        .findFirst()
        .flatMap(b -> b.children().stream().findFirst())
        .orElse(null);
    if (payload != null && payload.name().getNamespaceURI().equals(SOAP_ENV) && payload.localName().equals("Fault")) {
      throw SoapFaults.from(payload);
    }
    if (response.status() != 200) {
      throw httpError(operation, response.status());
    }
    if (payload == null || !payload.localName().equals(operation + "Response")) {
      throw new MalformedResponseException("malformed response to " + operation + ": expected " + operation
          + "Response, got " + (payload == null ? "an empty body" : payload.localName()));
    }
    return payload;
  }

  private static HttpStatusException httpError(String operation, int status) {
    String reason = switch (status) {
      case 401, 403 -> " (refused)";
      case 404 -> " (no vim25 endpoint at this URL; it usually ends in /sdk)";
      case 502, 503, 504 -> " (vCenter or a proxy is unavailable; is it starting up?)";
      default -> "";
    };
    return new HttpStatusException("vCenter answered HTTP " + status + reason + " to " + operation, status);
  }
}
