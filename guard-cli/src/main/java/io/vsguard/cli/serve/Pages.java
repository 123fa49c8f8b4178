package io.vsguard.cli.serve;

import static io.vsguard.cli.serve.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.audit.Verification;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.load.Json;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Severity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The web view's pages as HTML text. Every value from a document or a request is escaped here. */
final class Pages {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final String PLAN_WIDE = "Rollout and whole plan";
  private static final int OPEN_SUBJECTS = 3;

  /** The chain's verification for the header, or why it could not be read. */
  record Chain(Verification verification, String failure) {}

  String login(String error) {
    StringBuilder b = new StringBuilder();
    b.append("<main class=\"login\"><h1>vsguard audit</h1>")
        .append("<p class=\"muted\">Sign in with an API token from the server's tokens file.</p>");
    if (error != null) {
      b.append("<p class=\"alert\" role=\"alert\">").append(esc(error)).append("</p>");
    }
    b.append("<form method=\"post\" action=\"/ui/login\" autocomplete=\"off\">")
        .append("<label for=\"token\">Token</label>")
        .append("<input id=\"token\" name=\"token\" type=\"password\" required autofocus>")
        .append("<button id=\"login\" type=\"submit\">Sign in</button></form></main>");
    return page("Sign in", null, null, b.toString());
  }

  String unavailable(String user, String why) {
    return page("Audit log unavailable", user, new Chain(null, why),
        "<main><h1>The audit log cannot be read</h1><p class=\"alert\">" + esc(why) + "</p></main>");
  }

  String notFound(String user, Chain chain, String id) {
    return page("Not found", user, chain, "<main><nav class=\"crumbs\"><a href=\"/ui/\">Decisions</a></nav>"
        + "<h1>No decision " + esc(id) + "</h1><p>The audit log has no decision with this id.</p></main>");
  }

  String list(String user, Chain chain, List<AuditRecord> shown, int total, Verdict verdict, String q) {
    StringBuilder b = new StringBuilder("<main><h1>Decisions</h1>");
    b.append("<form class=\"filters\" method=\"get\" action=\"/ui/\">")
        .append("<label>Verdict <select id=\"verdict\" name=\"verdict\"><option value=\"\">All</option>");
    for (Verdict v : Verdict.values()) {
      b.append("<option value=\"").append(v).append('"').append(v == verdict ? " selected" : "").append('>')
          .append(v).append("</option>");
    }
    b.append("</select></label>")
        .append("<label class=\"grow\">Search <input id=\"q\" name=\"q\" type=\"search\" value=\"").append(esc(q))
        .append("\" placeholder=\"plan id, ticket or rule\"></label>")
        .append("<button id=\"apply\" type=\"submit\">Filter</button>")
        .append(verdict != null || !q.isEmpty() ? "<a class=\"reset\" href=\"/ui/\">Clear</a>" : "")
        .append("</form>");
    b.append("<p class=\"muted\">").append(shown.size()).append(" of ").append(total)
        .append(total == 1 ? " decision" : " decisions").append(", newest first</p>");
    if (shown.isEmpty()) {
      b.append("<p class=\"empty\">No decision matches.</p></main>");
      return page("Decisions", user, chain, b.toString());
    }
    b.append("<table class=\"decisions\"><thead><tr><th>Recorded</th><th>Verdict</th><th>Plan</th><th>Ticket</th>")
        .append("<th class=\"num\">Findings</th><th>Requested by</th><th>Checked by</th></tr></thead><tbody>");
    for (AuditRecord r : shown) {
      Decision d = r.decision();
      String planId = r.plan() != null ? r.plan().id() : d.plan() == null ? null : d.plan().id();
      b.append("<tr><td class=\"nowrap\">").append(esc(when(r.recordedAt()))).append("</td><td>")
          .append(verdictChip(d.verdict())).append("</td><td><a class=\"plan\" href=\"/ui/decisions/")
          .append(esc(Html.segment(r.id()))).append("\">").append(esc(planId == null ? r.id() : planId))
          .append("</a>");
      if (r.plan() != null && r.plan().title() != null) {
        b.append("<div class=\"sub\">").append(esc(r.plan().title())).append("</div>");
      }
      b.append("</td><td>").append(esc(r.plan() == null ? "" : r.plan().ticket())).append("</td><td class=\"num\">")
          .append(counts(d.findings())).append("</td><td>")
          .append(esc(r.plan() == null ? "" : r.plan().requestedBy())).append("</td><td>").append(actor(r.actor()))
          .append("</td></tr>");
    }
    b.append("</tbody></table></main>");
    return page("Decisions", user, chain, b.toString());
  }

