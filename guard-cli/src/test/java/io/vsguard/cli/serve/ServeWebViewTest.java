package io.vsguard.cli.serve;

import static io.vsguard.cli.serve.TestServer.AUDITOR_TOKEN;
import static io.vsguard.cli.serve.TestServer.INCIDENT_INVENTORY;
import static io.vsguard.cli.serve.TestServer.INCIDENT_PLAN;
import static io.vsguard.cli.serve.TestServer.SAFE_PLAN;
import static io.vsguard.cli.serve.TestServer.body;
import static io.vsguard.cli.serve.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vsguard.core.load.Json;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web view over HTTP: login and sessions, filters, escaping, the chain's status. */
class ServeWebViewTest {
  @TempDir
  Path dir;

  TestServer s;

  @BeforeEach
  void start() throws Exception {
    s = TestServer.start(dir);
  }

  @AfterEach
  void stop() {
    s.close();
  }

  @Test
  void pagesNeedASessionAndTheLoginFormStartsOne() throws Exception {
    HttpResponse<String> anonymous = page("/ui/", null);
    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location")).hasValue("/ui/login");

    HttpResponse<String> wrong = login("an-unknown-token-000000000000");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("not one this server accepts");
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(s.auditLines()).singleElement().satisfies(l -> {
      assertThat(l.at("/accessDenied/path").asText()).isEqualTo("/ui/login");
      assertThat(l.at("/accessDenied/reason").asText()).isEqualTo("unknown-token");
    });
    assertThat(Files.readString(s.store.file())).doesNotContain("an-unknown-token");

    String cookie = cookie(login(AUDITOR_TOKEN));
    HttpResponse<String> list = page("/ui/", cookie);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(list.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        t -> assertThat(t).startsWith("default-src 'none'"));
    assertThat(list.body()).contains("signed in as <b>auditor</b>").contains("Audit chain intact");

    // the session is for the web view only: it is no bearer token
    HttpResponse<String> api = s.http.send(HttpRequest.newBuilder(s.uri("/v1/decisions"))
        .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(api.statusCode()).isEqualTo(401);

    HttpResponse<String> out = s.http.send(HttpRequest.newBuilder(s.uri("/ui/logout"))
        .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
    assertThat(page("/ui/", cookie).statusCode()).as("the session ended").isEqualTo(303);
  }

  @Test
  void theSessionCookieIsHttpOnlyAndStrict() throws Exception {
    HttpResponse<String> ok = login(AUDITOR_TOKEN);
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.headers().firstValue("Location")).hasValue("/ui/");
    String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("vsguard_session=").contains("; Path=/ui", "; HttpOnly", "; SameSite=Strict")
        .doesNotContain(AUDITOR_TOKEN);
    assertThat(cookie(ok).substring("vsguard_session=".length())).hasSizeGreaterThanOrEqualTo(43);
  }

  @Test
  void theListFiltersByVerdictAndSearchesPlanTicketAndRule() throws Exception {
    String block = json(s.check(body(INCIDENT_PLAN, INCIDENT_INVENTORY))).get("decisionId").asText();
    String warn = json(s.check(body(SAFE_PLAN, INCIDENT_INVENTORY))).get("decisionId").asText();
    String cookie = cookie(login(AUDITOR_TOKEN));

    assertThat(page("/ui/", cookie).body()).contains(block, warn, "2 of 2 decisions");
    assertThat(page("/ui/?verdict=BLOCK", cookie).body()).contains(block).doesNotContain(warn)
        .contains("<option value=\"BLOCK\" selected>");
    assertThat(page("/ui/?verdict=WARN", cookie).body()).contains(warn).doesNotContain(block);
    assertThat(page("/ui/?q=chg0057", cookie).body()).contains(warn).doesNotContain(block);
    assertThat(page("/ui/?q=lacp-direct", cookie).body()).contains(block).doesNotContain(warn);
    assertThat(page("/ui/?q=CHG-2016-1122-01&verdict=WARN", cookie).body()).contains("No decision matches");
  }

  @Test
  void theDecisionPageShowsFindingsByChangeAndHostTheRolloutAndExemptions() throws Exception {
    s.close();
    TestServer.Builder b = TestServer.builder(dir);
    b.pack = io.vsguard.core.policy.PolicyLoader.read("paris", List.of(new io.vsguard.core.policy.PolicyLoader.Source(
        "paris.yaml", """
        apiVersion: vsguard/v1
        kind: PolicyPack
        metadata:
          name: paris
        spec:
          exemptions:
            - rule: stale-inventory
              scope: { change: CHG-2016-1122-01 }
              justification: Snapshot re-captured by hand before the window
              approver: network-cab@example.org
              expires: 2999-12-31
        """.getBytes(StandardCharsets.UTF_8))));
    s = TestServer.start(dir, b);
    String id = json(s.check(body(INCIDENT_PLAN, INCIDENT_INVENTORY))).get("decisionId").asText();
    String html = page("/ui/decisions/" + id, cookie(login(AUDITOR_TOKEN))).body();

    assertThat(html).contains("<div class=\"big\">BLOCK</div>", "CHG-2016-1122-01", "CHG0042", "ops@example.org",
        "api-token:<b>ci-pipeline</b>");
    assertThat(html.indexOf("Rollout and whole plan")).isLessThan(html.indexOf("Change c1"));
    assertThat(html).contains("<span class=\"hostname\">esx-par-01</span>", "lacp-direct-migration");
    // the exemption: on the finding and in its own table, with approver and expiry
    String exemptions = html.substring(html.indexOf("id=\"exemptions\""), html.indexOf("id=\"rollout\""));
    assertThat(exemptions).contains("stale-inventory", "network-cab@example.org", "2999-12-31",
        "Snapshot re-captured by hand before the window");
    // the suggested rollout, waves in order, each with its gate
    String rollout = html.substring(html.indexOf("id=\"rollout\""));
    assertThat(rollout).contains("ol class=\"timeline\"", "canary", "Gate:</b> soak", "move-pnic", "enter-maintenance");
    assertThat(rollout.indexOf("canary")).isLessThan(rollout.indexOf("wave-2"));
  }

  @Test
  void everythingFromADocumentIsEscaped() throws Exception {
    ObjectNode tree = TestServer.bodyTree(SAFE_PLAN, INCIDENT_INVENTORY);
    ObjectNode md = (ObjectNode) tree.at("/plan/metadata");
    md.put("title", "<script>alert(\"title\")</script>");
    md.put("ticket", "<img src=x onerror=alert(1)>");
    md.put("requestedBy", "o'hara@example.org");
    String id = json(s.check(Json.json().writeValueAsString(tree))).get("decisionId").asText();
    String cookie = cookie(login(AUDITOR_TOKEN));
    for (String path : List.of("/ui/", "/ui/decisions/" + id, "/ui/?q=" + URLEncoder.encode("\"><script>",
        StandardCharsets.UTF_8))) {
      String html = page(path, cookie).body();
      assertThat(html).as(path).doesNotContain("<script").doesNotContain("<img");
    }
    String html = page("/ui/decisions/" + id, cookie).body();
    assertThat(html).contains("&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;",
        "o&#39;hara@example.org");
  }

  @Test
  void unknownDecisionsAre404Pages() throws Exception {
    HttpResponse<String> r = page("/ui/decisions/not-a-decision", cookie(login(AUDITOR_TOKEN)));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("No decision not-a-decision");
  }

  @Test
  void aTamperedChainShowsInTheHeader() throws Exception {
    json(s.check(body(INCIDENT_PLAN, INCIDENT_INVENTORY)));
    json(s.check(body(SAFE_PLAN, INCIDENT_INVENTORY)));
    List<String> lines = Files.readAllLines(s.store.file());
    Files.write(s.store.file(), List.of(lines.get(0).replace("\"CHG0042\"", "\"CHG0043\""), lines.get(1)));
    String cookie = cookie(login(AUDITOR_TOKEN));
    String html = page("/ui/", cookie).body();
    assertThat(html).contains("class=\"chain bad\"", "Audit chain BROKEN at line 1");
  }

  private HttpResponse<String> login(String token) throws Exception {
    return s.http.send(HttpRequest.newBuilder(s.uri("/ui/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String cookie(HttpResponse<String> login) {
    assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private HttpResponse<String> page(String path, String cookie) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(s.uri(path));
    if (cookie != null) {
      r.header("Cookie", cookie);
    }
    return s.http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }
}
