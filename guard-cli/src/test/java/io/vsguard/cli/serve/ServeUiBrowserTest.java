package io.vsguard.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.load.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web view in headless Chromium (Debian's chromium and chromium-driver, installed by
 * .ci/chromium-setup.sh): sign in with a token, filter to BLOCK, open the incident's decision and
 * find the rule that would have stopped it. Without Chromium this test fails; it never skips.
 */
class ServeUiBrowserTest {
  static final Path SCREENSHOT = Path.of("target", "ui-decision.png");
  static final Path LIST_SCREENSHOT = Path.of("target", "ui-list.png");

  @TempDir
  Path dir;

  @Test
  void anAuditorFindsTheIncidentsBlockingRule() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      String incidentId = Json.json().readTree(s.check(TestServer.body(TestServer.INCIDENT_PLAN,
          TestServer.INCIDENT_INVENTORY)).body()).get("decisionId").asText();
      String safeId = Json.json().readTree(s.check(TestServer.body(TestServer.SAFE_PLAN,
          TestServer.INCIDENT_INVENTORY)).body()).get("decisionId").asText();
      Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
      try (WebDriverClient browser = WebDriverClient.start(profile, dir.resolve("chromedriver.log"))) {
        browser.open(s.uri("/ui/"));
        assertThat(browser.currentUrl()).endsWith("/ui/login");

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
        browser.waitUntil("the filtered list", () -> browser.currentUrl().contains("verdict=BLOCK"));
        String list = browser.source();
        assertThat(list).contains("/ui/decisions/" + incidentId).doesNotContain(safeId);

        browser.click("a[href='/ui/decisions/" + incidentId + "']");
        browser.waitUntil("the decision page", () -> browser.exists("#rollout"));
        assertThat(browser.currentUrl()).endsWith("/ui/decisions/" + incidentId);
        String page = browser.source();
        assertThat(page).contains("lacp-direct-migration").contains("CHG-2016-1122-01").contains("CHG0042");
        assertThat(browser.text(".banner .big")).isEqualTo("BLOCK");
        assertThat(browser.text("#rollout")).contains("canary").contains("Gate: soak");
        assertThat(browser.text("#findings")).contains("Change c1").contains("esx-par-01");
        Files.write(SCREENSHOT, browser.screenshot());
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
      }
      // the wrong token at the login form is in the chain like a refused API call
      assertThat(s.auditLines()).anyMatch(l -> l.at("/accessDenied/path").asText().equals("/ui/login")
          && l.at("/accessDenied/reason").asText().equals("unknown-token"));
    }
  }
}
