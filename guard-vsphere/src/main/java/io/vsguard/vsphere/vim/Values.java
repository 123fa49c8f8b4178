package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlCursor;
import java.util.ArrayList;
import java.util.List;

/** Readers of the vim25 simple types the data objects are made of. */
final class Values {
  private Values() {}

  /** xsd:boolean: true, false, 1 or 0. */
  static boolean bool(XmlCursor x) throws MalformedResponseException {
    String t = x.text().strip();
    return switch (t) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw x.invalid("<" + x.localName() + "> is '" + t + "'; expected true or false");
    };
  }

  /** xsd:int. */
  static int integer(XmlCursor x) throws MalformedResponseException {
    String name = x.localName();
    String t = x.text().strip();
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw x.invalid("<" + name + "> is '" + t + "'; expected a whole number");
    }
  }

  /** An ArrayOf... of references: every child element is one. */
  static List<Mor> mors(XmlCursor x) throws MalformedResponseException {
    List<Mor> out = new ArrayList<>();
    while (x.nextChild()) {
      out.add(Mor.read(x));
    }
    return out;
  }

  /**
   * The {@code value} of an inherited policy ({@code
   * <policy><inherited/><value>x</value></policy>}).
   */
  static String policyValue(XmlCursor x) throws MalformedResponseException {
    String value = null;
    while (x.nextChild()) {
      if (x.localName().equals("value")) {
        value = x.text();
      } else {
        x.skip();
      }
    }
    return value;
  }
}
