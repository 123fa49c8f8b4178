package io.vsguard.vsphere.apply;

import io.vsguard.core.text.SafeText;

/**
 * Names in what this package prints come from vCenter and from plans; a control character in one
 * must show as an escape, never reach a terminal raw (it could move the cursor, repaint a line or
 * reverse the text after it). Each such character is spelled {@code \u001B} as JSON spells it, and
 * a described call stays on one line, so line breaks and tabs are spelled too.
 */
final class Text {
  private Text() {}

  /** {@link SafeText#oneLine}, and {@code null} spelled out. */
  static String visible(String s) {
    return s == null ? "null" : SafeText.oneLine(s);
  }
}
