package io.vsguard.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vsguard.core.text.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web view in headless Chromium (Debian's chromium and chromium-driver, installed by
 * .ci/chromium-setup.sh): another site's sign-in form is refused, then sign in with a token, filter
 * to BLOCK, open the incident's decision and find the rule that would have stopped it, styled by
 * the server's stylesheet under the page's CSP; a {@code <script>} in a plan title shows as text.
 * Without Chromium this test fails; it never skips.
 */
class ServeUiBrowserTest {
  static final Path SCREENSHOT = Path.of("target", "ui-decision.png");
  static final Path LIST_SCREENSHOT = Path.of("target", "ui-list.png");

  @TempDir Path dir;

  @Test
  void anAuditorFindsTheIncidentsBlockingRule() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      String incidentId =
          Json.json()
              .readTree(
                  s.check(TestServer.body(TestServer.INCIDENT_PLAN, TestServer.INCIDENT_INVENTORY))
                      .body())
              .get("decisionId")
              .asText();
      String safeId =
          Json.json()
              .readTree(
                  s.check(TestServer.body(TestServer.SAFE_PLAN, TestServer.INCIDENT_INVENTORY))
                      .body())
              .get("decisionId")
              .asText();
      Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
      try (WebDriverClient browser =
          WebDriverClient.start(profile, dir.resolve("chromedriver.log"))) {
        // Login CSRF: a page of another origin posts the sign-in form (text/plain, a valid token)
        // and
        // the browser follows; the server refuses it and the browser is not signed in.
        browser.open(
            URI.create(
                "data:text/html;charset=utf-8,"
                    + URLEncoder.encode(
                            "<form method=post enctype=text/plain"
                                + " action='"
                                + s.uri("/ui/login")
                                + "'><input name=token value='"
                                + TestServer.AUDITOR_TOKEN
                                + "'>"
                                + "<button id=go>Win a prize</button></form>",
                            StandardCharsets.UTF_8)
                        .replace("+", "%20")));
        browser.click("#go");
        browser.waitUntil(
            "the refusal",
            () -> browser.currentUrl().endsWith("/ui/login") && browser.exists(".alert"));
        assertThat(browser.text(".alert")).startsWith("Sign-in refused");
        browser.open(s.uri("/ui/"));
        assertThat(browser.currentUrl()).as("not signed in").endsWith("/ui/login");

        browser.type("#token", "a-wrong-token-000000000000");
        browser.click("#login");
        browser.waitUntil("the login error", () -> browser.exists(".alert"));
        assertThat(browser.text(".alert")).contains("not one this server accepts");

        browser.type("#token", TestServer.AUDITOR_TOKEN);
        browser.click("#login");
        browser.waitUntil("the decisions list", () -> browser.exists("table.decisions"));
        assertThat(browser.currentUrl()).endsWith("/ui/");
        assertThat(browser.text(".who")).contains("auditor");
        assertThat(browser.text("#chain")).contains("Audit chain intact");
        assertThat(browser.source()).contains(incidentId).contains(safeId);

        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(LIST_SCREENSHOT, browser.screenshot());
        browser.click("#verdict option[value=BLOCK]");
        browser.click("#apply");
        browser.waitUntil(
            "the filtered list", () -> browser.currentUrl().contains("verdict=BLOCK"));
        String list = browser.source();
        assertThat(list).contains("/ui/decisions/" + incidentId).doesNotContain(safeId);

        browser.click("a[href='/ui/decisions/" + incidentId + "']");
        browser.waitUntil("the decision page", () -> browser.exists("#rollout"));
        assertThat(browser.currentUrl()).endsWith("/ui/decisions/" + incidentId);
        String page = browser.source();
        assertThat(page)
            .contains("lacp-direct-migration")
            .contains("CHG-2016-1122-01")
            .contains("CHG0042");
        assertThat(browser.text(".banner .big")).isEqualTo("BLOCK");
        assertThat(browser.text("#rollout")).contains("canary").contains("Gate: soak");
        assertThat(browser.text("#findings")).contains("Change c1").contains("esx-par-01");
        // styled by /ui/vsguard.css, which the CSP (no 'unsafe-inline') lets in
        assertThat(browser.css(".banner .big", "background-color"))
            .isEqualTo("rgba(180, 35, 24, 1)");
        assertThat(browser.css("details.host", "border-top-style")).isEqualTo("solid");
        Files.write(SCREENSHOT, browser.screenshot());
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);

        // XSS: a plan whose title is a script shows the script as text, on the list and on its page
        // with a right-to-left override, which stays inside its isolated element
        String xss = "<script>document.title='pwned'</script><img src=x>\u202E BLOCK";
        ObjectNode tree = TestServer.bodyTree(TestServer.SAFE_PLAN, TestServer.INCIDENT_INVENTORY);
        ((ObjectNode) tree.at("/plan/metadata")).put("title", xss);
        String xssId =
            Json.json()
                .readTree(s.check(Json.json().writeValueAsString(tree)).body())
                .get("decisionId")
                .asText();
        browser.open(s.uri("/ui/"));
        assertThat(browser.text("a[href='/ui/decisions/" + xssId + "'] + .sub")).isEqualTo(xss);
        assertThat(browser.css("a[href='/ui/decisions/" + xssId + "'] + .sub", "unicode-bidi"))
            .isEqualTo("isolate");
        browser.click("a[href='/ui/decisions/" + xssId + "']");
        browser.waitUntil("the decision page", () -> browser.exists("#rollout"));
        assertThat(browser.text(".banner .title")).isEqualTo(xss);
        assertThat(browser.css(".banner .title", "unicode-bidi")).isEqualTo("isolate");
        assertThat(browser.css("dd", "unicode-bidi")).isEqualTo("isolate");
        assertThat(browser.exists("script")).isFalse();
        assertThat(browser.exists("img")).isFalse();
        assertThat(browser.title()).startsWith("CHG-2016-1201-07 WARN");
      }
      // the wrong token at the login form is in the chain like a refused API call
      assertThat(s.auditLines())
          .anyMatch(
              l ->
                  l.at("/accessDenied/path").asText().equals("/ui/login")
                      && l.at("/accessDenied/reason").asText().equals("unknown-token"));
    }
  }
}
