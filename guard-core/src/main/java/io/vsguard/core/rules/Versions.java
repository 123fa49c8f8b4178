package io.vsguard.core.rules;

/** Compares vSphere versions such as 6.0.0 and 6.5 numerically, part by part. */
final class Versions {
  private Versions() {}

  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? parse(x[i]) : 0;
      int q = i < y.length ? parse(y[i]) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }

  /**
   * The leading digits of a part ("0b" is 0, "u3" is 0); called per simulated step, so no regex.
   */
  private static int parse(String part) {
    int end = 0;
    while (end < part.length() && part.charAt(end) >= '0' && part.charAt(end) <= '9') {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(part, 0, end, 10);
  }
}