  String decision(String user, Chain chain, AuditRecord r) {
    Decision d = r.decision();
    AuditRecord.PlanInfo p = r.plan();
    String planId = p != null ? p.id() : d.plan() == null ? "" : d.plan().id();
    StringBuilder b = new StringBuilder("<main>");
    b.append("<nav class=\"crumbs\"><a href=\"/ui/\">Decisions</a> / <span>").append(esc(r.id())).append("</span></nav>");
    b.append("<section class=\"banner v-").append(d.verdict()).append("\"><div class=\"big\">").append(d.verdict())
        .append("</div><div><h1>").append(esc(planId));
    if (p != null && p.title() != null) {
      b.append(" <span class=\"title\">").append(esc(p.title())).append("</span>");
    }
    b.append("</h1><p>").append(summary(d)).append("</p></div></section>");

    b.append("<section class=\"facts\"><dl>");
    fact(b, "Ticket", p == null ? null : p.ticket());
    fact(b, "Requested by", p == null ? null : p.requestedBy());
    factHtml(b, "Checked by", actor(r.actor()));
    fact(b, "Recorded", when(r.recordedAt()) + " (record " + r.seq() + ")");
    fact(b, "Decision id", d.decisionId());
    fact(b, "Engine", d.engine() == null ? null : "vsguard " + d.engine().version());
    b.append("</dl><dl>");
    fact(b, "Plan sha256", d.plan() == null ? null : d.plan().sha256());
    if (d.inventory() != null) {
      fact(b, "Inventory captured", d.inventory().capturedAt() == null ? null : when(d.inventory().capturedAt()));
      fact(b, "Inventory source", d.inventory().source());
      fact(b, "Inventory sha256", d.inventory().sha256());
    }
    if (r.inventorySource() != null) {
      fact(b, "Inventory read from", r.inventorySource().type() + ": " + r.inventorySource().location());
    }
    if (d.policy() != null) {
      fact(b, "Policy", d.policy().name() + (r.policy() != null && r.policy().source() != null
          ? " (" + r.policy().source() + ")" : ""));
      fact(b, "Policy sha256", d.policy().sha256());
    }
    fact(b, "Record sha256", r.sha256());
    b.append("</dl></section>");

    if (d.error() != null) {
      b.append("<section><h2>Could not evaluate</h2><p class=\"alert\">").append(esc(d.error().message()))
          .append("</p></section>");
    }
    findings(b, d.findings());
    exemptions(b, d.findings());
    rollout(b, d.suggestedRollout());
    b.append("</main>");
    return page(planId + " " + d.verdict(), user, chain, b.toString());
  }

  // ---- decision page sections

  /** Findings grouped by change (plan-wide first, as the decision orders them), then by host. */
  private static void findings(StringBuilder b, List<Finding> findings) {
    b.append("<section id=\"findings\"><h2>Findings</h2>");
    if (findings.isEmpty()) {
      b.append("<p class=\"empty\">No findings: nothing in the plan broke a rule.</p></section>");
      return;
    }
    Map<String, Map<String, List<Finding>>> byChange = new LinkedHashMap<>();
    for (Finding f : findings) {
      String change = f.change() == null ? PLAN_WIDE : "Change " + f.change();
      String host = f.subject() != null && f.subject().host() != null ? f.subject().host()
          : f.subject() != null && f.subject().switchName() != null ? "switch " + f.subject().switchName()
          : "whole plan";
      byChange.computeIfAbsent(change, k -> new LinkedHashMap<>()).computeIfAbsent(host, k -> new ArrayList<>()).add(f);
    }
    for (Map.Entry<String, Map<String, List<Finding>>> c : byChange.entrySet()) {
      int n = c.getValue().values().stream().mapToInt(List::size).sum();
      b.append("<div class=\"change\"><h3>").append(esc(c.getKey())).append(" <span class=\"muted\">")
          .append(n).append(n == 1 ? " finding" : " findings").append(" on ").append(c.getValue().size())
          .append(c.getValue().size() == 1 ? " subject" : " subjects").append("</span></h3>");
      int shown = 0;
      for (Map.Entry<String, List<Finding>> h : c.getValue().entrySet()) {
        // The first subjects open, the rest folded with their rules in the summary: twelve hosts with
        // the same three findings stay scannable.
        boolean open = shown++ < OPEN_SUBJECTS;
        b.append("<details class=\"host\"").append(open ? " open" : "").append("><summary><span class=\"hostname\">")
            .append(esc(h.getKey())).append("</span> ").append(counts(h.getValue()));
        if (!open) {
          b.append(" <span class=\"rules\">").append(esc(String.join(", ",
              h.getValue().stream().map(Finding::rule).distinct().toList()))).append("</span>");
        }
        b.append("</summary><ul class=\"findings\">");
        for (Finding f : h.getValue()) {
          finding(b, f);
        }
        b.append("</ul></details>");
      }
      b.append("</div>");
    }
    b.append("</section>");
  }

