package io.vsguard.vsphere.soap;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses a response into {@link XmlNode}s with a namespace-aware StAX reader. DTDs and external
 * entities are off (a response is data, never a reason to open a file or a URL), and nesting is
 * bounded so a hostile document cannot exhaust the stack or the heap through depth.
 */
public final class XmlReader {
  static final int MAX_DEPTH = 200;
  private static final XMLInputFactory FACTORY = factory();

  private XmlReader() {}

  /** Why a body is not a document; {@code truncated} when it ended in the middle. */
  public static final class NotWellFormed extends Exception {
    private final boolean truncated;

    NotWellFormed(String message, boolean truncated) {
      super(message);
      this.truncated = truncated;
    }

    public boolean truncated() {
      return truncated;
    }
  }

  public static XmlNode parse(byte[] body) throws NotWellFormed {
    if (body.length == 0) {
      throw new NotWellFormed("empty body", true);
    }
    XMLStreamReader r = null;
    try {
      r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
      Deque<Builder> stack = new ArrayDeque<>();
      XmlNode root = null;
      while (r.hasNext()) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.START_ELEMENT -> {
            if (stack.size() >= MAX_DEPTH) {
              throw new NotWellFormed("nested deeper than " + MAX_DEPTH + " elements", false);
            }
            Map<QName, String> attrs = new HashMap<>();
            for (int i = 0; i < r.getAttributeCount(); i++) {
              QName n = r.getAttributeName(i);
              attrs.put(new QName(n.getNamespaceURI() == null ? "" : n.getNamespaceURI(), n.getLocalPart()),
                  r.getAttributeValue(i));
            }
            QName n = r.getName();
            stack.push(new Builder(new QName(n.getNamespaceURI() == null ? "" : n.getNamespaceURI(),
                n.getLocalPart()), attrs));
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
            if (!stack.isEmpty()) {
              stack.peek().text.append(r.getText());
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            XmlNode done = stack.pop().build();
            if (stack.isEmpty()) {
              root = done;
            } else {
              stack.peek().children.add(done);
            }
          }
          case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
              throw new NotWellFormed("a DTD or entity reference, which vim25 never sends", false);
          default -> {
            // comments, processing instructions: not data
          }
        }
      }
      if (root == null) {
        throw new NotWellFormed("no root element", true);
      }
      return root;
    } catch (XMLStreamException e) {
      boolean eof = e.getClass().getSimpleName().contains("EOF")
          || String.valueOf(e.getMessage()).contains("end of input")
          || String.valueOf(e.getMessage()).contains("EOF");
      Location at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
      return rethrow(eof ? "the document ends before it is complete" + where : "not well-formed XML" + where, eof);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException e) {
          // the whole body is in memory; nothing to release
        }
      }
    }
  }

  private static XmlNode rethrow(String message, boolean truncated) throws NotWellFormed {
    throw new NotWellFormed(message, truncated);
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  private static final class Builder {
    final QName name;
    final Map<QName, String> attrs;
    final StringBuilder text = new StringBuilder();
    final List<XmlNode> children = new ArrayList<>();

    Builder(QName name, Map<QName, String> attrs) {
      this.name = name;
      this.attrs = attrs;
    }

    XmlNode build() {
      // Mixed content does not occur in vim25: an element has either children or text.
      return new XmlNode(name, attrs, children.isEmpty() ? text.toString() : "", children);
    }
  }
}
