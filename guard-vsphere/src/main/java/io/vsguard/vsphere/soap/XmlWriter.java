package io.vsguard.vsphere.soap;

/**
 * Writes the few request elements vim25 calls need, escaped, into one string: a request is a
 * handful of references and names, and writing it by hand keeps a databinding framework (and
 * its start-up cost in every short-lived CLI run) out of the client.
 */
public final class XmlWriter {
  private final StringBuilder out = new StringBuilder(512);

  XmlWriter() {}

  /** {@code <name>text</name>}. */
  public XmlWriter element(String name, String text) {
    out.append('<').append(name).append('>');
    escape(text, false);
    out.append("</").append(name).append('>');
    return this;
  }

  /** {@code <name type="type">value</name>}: a ManagedObjectReference. */
  public XmlWriter reference(String name, String type, String value) {
    out.append('<').append(name).append(" type=\"");
    escape(type, true);
    out.append("\">");
    escape(value, false);
    out.append("</").append(name).append('>');
    return this;
  }

  /** Opens {@code <name>}, or {@code <name xsi:type="xsiType">} when xsiType is not null. */
  public XmlWriter start(String name, String xsiType) {
    out.append('<').append(name);
    if (xsiType != null) {
      out.append(" xsi:type=\"");
      escape(xsiType, true);
      out.append('"');
    }
    out.append('>');
    return this;
  }

  public XmlWriter end(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  XmlWriter raw(String xml) {
    out.append(xml);
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /**
   * Markup characters as entities; characters XML 1.0 cannot carry at all (controls other than
   * tab and line breaks, lone surrogates) are refused rather than sent for vCenter to reject.
   */
  private void escape(String s, boolean attribute) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\t', '\n', '\r' -> {
          if (attribute) {
            out.append("&#").append((int) c).append(';');
          } else {
            out.append(c);
          }
        }
        default -> {
          if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
            throw new IllegalArgumentException("a character XML cannot carry (U+"
                + String.format("%04X", (int) c) + ") in a request value");
          }
          if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            throw new IllegalArgumentException("a lone surrogate in a request value");
          } else {
            out.append(c);
          }
        }
      }
    }
  }
}
