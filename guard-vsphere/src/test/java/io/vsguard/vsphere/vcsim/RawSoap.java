package io.vsguard.vsphere.vcsim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Raw vim25 SOAP over java.net.http, so the harness is checked without the client under test:
 * envelopes are written by hand, answers are read as namespace-aware DOM.
 */
final class RawSoap {

  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  private static final String ENVELOPE_START =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
          + " xmlns:xsi=\""
          + XSI
          + "\"><soapenv:Body>";
  private static final String ENVELOPE_END = "</soapenv:Body></soapenv:Envelope>";

  private final URI url;
  private final HttpClient http;

  RawSoap(Vcsim vcsim) {
    this.url = vcsim.url();
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(10));
    if ("https".equals(url.getScheme())) {
      builder.sslContext(pinned(vcsim.thumbprint()));
    }
    this.http = builder.build();
  }

  record Answer(int status, Document body) {
    Element first(String localName) {
      NodeList nodes = body.getElementsByTagNameNS("*", localName);
      return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    List<Element> all(String localName) {
      return elements(body.getElementsByTagNameNS("*", localName));
    }

    String text(String localName) {
      Element e = first(localName);
      return e == null ? null : e.getTextContent();
    }

    /** The xsi:type of the fault detail, resolved by namespace URI (vcsim's prefix varies). */
    String faultType() {
      Element detail = first("detail");
      if (detail == null) {
        return null;
      }
      for (Node n = detail.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          return e.getAttributeNS(XSI, "type");
        }
      }
      return null;
    }
  }

  static List<Element> elements(NodeList nodes) {
    List<Element> list = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      list.add((Element) nodes.item(i));
    }
    return list;
  }

  static List<Element> children(Element parent, String localName) {
    List<Element> list = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        list.add(e);
      }
    }
    return list;
  }

  static String childText(Element parent, String localName) {
    List<Element> list = children(parent, localName);
    return list.isEmpty() ? null : list.get(0).getTextContent();
  }

  Answer call(String bodyXml) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(120))
            .header("Content-Type", "text/xml; charset=utf-8")
            .header("SOAPAction", "urn:vim25/6.0")
            .POST(HttpRequest.BodyPublishers.ofString(ENVELOPE_START + bodyXml + ENVELOPE_END))
            .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), parse(response.body()));
  }

  private static Document parse(byte[] xml) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (org.xml.sax.SAXException | javax.xml.parsers.ParserConfigurationException e) {
      throw new IOException("not XML: " + new String(xml, StandardCharsets.UTF_8), e);
    }
  }

  static String sha256(X509Certificate cert) throws CertificateEncodingException {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Trusts exactly the certificate with the given SHA-256 thumbprint, as vSphere clients pin. */
  static SSLContext pinned(String thumbprint) {
    X509ExtendedTrustManager pin =
        new X509ExtendedTrustManager() {
          private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0 || !sha256(chain[0]).equals(thumbprint)) {
              throw new CertificateException(
                  "server certificate does not match the pinned thumbprint");
            }
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType)
              throws CertificateException {
            check(chain);
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
              throws CertificateException {
            check(chain);
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
              throws CertificateException {
            check(chain);
          }

          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType)
              throws CertificateException {
            throw new CertificateException("not a server");
          }

          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
              throws CertificateException {
            throw new CertificateException("not a server");
          }

          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
              throws CertificateException {
            throw new CertificateException("not a server");
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {pin}, null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // Envelopes of the calls the tests make.

  static String retrieveServiceContent() {
    return "<RetrieveServiceContent xmlns=\"urn:vim25\"><_this type=\"ServiceInstance\">ServiceInstance</_this>"
        + "</RetrieveServiceContent>";
  }

  static String login(String user, String password) {
    return "<Login xmlns=\"urn:vim25\"><_this type=\"SessionManager\">SessionManager</_this>"
        + "<userName>"
        + user
        + "</userName><password>"
        + password
        + "</password></Login>";
  }

  static String createContainerView(String rootFolder, String type) {
    return "<CreateContainerView xmlns=\"urn:vim25\"><_this type=\"ViewManager\">ViewManager</_this>"
        + "<container type=\"Folder\">"
        + rootFolder
        + "</container><type>"
        + type
        + "</type>"
        + "<recursive>true</recursive></CreateContainerView>";
  }

  static String retrieveThroughView(
      String collector, String view, String type, List<String> paths, int maxObjects) {
    StringBuilder b =
        new StringBuilder("<RetrievePropertiesEx xmlns=\"urn:vim25\">")
            .append("<_this type=\"PropertyCollector\">")
            .append(collector)
            .append("</_this>")
            .append("<specSet><propSet><type>")
            .append(type)
            .append("</type>");
    paths.forEach(p -> b.append("<pathSet>").append(p).append("</pathSet>"));
    b.append("</propSet><objectSet><obj type=\"ContainerView\">")
        .append(view)
        .append("</obj>")
        .append("<skip>true</skip><selectSet xsi:type=\"TraversalSpec\"><name>view</name>")
        .append("<type>ContainerView</type><path>view</path><skip>false</skip></selectSet>")
        .append("</objectSet></specSet><options>");
    if (maxObjects > 0) {
      b.append("<maxObjects>").append(maxObjects).append("</maxObjects>");
    }
    return b.append("</options></RetrievePropertiesEx>").toString();
  }

  static String continueRetrieve(String collector, String token) {
    return "<ContinueRetrievePropertiesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">"
        + collector
        + "</_this><token>"
        + token
        + "</token></ContinueRetrievePropertiesEx>";
  }

  static String cancelRetrieve(String collector, String token) {
    return "<CancelRetrievePropertiesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">"
        + collector
        + "</_this><token>"
        + token
        + "</token></CancelRetrievePropertiesEx>";
  }
}
