package io.vsguard.vsphere;

import io.vsguard.vsphere.transport.Timeouts;
import io.vsguard.vsphere.transport.TlsPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the vCenter is and how to reach it. The URL is normalised to the vim25 endpoint ({@code
 * https://host/sdk}); plain http is refused except on the loopback interface, where the simulator
 * runs in tests, because the password would cross the network in clear.
 */
public record VcenterTarget(URI sdkUrl, TlsPolicy tls, Timeouts timeouts) {

  /**
   * Reads {@code vc01.example}, {@code https://vc01.example}, or a full {@code
   * https://vc01.example/sdk}.
   */
  public static URI sdkUrl(String text) {
    String t = text.strip();
    if (!t.contains("://")) {
      t = "https://" + t;
    }
    URI u;
    try {
      u = new URI(t);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a URL; expected e.g. https://vc01.example/sdk");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw new IllegalArgumentException(
          "'" + text + "' has no host name; expected e.g. https://vc01.example/sdk");
    }
    if (u.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' carries credentials; use VSGUARD_VCENTER_USER/"
              + "VSGUARD_VCENTER_PASSWORD or --credentials FILE instead");
    }
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("'" + text + "' is not an https URL");
    }
    if (scheme.equals("http") && !loopback(u.getHost())) {
      throw new IllegalArgumentException(
          "'" + text + "' uses plain http; vCenter must be reached over https");
    }
    String path =
        u.getPath() == null || u.getPath().isEmpty() || u.getPath().equals("/")
            ? "/sdk"
            : u.getPath();
    try {
      return new URI(scheme, null, u.getHost(), u.getPort(), path, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a URL; expected e.g. https://vc01.example/sdk");
    }
  }

  static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
  }

  /** The label recorded as source.tls: how the server's identity was established. */
  public String tlsLabel() {
    return "http".equals(sdkUrl.getScheme()) ? "plaintext" : tls.label();
  }
}
