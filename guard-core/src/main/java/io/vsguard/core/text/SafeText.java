package io.vsguard.core.text;

/**
 * Which characters a terminal, a pager or a spreadsheet would act on instead of showing, and how
 * vsguard shows them instead: as <code>&#92;u001B</code>, backslash-u and four hex digits, the same
 * spelling JSON uses, so an escaped value reads the same in a report and in a JSON document.
 *
 * <p>Plans, inventories and policy packs are written by people and read from vCenter; a title or a
 * portgroup name can carry an escape sequence that, printed raw, moves the cursor and paints a
 * green ALLOW over a BLOCK, or a right-to-left override that reverses what follows. Every text
 * vsguard writes goes through {@link #escape} at its edge; line breaks and tabs are layout and
 * stay.
 */
public final class SafeText {
  private SafeText() {}

  /**
   * C0 controls but tab and line feed (a carriage return only counts as text before a line feed),
   * DEL, C1 controls (CSI is one of them), the bidirectional controls (ALM, LRM, RLM, the
   * embeddings and overrides, the isolates), the line and paragraph separators, and the invisible
   * ZERO WIDTH SPACE, WORD JOINER and BOM that make two different names look alike.
   */
  public static boolean unsafe(int c) {
    if (c < 0x20) {
      return c != '\n' && c != '\t';
    }
    return (c >= 0x7f && c <= 0x9f)
        || c == 0x061c
        || c == 0x200b
        || c == 0x200e
        || c == 0x200f
        || (c >= 0x2028 && c <= 0x202e)
        || c == 0x2060
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0xfeff;
  }

  /** True when {@link #escape} would change {@code s}. */
  public static boolean needsEscape(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' ? i + 1 >= s.length() || s.charAt(i + 1) != '\n' : unsafe(c) || lone(s, i)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code s} with every unsafe character, and every lone surrogate, spelled <code>&#92;uXXXX
   * </code>.
   */
  public static String escape(CharSequence s) {
    if (!needsEscape(s)) {
      return s.toString();
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
        b.append(c);
      } else if (unsafe(c) || lone(s, i)) {
        spell(b, c);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * {@link #escape}, and line breaks and tabs too: for a value that must stay on one line (a table
   * cell).
   */
  public static String oneLine(CharSequence s) {
    String e = escape(s);
    if (e.indexOf('\n') < 0 && e.indexOf('\t') < 0 && e.indexOf('\r') < 0) {
      return e;
    }
    StringBuilder b = new StringBuilder(e.length() + 16);
    for (int i = 0; i < e.length(); i++) {
      char c = e.charAt(i);
      if (c == '\n' || c == '\t' || c == '\r') {
        spell(b, c);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** <code>&#92;u001B</code> for ESC. */
  public static void spell(StringBuilder b, char c) {
    b.append("\\u").append(String.format(java.util.Locale.ROOT, "%04X", (int) c));
  }

  /**
   * A surrogate at {@code i} that is not half of a pair: not a character, and never valid UTF-8.
   */
  static boolean lone(CharSequence s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  /** The index of the first lone surrogate in {@code s}, or -1. */
  public static int loneSurrogate(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i)) && lone(s, i)) {
        return i;
      }
    }
    return -1;
  }
}
