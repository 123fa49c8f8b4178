package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.soap.XmlWriter;
import io.vsguard.vsphere.vim.Mor;

/**
 * Writes the body of one vim25 request: element names are this package's constants, every value is
 * escaped, and a character XML 1.0 cannot carry is refused rather than sent for vCenter to reject
 * half-way through a rollout.
 */
final class Xml {
  private final StringBuilder out = new StringBuilder(256);

  /** Opens the operation element in the vim25 namespace, with its {@code _this}. */
  static Xml operation(String name, Mor self) {
    Xml x = new Xml();
    x.out.append('<').append(name).append(" xmlns=\"urn:vim25\">");
    return x.ref("_this", self);
  }

  Xml open(String name) {
    out.append('<').append(name).append('>');
    return this;
  }

  /** {@code <name xsi:type="type">}: a polymorphic value (a bridge, a backing, a spec). */
  Xml open(String name, String xsiType) {
    out.append('<').append(name).append(" xsi:type=\"");
    escape(xsiType, true);
    out.append("\">");
    return this;
  }

  Xml close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  Xml text(String name, String value) {
    open(name);
    escape(value, false);
    return close(name);
  }

  Xml number(String name, long value) {
    return text(name, Long.toString(value));
  }

  Xml bool(String name, boolean value) {
    return text(name, Boolean.toString(value));
  }

  /** A ManagedObjectReference: {@code <name type="HostSystem">host-12</name>}. */
  Xml ref(String name, Mor mor) {
    out.append('<').append(name).append(" type=\"");
    escape(mor.type(), true);
    out.append("\">");
    escape(mor.value(), false);
    return close(name);
  }

  /** Closes the operation element; the result is the payload of the SOAP body. */
  String end(String operation) {
    close(operation);
    return out.toString();
  }

  /** Whether {@code s} can be written at all; planners check names from a plan with it first. */
  static boolean writable(String s) {
    return XmlWriter.writable(s);
  }

  private void escape(String s, boolean attribute) {
    if (!writable(s)) {
      throw new IllegalArgumentException(
          "a value XML cannot carry (a control character or a lone surrogate): " + Text.visible(s));
    }
    XmlWriter.escape(out, s, attribute);
  }
}
