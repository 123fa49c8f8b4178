package io.vsguard.vsphere.transport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 certificate thumbprints as vSphere shows them: upper-case hex pairs joined by colons. */
public final class Thumbprints {
  private Thumbprints() {}

  public static byte[] sha256(X509Certificate cert) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint a certificate", e);
    }
  }

  public static String format(byte[] digest) {
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
  }

  /**
   * Parses 64 hex digits, with or without colons (or spaces). Throws IllegalArgumentException with
   * a message that says what was expected.
   */
  public static byte[] parse(String text) {
    String hex = text.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
    if (hex.length() == 40 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(
          "'" + text + "' looks like a SHA-1 thumbprint; expected SHA-256 (64 hex digits)");
    }
    if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a SHA-256 thumbprint; expected 64 hex digits,"
              + " with or without colons");
    }
    return HexFormat.of().parseHex(hex);
  }
}
