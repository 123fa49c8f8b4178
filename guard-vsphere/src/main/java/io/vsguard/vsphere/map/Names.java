package io.vsguard.vsphere.map;

/**
 * vCenter escapes three characters in entity names ('%' as %25, '/' as %2f, '\' as %5c); the
 * vSphere Client shows them unescaped, and plans use the names admins see.
 */
final class Names {
  private Names() {}

  static String unescape(String name) {
    if (name == null || name.indexOf('%') < 0) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '%' && i + 2 < name.length()) {
        String code = name.substring(i + 1, i + 3).toLowerCase(java.util.Locale.ROOT);
        String r =
            switch (code) {
              case "25" -> "%";
              case "2f" -> "/";
              case "5c" -> "\\";
              default -> null;
            };
        if (r != null) {
          sb.append(r);
          i += 2;
          continue;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