  private static void finding(StringBuilder b, Finding f) {
    b.append("<li class=\"finding").append(f.counts() ? "" : " exempted").append("\">")
        .append("<div class=\"head\">").append(severityChip(f.severity())).append(" <code class=\"rule\">")
        .append(esc(f.rule())).append("</code>");
    List<String> where = new ArrayList<>();
    if (f.wave() != null) {
      where.add("wave " + f.wave());
    }
    if (f.step() != null) {
      where.add("step " + f.step());
    }
    if (f.subject() != null && f.subject().switchName() != null) {
      where.add("switch " + f.subject().switchName());
    }
    if (!where.isEmpty()) {
      b.append(" <span class=\"where\">").append(esc(String.join(" · ", where))).append("</span>");
    }
    if (!f.counts()) {
      b.append(" <span class=\"chip exempt\">exempted</span>");
    }
    b.append("</div><p class=\"msg\">").append(esc(f.message())).append("</p>");
    if (f.remediation() != null) {
      b.append("<p class=\"fix\"><b>Fix:</b> ").append(esc(f.remediation())).append("</p>");
    }
    if (f.reference() != null) {
      b.append("<p class=\"ref\">Reference: ").append(esc(f.reference())).append("</p>");
    }
    if (f.exemption() != null) {
      Finding.Exemption e = f.exemption();
      b.append("<p class=\"exemption\">Exempted by <b>").append(esc(e.approver())).append("</b> until ")
          .append(esc(e.expires())).append(" (").append(esc(e.scope())).append("): ").append(esc(e.justification()))
          .append("</p>");
    }
    b.append("</li>");
  }

  private static void exemptions(StringBuilder b, List<Finding> findings) {
    List<Finding> exempted = findings.stream().filter(f -> f.exemption() != null).toList();
    b.append("<section id=\"exemptions\"><h2>Exemptions</h2>");
    if (exempted.isEmpty()) {
      b.append("<p class=\"empty\">No finding was exempted: every finding counts toward the verdict.</p></section>");
      return;
    }
    b.append("<table><thead><tr><th>Rule</th><th>Subject</th><th>Scope</th><th>Approver</th><th>Expires</th>")
        .append("<th>Justification</th></tr></thead><tbody>");
    for (Finding f : exempted) {
      Finding.Exemption e = f.exemption();
      b.append("<tr><td><code>").append(esc(f.rule())).append("</code></td><td>").append(esc(subject(f)))
          .append("</td><td>").append(esc(e.scope())).append("</td><td>").append(esc(e.approver()))
          .append("</td><td class=\"nowrap\">").append(esc(e.expires())).append("</td><td>")
          .append(esc(e.justification())).append("</td></tr>");
    }
    b.append("</tbody></table></section>");
  }

  /** The suggested rollout as a timeline: waves in order, each with its hosts, steps and gate. */
  private static void rollout(StringBuilder b, Rollout rollout) {
    b.append("<section id=\"rollout\"><h2>Staged rollout</h2>");
    if (rollout == null) {
      b.append("<p class=\"empty\">No suggested rollout: the decision carries one when staging the plan host by"
          + " host would make it pass.</p></section>");
      return;
    }
    int hosts = rollout.waves().stream().mapToInt(w -> w.hosts().size()).sum();
    b.append("<p class=\"muted\">").append(rollout.waves().size()).append(" waves, ").append(hosts)
        .append(" hosts; each host of a wave does the wave's steps in order, and the gate must hold before the"
            + " next wave starts.</p><ol class=\"timeline\">");
    int i = 1;
    for (Rollout.Wave w : rollout.waves()) {
      b.append("<li class=\"wave\"><div class=\"dot\">").append(i++).append("</div><div class=\"body\"><h3>")
          .append(esc(w.name())).append(" <span class=\"muted\">").append(w.hosts().size())
          .append(w.hosts().size() == 1 ? " host" : " hosts").append("</span></h3><div class=\"hosts\">");
      for (String h : w.hosts()) {
        b.append("<span class=\"chip host\">").append(esc(h)).append("</span>");
      }
      b.append("</div><ol class=\"steps\">");
      for (Step s : w.steps()) {
        b.append("<li>").append(step(s)).append("</li>");
      }
      b.append("</ol>");
      Rollout.Gate g = w.gate();
      if (g != null) {
        b.append("<div class=\"gate\"><b>Gate:</b> soak ").append(g.soakMinutes()).append(" min");
        if (!g.checks().isEmpty()) {
          b.append(", then ").append(esc(String.join(", ", g.checks())));
        }
        b.append("</div>");
      } else {
        b.append("<div class=\"gate none\">No gate after this wave</div>");
      }
      b.append("</div></li>");
    }
    b.append("</ol></section>");
  }

