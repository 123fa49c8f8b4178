package io.vsguard.cli.serve;

import io.vsguard.core.audit.AuditEntry;
import io.vsguard.core.audit.AuditQuery;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.audit.JsonlAuditStore;
import io.vsguard.core.decision.Decision;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web view on a large audit log (not a test; guard-cli/bench/webview-bench.sh runs it): N
 * decisions, the incident's BLOCK and the safe plan's WARN taking turns, one of them with a ticket
 * no other has. A real server on a loopback port answers, after a warm-up, RUNS times each: the
 * first page of the list, a page in the middle, a search that matches one decision, and a decision
 * page; before that, in process, the list's own read (every record, as the page read before it was
 * paged, against one page) and the chain verification every page's header does. Prints the median
 * times and the answers' sizes. The numbers depend on the machine.
 */
final class WebViewBench {
  private WebViewBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Files.createTempDirectory("vsguard-webview-bench");
    Path log = dir.resolve("audit.jsonl");
    try {
      run(n, runs, log);
    } finally {
      Files.deleteIfExists(log);
      Files.deleteIfExists(dir);
    }
  }

  private static void run(int n, int runs, Path log) throws Exception {
    JsonlAuditStore store = new JsonlAuditStore(log);
    Preflight preflight =
        new Preflight(
            TestServer.defaultPack(),
            "bench",
            store,
            Clock.systemUTC(),
            java.util.Optional.empty(),
            java.time.Duration.ofSeconds(60));
    List<AuditRecord> kinds = new ArrayList<>();
    for (Path plan : List.of(TestServer.INCIDENT_PLAN, TestServer.SAFE_PLAN)) {
      CheckRequest req =
          CheckRequest.parse(
              TestServer.body(plan, TestServer.INCIDENT_INVENTORY).getBytes(StandardCharsets.UTF_8),
              false);
      kinds.add(
          ((Preflight.Checked.Recorded) preflight.check(req, "ci-pipeline", "/v1/checks"))
              .record());
    }
    long t0 = System.nanoTime();
    String needleId = null;
    for (int i = 2; i < n; i++) {
      AuditRecord k = kinds.get(i % 2);
      Decision d = k.decision();
      Decision copy =
          new Decision(
              d.apiVersion(),
              d.kind(),
              UUID.randomUUID().toString(),
              d.timestamp(),
              d.verdict(),
              d.plan(),
              d.inventory(),
              d.policy(),
              d.findings(),
              d.suggestedRollout(),
              d.error(),
              d.engine());
      AuditRecord.PlanInfo p = k.plan();
      boolean needle = i == n / 2;
      store.append(
          new AuditEntry(
              k.actor(),
              new AuditRecord.PlanInfo(
                  p.id(), p.title(), needle ? "CHG-NEEDLE" : p.ticket(), p.requestedBy()),
              k.inventorySource(),
              k.policy(),
              copy));
      if (needle) {
        needleId = copy.decisionId();
      }
    }
    System.out.printf(
        "log: %d decisions, %.1f MB, written in %.1f s%n",
        n, Files.size(log) / 1e6, (System.nanoTime() - t0) / 1e9);

    // The list's own read, in process: what the page read before (every record parsed) and now.
    ListPage.Query first = ListPage.Query.parse(Map.of());
    ListPage.Query middle = ListPage.Query.parse(Map.of("before", List.of(String.valueOf(n / 2))));
    ListPage.Query search = ListPage.Query.parse(Map.of("q", List.of("CHG-NEEDLE")));
    time(runs, "read: every record (before)", () -> store.list(AuditQuery.ALL).size());
    time(runs, "read: first page", () -> DecisionList.page(store::walk, first).rows().size());
    time(runs, "read: a middle page", () -> DecisionList.page(store::walk, middle).rows().size());
    time(
        runs,
        "read: search matching one",
        () -> DecisionList.page(store::walk, search).rows().size());
    time(runs, "verify (header, every page)", () -> (int) store.verify().records());

    ApiTokens tokens = ApiTokens.parse("tokens", TestServer.TOKENS);
    try (ApiServer server =
        ApiServer.start(
            new ApiServer.Options("127.0.0.1", 0, 10L << 20, null, null),
            tokens,
            preflight,
            Clock.systemUTC())) {
      HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
      URI base = server.baseUri();
      String cookie = login(http, base);
      measure(http, base, cookie, runs, "list, first page", "/ui/");
      measure(http, base, cookie, runs, "list, a middle page", "/ui/?before=" + n / 2);
      measure(http, base, cookie, runs, "list, search matching one", "/ui/?q=CHG-NEEDLE");
      measure(http, base, cookie, runs, "decision page", "/ui/decisions/" + needleId);
    }
  }

  private interface Read {
    int run() throws Exception;
  }

  private static void time(int runs, String what, Read read) throws Exception {
    read.run();
    long[] ms = new long[runs];
    int items = 0;
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      items = read.run();
      ms[i] = (System.nanoTime() - t) / 1_000_000;
    }
    Arrays.sort(ms);
    System.out.printf(
        "%-28s median %5d ms  (min %d, max %d)  %8d items%n",
        what, ms[runs / 2], ms[0], ms[runs - 1], items);
  }

  private static String login(HttpClient http, URI base) throws Exception {
    HttpResponse<String> form =
        http.send(
            HttpRequest.newBuilder(base.resolve("/ui/login")).build(),
            HttpResponse.BodyHandlers.ofString());
    String loginCookie = form.headers().firstValue("Set-Cookie").orElseThrow();
    Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
    if (!csrf.find()) {
      throw new IllegalStateException("no csrf field on the sign-in page");
    }
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(base.resolve("/ui/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", loginCookie.substring(0, loginCookie.indexOf(';')))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "token="
                            + URLEncoder.encode(TestServer.AUDITOR_TOKEN, StandardCharsets.UTF_8)
                            + "&csrf="
                            + csrf.group(1)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String session =
        r.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(WebView.COOKIE + "="))
            .findFirst()
            .orElseThrow();
    return session.substring(0, session.indexOf(';'));
  }

  private static void measure(
      HttpClient http, URI base, String cookie, int runs, String what, String path)
      throws Exception {
    HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).header("Cookie", cookie).build();
    http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    long[] ms = new long[runs];
    int bytes = 0;
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      ms[i] = (System.nanoTime() - t) / 1_000_000;
      if (r.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + r.statusCode());
      }
      bytes = r.body().length;
    }
    Arrays.sort(ms);
    System.out.printf(
        "%-28s median %5d ms  (min %d, max %d)  %8d bytes%n",
        what, ms[runs / 2], ms[0], ms[runs - 1], bytes);
  }
}
