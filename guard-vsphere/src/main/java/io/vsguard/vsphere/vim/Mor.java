package io.vsguard.vsphere.vim;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlText;
import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlNode;

/** A ManagedObjectReference: {@code <x type="HostSystem">host-12</x>}. */
public record Mor(@JacksonXmlProperty(isAttribute = true, localName = "type") String type,
    @JacksonXmlText String value) {

  public Mor {
    if (type == null || type.isEmpty() || value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a managed object reference needs a type and a value");
    }
  }

  public static Mor of(XmlNode node) throws MalformedResponseException {
    String type = node.attribute("type");
    String value = node.text().strip();
    if (type == null || type.isEmpty() || value.isEmpty()) {
      throw new MalformedResponseException("malformed managed object reference in <" + node.localName() + ">");
    }
    return new Mor(type, value);
  }

  @Override
  public String toString() {
    return type + ":" + value;
  }
}