  /** A step as its op and its fields, read from its JSON form so every step type shows the same way. */
  private static String step(Step s) {
    JsonNode n = Json.json().valueToTree(s);
    StringBuilder b = new StringBuilder("<code>").append(esc(n.path("op").asText())).append("</code>");
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("op") && !e.getValue().isNull()) {
        b.append(" <span class=\"arg\">").append(esc(e.getKey())).append(" <b>")
            .append(esc(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()))
            .append("</b></span>");
      }
    }
    return b.toString();
  }

  // ---- small parts

  private static String summary(Decision d) {
    long counted = d.findings().stream().filter(Finding::counts).count();
    long exempted = d.findings().size() - counted;
    StringBuilder s = new StringBuilder();
    s.append(counted).append(counted == 1 ? " finding counted" : " findings counted").append(": ")
        .append(count(d.findings(), Severity.BLOCK)).append(" block, ").append(count(d.findings(), Severity.WARN))
        .append(" warn, ").append(count(d.findings(), Severity.INFO)).append(" info");
    if (exempted > 0) {
      s.append(" · ").append(exempted).append(" exempted");
    }
    s.append(" · decided ").append(esc(when(d.timestamp())));
    return s.toString();
  }

  private static long count(List<Finding> fs, Severity s) {
    return fs.stream().filter(f -> f.counts() && f.severity() == s).count();
  }

  private static String counts(List<Finding> fs) {
    StringBuilder b = new StringBuilder();
    for (Severity s : List.of(Severity.BLOCK, Severity.WARN, Severity.INFO)) {
      long n = count(fs, s);
      if (n > 0) {
        b.append("<span class=\"chip s-").append(s.wire()).append("\">").append(n).append(' ').append(s.wire())
            .append("</span>");
      }
    }
    long exempted = fs.stream().filter(f -> !f.counts()).count();
    if (exempted > 0) {
      b.append("<span class=\"chip exempt\">").append(exempted).append(" exempted</span>");
    }
    return b.isEmpty() ? "<span class=\"muted\">none</span>" : b.toString();
  }

  private static String subject(Finding f) {
    if (f.subject() == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    if (f.subject().switchName() != null) {
      parts.add(f.subject().switchName());
    }
    if (f.subject().host() != null) {
      parts.add(f.subject().host());
    }
    return String.join(" / ", parts);
  }

  private static String verdictChip(Verdict v) {
    return "<span class=\"verdict v-" + v + "\">" + v + "</span>";
  }

  private static String severityChip(Severity s) {
    return "<span class=\"chip s-" + s.wire() + "\">" + esc(s.wire()) + "</span>";
  }

  private static String actor(AuditRecord.Actor a) {
    if (a == null) {
      return "";
    }
    return "<span class=\"actor\">" + esc(a.type()) + ":<b>" + esc(a.name()) + "</b></span>";
  }

  private static void fact(StringBuilder b, String label, Object value) {
    factHtml(b, label, value == null ? "<span class=\"muted\">—</span>" : esc(value));
  }

  private static void factHtml(StringBuilder b, String label, String html) {
    b.append("<dt>").append(esc(label)).append("</dt><dd>").append(html).append("</dd>");
  }

  private static String when(Instant t) {
    return t == null ? "" : WHEN.format(t);
  }

  private static String chainBanner(Chain chain) {
    if (chain.failure() != null) {
      return "<div class=\"chain bad\" id=\"chain\">Audit chain cannot be read: " + esc(chain.failure()) + "</div>";
    }
    Verification v = chain.verification();
    if (v instanceof Verification.Intact i) {
      return "<div class=\"chain ok\" id=\"chain\" title=\"head " + esc(i.headSha256())
          + "\">&#10003; Audit chain intact · " + i.records() + (i.records() == 1 ? " record" : " records") + "</div>";
    }
    if (v instanceof Verification.TornTail t) {
      return "<div class=\"chain warn\" id=\"chain\">Audit chain intact for " + t.records()
          + " records; an interrupted write (" + t.bytes() + " bytes at line " + t.line()
          + ") was never acknowledged and is cut off by the next record</div>";
    }
    Verification.Broken br = (Verification.Broken) v;
    return "<div class=\"chain bad\" id=\"chain\">&#10007; Audit chain BROKEN at line "
        + br.line() + (br.recordId() == null ? "" : " (decision " + esc(br.recordId()) + ")") + ": "
        + esc(br.reason()) + ". Records from there on are not trusted.</div>";
  }

  private static String page(String title, String user, Chain chain, String main) {
    StringBuilder b = new StringBuilder(8192);
    b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(esc(title)).append(" · vsguard audit</title><style>").append(CSS)
        .append("</style></head><body>");
    if (user != null) {
      b.append("<header class=\"top\"><a class=\"brand\" href=\"/ui/\">vsguard <span>audit</span></a>");
      if (chain != null) {
        b.append(chainBanner(chain));
      }
      b.append("<form class=\"who\" method=\"post\" action=\"/ui/logout\"><span>signed in as <b>").append(esc(user))
          .append("</b></span><button type=\"submit\">Sign out</button></form></header>");
    }
    b.append(main).append("</body></html>");
    return b.toString();
  }

  private static final String CSS = """
      :root{--fg:#1d2530;--muted:#5d6b7a;--line:#dde3ea;--bg:#f6f8fa;--card:#fff;--block:#b42318;--warn:#b54708;\
      --allow:#067647;--error:#5b21b6;--info:#175cd3}
      *{box-sizing:border-box}
      body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);\
      background:var(--bg)}
      main{max-width:1180px;margin:0 auto;padding:24px}
      h1{font-size:24px;margin:0 0 12px}h2{font-size:19px;margin:28px 0 10px;padding-bottom:6px;\
      border-bottom:1px solid var(--line)}h3{font-size:16px;margin:14px 0 8px}
      a{color:#1849a9}code{font:13px/1.4 ui-monospace,"DejaVu Sans Mono",monospace}
      .muted{color:var(--muted);font-weight:normal}.nowrap{white-space:nowrap}.num{text-align:right}
      .top{display:flex;gap:16px;align-items:center;padding:10px 24px;background:#18212c;color:#e8edf2}
      .brand{color:#fff;font-weight:700;text-decoration:none;font-size:17px}.brand span{font-weight:400;color:#9fb0c2}
      .chain{flex:1;font-size:13px;padding:4px 10px;border-radius:6px}
      .chain.ok{background:#0b3b26;color:#b7f0cf}.chain.warn{background:#4d3208;color:#fde7b0}\
      .chain.bad{background:#5c1111;color:#ffd5d0;font-weight:600}
      .who{display:flex;gap:10px;align-items:center;font-size:13px;margin:0}
      .who button{background:transparent;color:#e8edf2;border:1px solid #4b5a6a;border-radius:6px;padding:3px 10px;\
      cursor:pointer}
      .filters{display:flex;gap:12px;align-items:flex-end;flex-wrap:wrap;background:var(--card);padding:12px 14px;\
      border:1px solid var(--line);border-radius:8px}
      .filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:3px}
      .filters .grow{flex:1;min-width:220px}
      select,input{font:inherit;padding:6px 8px;border:1px solid #c4ccd6;border-radius:6px;background:#fff}
      button{font:inherit;padding:6px 14px;border-radius:6px;border:1px solid #1849a9;background:#1849a9;color:#fff;\
      cursor:pointer}.reset{align-self:center}
      table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:8px;\
      overflow:hidden}
      th,td{padding:8px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
      th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:#fbfcfd}
      tr:last-child td{border-bottom:0}.actor{white-space:nowrap}td.num .chip{white-space:nowrap}.sub{color:var(--muted);font-size:13px}a.plan{font-weight:600}
      .verdict{display:inline-block;font-weight:700;font-size:12px;padding:2px 8px;border-radius:4px;color:#fff}
      .v-BLOCK.verdict,.banner.v-BLOCK .big{background:var(--block)}.v-WARN.verdict,.banner.v-WARN .big{background:var(--warn)}
      .v-ALLOW.verdict,.banner.v-ALLOW .big{background:var(--allow)}.v-ERROR.verdict,.banner.v-ERROR .big{background:var(--error)}
      .chip{display:inline-block;font-size:12px;padding:1px 7px;border-radius:10px;margin:0 4px 2px 0;\
      border:1px solid var(--line);background:#f2f4f7}
      .s-block{background:#fee4e2;border-color:#fecdca;color:var(--block)}.s-warn{background:#fef0c7;\
      border-color:#fedf89;color:var(--warn)}.s-info{background:#d1e9ff;border-color:#b2ddff;color:var(--info)}
      .exempt{background:#f2f4f7;color:#475467;border-style:dashed}
      .banner{display:flex;gap:18px;align-items:center;background:var(--card);border:1px solid var(--line);\
      border-radius:10px;padding:16px;margin-bottom:16px}
      .banner .big{color:#fff;font-weight:800;font-size:22px;padding:14px 18px;border-radius:8px;letter-spacing:.03em}
      .banner h1{margin:0 0 4px}.banner .title{font-weight:400;color:var(--muted)}.banner p{margin:0;color:var(--muted)}
      .banner.v-BLOCK{border-left:6px solid var(--block)}.banner.v-WARN{border-left:6px solid var(--warn)}
      .banner.v-ALLOW{border-left:6px solid var(--allow)}.banner.v-ERROR{border-left:6px solid var(--error)}
      .facts{display:grid;grid-template-columns:1fr 1fr;gap:16px}
      .facts dl{margin:0;display:grid;align-content:start;grid-template-columns:150px 1fr;gap:4px 12px;background:var(--card);\
      border:1px solid var(--line);border-radius:8px;padding:12px 14px;font-size:14px}
      dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
      .change{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:4px 14px 10px;margin:12px 0}
      details.host{border-top:1px solid var(--line);padding:6px 0}details.host summary{cursor:pointer;padding:2px 0}
      .hostname{font-weight:600;margin-right:6px}.rules{color:var(--muted);font:13px ui-monospace,"DejaVu Sans Mono",monospace}
      ul.findings{list-style:none;margin:6px 0 4px;padding:0 0 0 14px}
      .finding{border-left:3px solid var(--line);padding:4px 0 4px 12px;margin:8px 0}
      .finding .head{display:flex;gap:6px;align-items:center;flex-wrap:wrap}.rule{font-weight:600}
      .where{color:var(--muted);font-size:13px}.finding p{margin:3px 0}.fix{color:#344054}.ref{font-size:13px;\
      color:var(--muted);overflow-wrap:anywhere}
      .finding.exempted{opacity:.8;border-left-style:dashed}.exemption{font-size:13px;background:#f9fafb;padding:4px 8px;\
      border-radius:6px}
      ol.timeline{list-style:none;margin:0;padding:0;position:relative}
      ol.timeline:before{content:"";position:absolute;left:17px;top:6px;bottom:6px;width:2px;background:#c4ccd6}
      .wave{display:flex;gap:14px;margin:0 0 14px;position:relative}
      .wave .dot{flex:none;width:36px;height:36px;border-radius:50%;background:#1849a9;color:#fff;font-weight:700;\
      display:flex;align-items:center;justify-content:center;z-index:1}
      .wave .body{flex:1;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:6px 14px 10px}
      .wave h3{margin:6px 0}.chip.host{background:#eef4ff;border-color:#c7d7fe}
      ol.steps{margin:8px 0;padding-left:22px;font-size:14px}.arg{color:var(--muted)}.arg b{color:var(--fg);font-weight:600}
      .gate{font-size:14px;background:#ecfdf3;border:1px solid #abefc6;border-radius:6px;padding:4px 10px;\
      display:inline-block}.gate.none{background:#fef3f2;border-color:#fecdca}
      .alert{background:#fef3f2;border:1px solid #fecdca;color:var(--block);padding:8px 12px;border-radius:6px}
      .empty{color:var(--muted);font-style:italic}.crumbs{font-size:13px;color:var(--muted);margin-bottom:10px}
      .login{max-width:380px;margin:80px auto;background:var(--card);border:1px solid var(--line);border-radius:10px;\
      padding:24px}
      .login form{display:flex;flex-direction:column;gap:8px}
      @media (max-width:800px){.facts{grid-template-columns:1fr}}
      """;
}
