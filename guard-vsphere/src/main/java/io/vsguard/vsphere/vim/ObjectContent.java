package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.XmlNode;
import java.util.List;
import java.util.Map;

/**
 * One object's properties. Values stay as decoded XML: vim25 types them with {@code xsi:type}
 * (anyType), and only the mapper knows which of their fields it needs.
 */
public record ObjectContent(Mor obj, Map<String, XmlNode> properties, List<MissingProperty> missing) {
  public ObjectContent {
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    missing = List.copyOf(missing);
  }

  /** A property vCenter could not return, with its fault (NoPermission, NotAuthenticated, …). */
  public record MissingProperty(String path, String faultType, XmlNode fault) {}
}
