package io.vsguard.vsphere.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * One element of a decoded response, namespaces resolved: attributes are keyed by (namespace URI,
 * local name), so {@code xsi:type} is found whatever prefix the server bound to the
 * XMLSchema-instance namespace (the simulator writes {@code XMLSchema-instance:type}).
 */
public record XmlNode(
    QName name, Map<QName, String> attributes, String text, List<XmlNode> children) {
  public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  public static final String VIM25 = "urn:vim25";
  private static final QName XSI_TYPE = new QName(XSI, "type");

  public XmlNode {
    attributes = Map.copyOf(attributes);
    children = List.copyOf(children);
    text = text == null ? "" : text;
  }

  public String localName() {
    return name.getLocalPart();
  }

  /**
   * The local part of {@code xsi:type} ("VMwareDVSConfigInfo", "string" for "xsd:string"), or null.
   * The value's own prefix names a schema, not something we dispatch on.
   */
  public String xsiType() {
    String t = attributes.get(XSI_TYPE);
    if (t == null) {
      return null;
    }
    int colon = t.indexOf(':');
    return colon < 0 ? t : t.substring(colon + 1);
  }

  /** An unqualified attribute such as a ManagedObjectReference's {@code type}. */
  public String attribute(String local) {
    return attributes.get(new QName("", local));
  }

  public Optional<XmlNode> child(String local) {
    for (XmlNode c : children) {
      if (c.localName().equals(local)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  public List<XmlNode> children(String local) {
    List<XmlNode> out = new ArrayList<>();
    for (XmlNode c : children) {
      if (c.localName().equals(local)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The text of the first child with this name, or null when there is none. */
  public String childText(String local) {
    return child(local).map(XmlNode::text).orElse(null);
  }

  public List<String> childTexts(String local) {
    return children(local).stream().map(XmlNode::text).toList();
  }

  /** Follows a dotted path of child names ("config.uplinkPortPolicy"). */
  public Optional<XmlNode> path(String dotted) {
    Optional<XmlNode> at = Optional.of(this);
    for (String part : dotted.split("\\.")) {
      at = at.flatMap(n -> n.child(part));
    }
    return at;
  }

  public String pathText(String dotted) {
    return path(dotted).map(XmlNode::text).orElse(null);
  }
}
