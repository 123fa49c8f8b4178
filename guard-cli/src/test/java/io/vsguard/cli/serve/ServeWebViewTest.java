package io.vsguard.cli.serve;

import static io.vsguard.cli.serve.TestServer.AUDITOR_TOKEN;
import static io.vsguard.cli.serve.TestServer.INCIDENT_INVENTORY;
import static io.vsguard.cli.serve.TestServer.INCIDENT_PLAN;
import static io.vsguard.cli.serve.TestServer.SAFE_PLAN;
import static io.vsguard.cli.serve.TestServer.body;
import static io.vsguard.cli.serve.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vsguard.core.audit.AuditEntry;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Decisions;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.text.Json;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web view over HTTP: login and sessions, filters, escaping, the chain's status. */
class ServeWebViewTest {
  @TempDir Path dir;

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
    assertThat(wrong.headers().allValues("Set-Cookie"))
        .noneMatch(c -> c.startsWith("vsguard_session="));
    assertThat(s.auditLines())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.at("/accessDenied/path").asText()).isEqualTo("/ui/login");
              assertThat(l.at("/accessDenied/reason").asText()).isEqualTo("unknown-token");
            });
    assertThat(Files.readString(s.store.file())).doesNotContain("an-unknown-token");

    String cookie = cookie(login(AUDITOR_TOKEN));
    HttpResponse<String> list = page("/ui/", cookie);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(list.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("default-src 'none'"));
    assertThat(list.body()).contains("signed in as <b>auditor</b>").contains("Audit chain intact");

    // the session is for the web view only: it is no bearer token
    HttpResponse<String> api =
        s.http.send(
            HttpRequest.newBuilder(s.uri("/v1/decisions")).header("Cookie", cookie).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(api.statusCode()).isEqualTo(401);

    HttpResponse<String> out =
        form("/ui/logout", cookie, "csrf=" + csrfField(list.body()), Map.of());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
    assertThat(page("/ui/", cookie).statusCode()).as("the session ended").isEqualTo(303);
  }

  @Test
  void theSessionCookieIsHttpOnlyAndStrict() throws Exception {
    HttpResponse<String> ok = login(AUDITOR_TOKEN);
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.headers().firstValue("Location")).hasValue("/ui/");
    String setCookie =
        ok.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("vsguard_session="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie)
        .contains("; Path=/ui", "; HttpOnly", "; SameSite=Strict")
        .doesNotContain(AUDITOR_TOKEN);
    assertThat(cookie(ok).substring("vsguard_session=".length())).hasSizeGreaterThanOrEqualTo(43);
  }

  @Test
  void theListFiltersByVerdictAndSearchesPlanTicketAndRule() throws Exception {
    String block =
        json(s.check(body(INCIDENT_PLAN, INCIDENT_INVENTORY))).get("decisionId").asText();
    String warn = json(s.check(body(SAFE_PLAN, INCIDENT_INVENTORY))).get("decisionId").asText();
    String cookie = cookie(login(AUDITOR_TOKEN));

    assertThat(page("/ui/", cookie).body())
        .contains(block, warn, "2 decisions, newest first: records 2 to 1");
    assertThat(page("/ui/?verdict=BLOCK", cookie).body())
        .contains(block)
        .doesNotContain(warn)
        .contains("<option value=\"BLOCK\" selected>");
    assertThat(page("/ui/?verdict=WARN", cookie).body()).contains(warn).doesNotContain(block);
    assertThat(page("/ui/?q=chg0057", cookie).body()).contains(warn).doesNotContain(block);
    assertThat(page("/ui/?q=lacp-direct", cookie).body()).contains(block).doesNotContain(warn);
    assertThat(page("/ui/?q=CHG-2016-1122-01&verdict=WARN", cookie).body())
        .contains("No decision matches");
  }

  @Test
  void theDecisionPageShowsFindingsByChangeAndHostTheRolloutAndExemptions() throws Exception {
    s.close();
    TestServer.Builder b = TestServer.builder(dir);
    b.pack =
        io.vsguard.core.policy.PolicyLoader.read(
            "paris",
            List.of(
                new io.vsguard.core.policy.PolicyLoader.Source(
                    "paris.yaml",
                    """
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
        """
                        .getBytes(StandardCharsets.UTF_8))));
    s = TestServer.start(dir, b);
    String id = json(s.check(body(INCIDENT_PLAN, INCIDENT_INVENTORY))).get("decisionId").asText();
    String html = page("/ui/decisions/" + id, cookie(login(AUDITOR_TOKEN))).body();

    assertThat(html)
        .contains(
            "<div class=\"big\">BLOCK</div>",
            "CHG-2016-1122-01",
            "CHG0042",
            "ops@example.org",
            "api-token:<b>ci-pipeline</b>");
    assertThat(html.indexOf("Rollout and whole plan")).isLessThan(html.indexOf("Change c1"));
    assertThat(html)
        .contains("<span class=\"hostname\">esx-par-01</span>", "lacp-direct-migration");
    // the exemption: on the finding and in its own table, with approver and expiry
    String exemptions =
        html.substring(html.indexOf("id=\"exemptions\""), html.indexOf("id=\"rollout\""));
    assertThat(exemptions)
        .contains(
            "stale-inventory",
            "network-cab@example.org",
            "2999-12-31",
            "Snapshot re-captured by hand before the window");
    // the suggested rollout, waves in order, each with its gate
    String rollout = html.substring(html.indexOf("id=\"rollout\""));
    assertThat(rollout)
        .contains(
            "ol class=\"timeline\"", "canary", "Gate:</b> soak", "move-pnic", "enter-maintenance");
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
    for (String path :
        List.of(
            "/ui/",
            "/ui/decisions/" + id,
            "/ui/?q=" + URLEncoder.encode("\"><script>", StandardCharsets.UTF_8))) {
      String html = page(path, cookie).body();
      assertThat(html).as(path).doesNotContain("<script").doesNotContain("<img");
    }
    String html = page("/ui/decisions/" + id, cookie).body();
    assertThat(html)
        .contains(
            "&lt;script&gt;alert(\"title\")&lt;/script&gt;",
            "&lt;img src=x onerror=alert(1)&gt;",
            "o'hara@example.org");
    // in an attribute value quotes are escaped too: the search box repeats what was searched
    assertThat(
            page("/ui/?q=" + URLEncoder.encode("\"><script>", StandardCharsets.UTF_8), cookie)
                .body())
        .contains("value=\"&#34;>&lt;script>\"");
  }

  @Test
  void theDecisionPageShowsTheApplyTimelineThatCarriedItOut() throws Exception {
    String id = json(s.check(body(SAFE_PLAN, INCIDENT_INVENTORY))).get("decisionId").asText();
    String cookie = cookie(login(AUDITOR_TOKEN));
    assertThat(page("/ui/decisions/" + id, cookie).body()).doesNotContain("id=\"apply\"");

    io.vsguard.core.audit.AuditRecord.PlanInfo plan =
        new io.vsguard.core.audit.AuditRecord.PlanInfo("CHG-1", null, null, null);
    io.vsguard.core.audit.AuditRecord.InventorySource vc =
        new io.vsguard.core.audit.AuditRecord.InventorySource(
            "vcenter", "https://vc01.example/sdk");
    for (String[] e :
        List.of(
            new String[] {"apply-started", null, null},
            new String[] {"host-done", "canary", "esx-<b>01"},
            new String[] {"halted", null, "esx-02"})) {
      s.store.appendApply(
          io.vsguard.core.audit.AuditRecord.Actor.osUser(),
          plan,
          vc,
          new io.vsguard.core.audit.AuditRecord.ApplyEvent(
              "apply-1",
              e[0],
              id,
              "p",
              "i",
              "https://vc01.example/sdk",
              e[1],
              e[2],
              null,
              e[0].equals("halted")
                  ? "canary, gate, host-connected on esx-02: notResponding"
                  : null));
    }
    // a later run of another decision is not this decision's timeline
    s.store.appendApply(
        io.vsguard.core.audit.AuditRecord.Actor.osUser(),
        plan,
        vc,
        new io.vsguard.core.audit.AuditRecord.ApplyEvent(
            "apply-2",
            "apply-started",
            "another-decision",
            "p",
            "i",
            "https://vc01.example/sdk",
            null,
            null,
            null,
            "other run"));

    String html = page("/ui/decisions/" + id, cookie).body();
    assertThat(html)
        .contains("id=\"apply\"")
        .contains("3 records")
        .contains("apply-started")
        .contains("esx-&lt;b&gt;01")
        .doesNotContain("esx-<b>01")
        .contains("canary, gate, host-connected on esx-02: notResponding")
        .doesNotContain("other run");
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
    Files.write(
        s.store.file(), List.of(lines.get(0).replace("\"CHG0042\"", "\"CHG0043\""), lines.get(1)));
    String cookie = cookie(login(AUDITOR_TOKEN));
    String html = page("/ui/", cookie).body();
    assertThat(html).contains("class=\"chain bad\"", "Audit chain BROKEN at line 1");
  }

  @Test
  void aCrossSiteFormPostDoesNotSignTheBrowserIn() throws Exception {
    // Login CSRF: another site's page auto-posts a text/plain form with the attacker's own valid
    // token, so
    // the victim's browser would work (and leave its traces) in the attacker's session.
    String body = "token=" + AUDITOR_TOKEN;
    for (Map<String, String> attack :
        List.of(
            Map.of(
                "Content-Type",
                "text/plain",
                "Origin",
                "https://evil.example",
                "Sec-Fetch-Site",
                "cross-site"),
            Map.of("Content-Type", "text/plain", "Sec-Fetch-Site", "same-site"),
            Map.of("Content-Type", "text/plain", "Origin", "https://evil.example"),
            Map.of("Content-Type", "text/plain", "Origin", "null"),
            // a browser that sends neither header: no login cookie, no form token
            Map.of("Content-Type", "text/plain"))) {
      HttpResponse<String> r = form("/ui/login", null, body, attack);
      assertThat(r.statusCode()).as(attack.toString()).isEqualTo(403);
      assertThat(r.body()).as(attack.toString()).contains("Sign-in refused");
      assertThat(r.headers().allValues("Set-Cookie"))
          .as(attack.toString())
          .noneMatch(c -> c.startsWith("vsguard_session="));
    }
    // even with a form token the attacker fetched for himself: the victim's browser lacks its
    // cookie
    String attackersToken = csrfField(page("/ui/login", null).body());
    HttpResponse<String> withToken =
        form("/ui/login", null, body + "&csrf=" + attackersToken, Map.of());
    assertThat(withToken.statusCode()).isEqualTo(403);
    HttpResponse<String> mismatched =
        form(
            "/ui/login",
            loginCookie(page("/ui/login", null)),
            body + "&csrf=" + attackersToken,
            Map.of());
    assertThat(mismatched.statusCode()).isEqualTo(403);
    // and a matching cookie and token (a cookie planted by a sibling site) do not help a cross-site
    // post
    HttpResponse<String> planted = page("/ui/login", null);
    assertThat(
            form(
                    "/ui/login",
                    loginCookie(planted),
                    body + "&csrf=" + csrfField(planted.body()),
                    Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"))
                .statusCode())
        .isEqualTo(403);
    // refused before the token is looked at: nothing to record, nothing learnt about the token
    assertThat(s.auditLines()).isEmpty();

    // the server's own form, posted by a browser, still signs in
    HttpResponse<String> own = page("/ui/login", null);
    HttpResponse<String> ok =
        form(
            "/ui/login",
            loginCookie(own),
            body + "&csrf=" + csrfField(own.body()),
            Map.of(
                "Origin",
                s.uri("/").toString().replaceAll("/$", ""),
                "Sec-Fetch-Site",
                "same-origin"));
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.headers().allValues("Set-Cookie"))
        .anyMatch(c -> c.startsWith("vsguard_session="))
        .anyMatch(c -> c.startsWith("vsguard_login=;") && c.contains("Max-Age=0"));
  }

  @Test
  void signingOutTakesTheSessionsFormToken() throws Exception {
    String cookie = cookie(login(AUDITOR_TOKEN));
    String csrf = csrfField(page("/ui/", cookie).body());

    HttpResponse<String> noToken = form("/ui/logout", cookie, "", Map.of());
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.body()).contains("Sign-out refused", "still signed in");
    HttpResponse<String> crossSite =
        form(
            "/ui/logout",
            cookie,
            "csrf=" + csrf,
            Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(page("/ui/", cookie).statusCode()).as("still signed in").isEqualTo(200);

    assertThat(form("/ui/logout", cookie, "csrf=" + csrf, Map.of()).statusCode()).isEqualTo(303);
    assertThat(page("/ui/", cookie).statusCode()).as("signed out").isEqualTo(303);
  }

  @Test
  void stylesComeFromTheServersOwnStylesheetSoTheCspNeedsNoUnsafeInline() throws Exception {
    String cookie = cookie(login(AUDITOR_TOKEN));
    for (String path : List.of("/ui/login", "/ui/", "/ui/decisions/none")) {
      HttpResponse<String> r = page(path, path.equals("/ui/login") ? null : cookie);
      String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertThat(csp)
          .as(path)
          .contains("default-src 'none'", "style-src 'self'", "form-action 'self'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("script-src");
      assertThat(r.body())
          .as(path)
          .contains("<link rel=\"stylesheet\" href=\"/ui/vsguard.css\">")
          .doesNotContain("<style")
          .doesNotContain("style=")
          .doesNotContain("<script");
    }
    HttpResponse<String> css = page("/ui/vsguard.css", null);
    assertThat(css.statusCode())
        .as("served without a session: the sign-in page needs it")
        .isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    assertThat(css.body()).contains(".banner", ".chain.bad", "nav.pager");
    String etag = css.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again =
        s.http.send(
            HttpRequest.newBuilder(s.uri("/ui/vsguard.css")).header("If-None-Match", etag).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);
  }

  @Test
  void theListIsPagedNewestFirstWithLinksBothWays() throws Exception {
    // seq 1..7: plans P1..P7, the odd ones BLOCK, the even ones WARN; a refused login in between
    // (seq 4)
    for (int i = 1; i <= 7; i++) {
      if (i == 4) {
        login("a-wrong-token-0000000000000");
        continue;
      }
      s.store.append(entry("P" + i, i % 2 == 1 ? Severity.BLOCK : Severity.WARN));
    }
    String cookie = cookie(login(AUDITOR_TOKEN));

    String first = page("/ui/?size=3", cookie).body();
    assertThat(plans(first)).containsExactly("P7", "P6", "P5");
    assertThat(first)
        .contains("3 decisions, newest first: records 7 to 5")
        .doesNotContain("id=\"newer\"")
        .contains("<a id=\"older\" rel=\"next\" href=\"/ui/?before=5&amp;size=3\">");

    String second = page("/ui/?before=5&size=3", cookie).body();
    assertThat(plans(second)).containsExactly("P3", "P2", "P1");
    assertThat(second)
        .contains("href=\"/ui/?after=3&amp;size=3\"", "<a id=\"newest\" href=\"/ui/?size=3\">")
        .doesNotContain("id=\"older\"");

    String back = page("/ui/?after=3&size=3", cookie).body();
    assertThat(plans(back)).containsExactly("P7", "P6", "P5");
    assertThat(back).contains("href=\"/ui/?before=5&amp;size=3\"").doesNotContain("id=\"newer\"");

    // the oldest page, and past it an empty page that links back
    assertThat(plans(page("/ui/?after=0&size=3", cookie).body())).containsExactly("P3", "P2", "P1");
    String past = page("/ui/?before=1&size=3", cookie).body();
    assertThat(past)
        .contains("No decision matches", "href=\"/ui/?after=0&amp;size=3\"")
        .doesNotContain("id=\"older\"");

    // the filter goes with the links
    String blocks = page("/ui/?verdict=BLOCK&size=2", cookie).body();
    assertThat(plans(blocks)).containsExactly("P7", "P5");
    assertThat(blocks).contains("href=\"/ui/?verdict=BLOCK&amp;before=5&amp;size=2\"");
    assertThat(plans(page("/ui/?verdict=BLOCK&before=5&size=2", cookie).body()))
        .containsExactly("P3", "P1");

    // the default page holds 50, and no more than 200 can be asked for
    assertThat(plans(page("/ui/", cookie).body())).hasSize(6);
    assertThat(page("/ui/?size=201", cookie).statusCode()).isEqualTo(400);
  }

  @Test
  void aBadListAddressSaysWhichParameterAndWhatWasExpected() throws Exception {
    String cookie = cookie(login(AUDITOR_TOKEN));
    Map<String, String> cases =
        Map.of(
            "/ui/?size=0",
            "query parameter size: expected a whole number from 1 to 200, got '0'",
            "/ui/?size=ten",
            "query parameter size: expected a whole number from 1 to 200, got 'ten'",
            "/ui/?before=0",
            "query parameter before: expected a record number (1 or more), got '0'",
            "/ui/?after=-3",
            "query parameter after: expected a record number (0 or more), got '-3'",
            "/ui/?verdict=MAYBE",
            "query parameter verdict: expected ALLOW, WARN, BLOCK or ERROR, got 'MAYBE'",
            "/ui/?before=2&after=1",
            "give one of them, not both",
            "/ui/?page=2",
            "unknown query parameter 'page'",
            "/ui/?q=a&q=b",
            "query parameter q is given 2 times",
            "/ui/?q=" + "x".repeat(201),
            "query parameter q: at most 200 characters, got 201");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> r = page(c.getKey(), cookie);
      assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
      assertThat(r.body()).as(c.getKey()).contains(c.getValue());
    }
  }

  private static AuditEntry entry(String planId, Severity severity) {
    Finding f =
        new Finding(
            "stale-inventory",
            severity,
            null,
            null,
            null,
            new Finding.Subject(null, null),
            "old",
            "recapture",
            null,
            null);
    Decision d =
        Decisions.of(
            List.of(f),
            new Decision.PlanRef(planId, "a".repeat(64)),
            new Decision.InventoryRef(
                Instant.parse("2016-11-22T10:30:00Z"), "file", "b".repeat(64)),
            new Decision.PolicyRef("default", "c".repeat(64)),
            null,
            Instant.parse("2026-11-24T18:00:00Z"));
    return new AuditEntry(
        AuditRecord.Actor.apiToken("ci-pipeline"),
        new AuditRecord.PlanInfo(planId, "Plan " + planId, "CHG-" + planId, "ops@example.org"),
        null,
        null,
        d);
  }

  /** The plan ids of the list's rows, in page order. */
  private static List<String> plans(String html) {
    Matcher m = Pattern.compile("<a class=\"plan\" href=\"[^\"]+\">([^<]+)</a>").matcher(html);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /**
   * Signs in as a browser does: the sign-in page first (its login cookie and form token), then the
   * form.
   */
  private HttpResponse<String> login(String token) throws Exception {
    HttpResponse<String> form = page("/ui/login", null);
    return form(
        "/ui/login",
        loginCookie(form),
        "token="
            + URLEncoder.encode(token, StandardCharsets.UTF_8)
            + "&csrf="
            + csrfField(form.body()),
        Map.of());
  }

  /**
   * A form post with extra headers (Origin, Sec-Fetch-Site, Content-Type to play a browser or an
   * attacker).
   */
  private HttpResponse<String> form(
      String path, String cookie, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(s.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (!headers.containsKey("Content-Type")) {
      r.header("Content-Type", "application/x-www-form-urlencoded");
    }
    headers.forEach(r::header);
    if (cookie != null) {
      r.header("Cookie", cookie);
    }
    return s.http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String loginCookie(HttpResponse<String> loginPage) {
    String set =
        loginPage.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("vsguard_login="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the sign-in page set no login cookie"));
    return set.substring(0, set.indexOf(';'));
  }

  /** The hidden csrf field of a page's form. */
  private static String csrfField(String html) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"").matcher(html);
    assertThat(m.find()).as("a csrf field in " + html).isTrue();
    return m.group(1);
  }

  private static String cookie(HttpResponse<String> login) {
    assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
    String setCookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("vsguard_session="))
            .findFirst()
            .orElseThrow();
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
