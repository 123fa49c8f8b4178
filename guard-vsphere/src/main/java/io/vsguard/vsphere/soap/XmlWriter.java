package io.vsguard.vsphere.soap;

/**
 * Writes the few request elements vim25 calls need, escaped, into one string: a request is a
 * handful of references and names, and writing it by hand keeps a databinding framework (and its
 * start-up cost in every short-lived CLI run) out of the client.
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

  /** The value itself is never in the message: it may be a password. */
  private void escape(String s, boolean attribute) {
    String bad = unwritable(s);
    if (bad != null) {
      throw new IllegalArgumentException(bad + " in a request value");
    }
    escape(out, s, attribute);
  }

  /**
   * Markup characters of a {@link #writable} value as entities, into {@code out}; line breaks and
   * tabs as character references inside an attribute, where a parser would fold them to spaces.
   */
  public static void escape(StringBuilder out, String s, boolean attribute) {
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
        default -> out.append(c);
      }
    }
  }

  /**
   * Whether XML 1.0 can carry {@code s} at all: no controls but tab and line breaks, no U+FFFE or
   * U+FFFF, no lone surrogate. Such a value is refused rather than sent for vCenter to reject.
   */
  public static boolean writable(String s) {
    return unwritable(s) == null;
  }

  /** What XML 1.0 cannot carry in {@code s} (the first such character), or null. */
  static String unwritable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF) {
        return "a character XML cannot carry (U+"
            + String.format(java.util.Locale.ROOT, "%04X", (int) c)
            + ")";
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "a lone surrogate";
      }
    }
    return null;
  }
}
