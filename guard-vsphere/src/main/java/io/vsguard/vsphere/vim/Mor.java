package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlCursor;
import io.vsguard.vsphere.soap.XmlNode;
import io.vsguard.vsphere.soap.XmlWriter;

/** A ManagedObjectReference: {@code <x type="HostSystem">host-12</x>}. */
public record Mor(String type, String value) {

  public Mor {
    if (type == null || type.isEmpty() || value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a managed object reference needs a type and a value");
    }
  }

  public static Mor of(XmlNode node) throws MalformedResponseException {
    String type = node.attribute("type");
    String value = node.text().strip();
    if (type == null || type.isEmpty() || value.isEmpty()) {
      throw new MalformedResponseException(
          "malformed managed object reference in <" + node.localName() + ">");
    }
    return new Mor(type, value);
  }

  /**
   * Reads the reference the cursor stands on, e.g. {@code <obj type="HostSystem">host-12</obj>}.
   */
  public static Mor read(XmlCursor x) throws MalformedResponseException {
    String name = x.localName();
    String type = x.attribute("type");
    String value = x.text().strip();
    if (type == null || type.isEmpty() || value.isEmpty()) {
      throw x.invalid("a managed object reference without its type or value in <" + name + ">");
    }
    return new Mor(type, value);
  }

  /** Writes this reference as element {@code name} of a request. */
  public void write(XmlWriter w, String name) {
    w.reference(name, type, value);
  }

  @Override
  public String toString() {
    return type + ":" + value;
  }
}
