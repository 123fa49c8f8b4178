package io.vsguard.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which form posts the web view takes as its own: the browser's Fetch metadata first, else Origin.
 */
class CsrfTest {
  static final String HOST = "vsguard.example:8443";

  @Test
  void secFetchSiteDecidesWhenTheBrowserSendsIt() {
    assertThat(Csrf.crossSite("same-origin", null, HOST)).isNull();
    // a page's own post under a strict referrer policy carries Origin: null; Fetch metadata still
    // vouches for it
    assertThat(Csrf.crossSite("same-origin", "null", HOST)).isNull();
    assertThat(Csrf.crossSite("cross-site", "https://vsguard.example:8443", HOST))
        .contains("a cross-site page");
    assertThat(Csrf.crossSite("same-site", null, HOST)).contains("a same-site page");
    assertThat(Csrf.crossSite("none", null, HOST)).contains("no page");
  }

  @Test
  void withoutFetchMetadataTheOriginMustBeThisServer() {
    assertThat(Csrf.crossSite(null, "https://vsguard.example:8443", HOST)).isNull();
    assertThat(Csrf.crossSite(null, "https://VSGUARD.example:8443", HOST)).isNull();
    assertThat(Csrf.crossSite(null, "https://vsguard.example", "vsguard.example")).isNull();
    assertThat(Csrf.crossSite(null, "http://[::1]:8080", "[::1]:8080")).isNull();
    assertThat(Csrf.crossSite(null, "https://evil.example", HOST)).contains("another site");
    assertThat(Csrf.crossSite(null, "https://vsguard.example:9443", HOST)).contains("another site");
    assertThat(Csrf.crossSite(null, "https://vsguard.example.evil.example:8443", HOST))
        .contains("another site");
    assertThat(Csrf.crossSite(null, "null", HOST)).contains("Origin: null");
    assertThat(Csrf.crossSite(null, "not a url", HOST)).contains("another site");
    assertThat(Csrf.crossSite(null, "https://vsguard.example:8443", null)).contains("another site");
  }

  @Test
  void aClientThatSendsNeitherHeaderIsLeftToTheFormToken() {
    assertThat(Csrf.crossSite(null, null, HOST)).isNull();
  }

  @Test
  void tokensMatchOnlyWhenBothArePresentAndEqual() {
    String t = Csrf.newToken();
    assertThat(t).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(Csrf.newToken()).isNotEqualTo(t);
    assertThat(Csrf.sameToken(t, t)).isTrue();
    assertThat(Csrf.sameToken(t, t + "x")).isFalse();
    assertThat(Csrf.sameToken(t, null)).isFalse();
    assertThat(Csrf.sameToken(null, t)).isFalse();
    assertThat(Csrf.sameToken("", "")).isFalse();
  }
}
