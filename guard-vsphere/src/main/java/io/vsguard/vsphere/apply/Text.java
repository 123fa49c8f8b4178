package io.vsguard.vsphere.apply;

import java.util.Locale;

/**
 * Names in what this package prints come from vCenter and from plans; a control character in one
 * must show as an escape, never reach a terminal raw (it could move the cursor, repaint a line or
 * reverse the text after it). Each such character is spelled {@code \u001B} as JSON spells it, and
 * a described call stays on one line, so line breaks and tabs are spelled too.
 */
final class Text {
  private Text() {}

  static String visible(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (unsafe(c) || lone(s, i)) {
        if (b == null) {
          b = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        b.append("\\u").append(String.format(Locale.ROOT, "%04X", (int) c));
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /**
   * C0 and C1 controls (line breaks and tabs included), DEL, the bidirectional controls, the line
   * and paragraph separators, and the invisible characters that make two names look alike.
   */
  static boolean unsafe(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c || c == 0x200b || c == 0x200e || c == 0x200f
        || (c >= 0x2028 && c <= 0x202e) || c == 0x2060 || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
  }

  private static boolean lone(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
  }
}
