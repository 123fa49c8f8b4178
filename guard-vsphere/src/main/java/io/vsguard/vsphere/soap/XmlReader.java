package io.vsguard.vsphere.soap;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.ByteArrayInputStream;
import javax.xml.stream.XMLInputFactory;

/**
 * The one StAX factory behind every response: Woodstox, named here rather than found on the class
 * path, namespace-aware, with DTDs, external entities and entity replacement off, and its own
 * bounds on depth and on the size of one text or attribute value.
 */
public final class XmlReader {
  static final XMLInputFactory FACTORY = factory();

  /** No single vim25 value comes near this; a larger one is an attack or a broken server. */
  static final int MAX_TEXT_LENGTH = 16 * 1024 * 1024;

  private XmlReader() {}

  /** A whole document as a tree; for small documents (requests in tests, recorded fixtures). */
  public static XmlNode parse(byte[] body) throws MalformedResponseException {
    XmlCursor x = XmlCursor.open(new ByteArrayInputStream(body), "document");
    XmlNode root = x.tree();
    x.finish();
    return root;
  }

  private static XMLInputFactory factory() {
    WstxInputFactory f = new WstxInputFactory();
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    // text arrives in pieces as the buffer fills; XmlCursor joins them, no extra copy here
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, XmlCursor.MAX_DEPTH + 1);
    f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, MAX_TEXT_LENGTH);
    f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, 64 * 1024);
    return f;
  }
}
