package io.vsguard.cli.serve;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Cross-site request forgery checks for the web view's forms (sign in, sign out). A form post is
 * taken only when it came from one of this server's own pages:
 *
 * <ol>
 *   <li>the browser's own word first: {@code Sec-Fetch-Site} must be {@code same-origin}; where a
 *       browser does not send it, an {@code Origin} header must name this server (its host and port
 *       as the request's {@code Host} names them);
 *   <li>and in every case the form's hidden token must match: the login cookie set with the sign-in
 *       page, or the session's own token for sign-out. Another site can make a browser post a form,
 *       but it can neither read this server's page for the token nor set the cookie that goes with
 *       it.
 * </ol>
 *
 * Clients that send neither header (curl, scripts) pass the first check and still need the token.
 */
final class Csrf {
  private static final int TOKEN_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Csrf() {}

  static String newToken() {
    byte[] b = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Both present and equal, compared in constant time. */
  static boolean sameToken(String expected, String presented) {
    if (expected == null || presented == null || expected.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Why a form post is not from this server's own page, or null when the browser says it is (or,
   * for a client that sends neither header, does not say).
   *
   * @param secFetchSite the {@code Sec-Fetch-Site} header, or null
   * @param origin the {@code Origin} header, or null
   * @param host the {@code Host} header, or null
   */
  static String crossSite(String secFetchSite, String origin, String host) {
    if (secFetchSite != null) {
      String site = secFetchSite.strip().toLowerCase(Locale.ROOT);
      return site.equals("same-origin")
          ? null
          : "the browser says it came from "
              + (site.equals("none") ? "no page" : "a " + site + " page");
    }
    if (origin == null) {
      return null;
    }
    if (origin.isBlank() || origin.strip().equals("null")) {
      return "the browser hid the page it came from (Origin: null)";
    }
    String authority;
    try {
      URI u = URI.create(origin.strip());
      authority =
          u.getHost() == null ? null : u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    } catch (IllegalArgumentException e) {
      authority = null;
    }
    if (authority == null || host == null || !authority.equalsIgnoreCase(host.strip())) {
      return "it came from another site's page";
    }
    return null;
  }
}
