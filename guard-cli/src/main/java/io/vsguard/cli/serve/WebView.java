package io.vsguard.cli.serve;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.vsguard.core.audit.AuditException;
import io.vsguard.core.audit.AuditQuery;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.decision.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The auditors' web view under {@code /ui/}: server-rendered pages on the audit log, no script,
 * no external resource, so it works offline and under a strict Content-Security-Policy. Logging
 * in takes one of the API's tokens and starts a cookie session ({@link Sessions}); a wrong token is
 * recorded in the audit chain like a refused API request.
 */
final class WebView {
  static final String COOKIE = "vsguard_session";
  private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;"
      + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final Preflight preflight;
  private final ApiTokens tokens;
  private final Sessions sessions;
  private final boolean tls;
  private final BiConsumer<Context, String> recordDenied;
  private final Pages pages = new Pages();

  WebView(Preflight preflight, ApiTokens tokens, Sessions sessions, boolean tls,
      BiConsumer<Context, String> recordDenied) {
    this.preflight = preflight;
    this.tokens = tokens;
    this.sessions = sessions;
    this.tls = tls;
    this.recordDenied = recordDenied;
  }

  void install(io.javalin.config.RoutesConfig r) {
    r.get("/", ctx -> ctx.redirect("/ui/", HttpStatus.SEE_OTHER));
    r.get("/ui", ctx -> ctx.redirect("/ui/", HttpStatus.SEE_OTHER));
    r.get("/ui/login", ctx -> html(ctx, 200, pages.login(null)));
    r.post("/ui/login", this::login);
    r.post("/ui/logout", this::logout);
    r.get("/ui/", this::list);
    r.get("/ui/decisions/{id}", this::decision);
  }

  private void login(Context ctx) {
    String token = ctx.formParam("token");
    Optional<String> name = tokens.nameOf(token == null ? null : token.strip());
    if (name.isEmpty()) {
      recordDenied.accept(ctx, token == null || token.isBlank()
          ? AuditRecord.AccessDenied.MISSING_TOKEN : AuditRecord.AccessDenied.UNKNOWN_TOKEN);
      html(ctx, 401, pages.login("That token is not one this server accepts. The attempt was recorded."));
      return;
    }
    String id = sessions.open(name.get());
    ctx.header("Set-Cookie", COOKIE + "=" + id + "; Path=/ui; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : ""));
    ctx.redirect("/ui/", HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    sessions.close(ctx.cookie(COOKIE));
    ctx.header("Set-Cookie", COOKIE + "=; Path=/ui; Max-Age=0; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : ""));
    ctx.redirect("/ui/login", HttpStatus.SEE_OTHER);
  }

  /** The signed-in token name, or a redirect to the login form. */
  private Optional<String> user(Context ctx) {
    Optional<String> name = sessions.tokenName(ctx.cookie(COOKIE));
    if (name.isEmpty()) {
      ctx.redirect("/ui/login", HttpStatus.SEE_OTHER);
    }
    return name;
  }

  private void list(Context ctx) {
    Optional<String> user = user(ctx);
    if (user.isEmpty()) {
      return;
    }
    String verdictText = ctx.queryParam("verdict");
    Verdict verdict = null;
    if (verdictText != null && !verdictText.isBlank()) {
      try {
        verdict = Verdict.valueOf(verdictText.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        verdict = null;
      }
    }
    String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
    List<AuditRecord> all;
    try {
      all = preflight.store().list(AuditQuery.ALL);
    } catch (AuditException e) {
      html(ctx, 503, pages.unavailable(user.get(), e.getMessage()));
      return;
    }
    List<AuditRecord> shown = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0; i--) {
      AuditRecord r = all.get(i);
      if ((verdict == null || r.decision().verdict() == verdict) && matches(r, q)) {
        shown.add(r);
      }
    }
    html(ctx, 200, pages.list(user.get(), chain(), shown, all.size(), verdict, q));
  }

  /** The search box: a plan id, title or ticket, or a rule id of a finding (case-insensitive substring). */
  static boolean matches(AuditRecord r, String q) {
    if (q.isEmpty()) {
      return true;
    }
    String needle = q.toLowerCase(Locale.ROOT);
    List<String> hay = new ArrayList<>();
    if (r.plan() != null) {
      hay.add(r.plan().id());
      hay.add(r.plan().title());
      hay.add(r.plan().ticket());
    }
    if (r.decision().plan() != null) {
      hay.add(r.decision().plan().id());
    }
    r.decision().findings().forEach(f -> hay.add(f.rule()));
    return hay.stream().anyMatch(s -> s != null && s.toLowerCase(Locale.ROOT).contains(needle));
  }

  private void decision(Context ctx) {
    Optional<String> user = user(ctx);
    if (user.isEmpty()) {
      return;
    }
    String id = ctx.pathParam("id");
    Optional<AuditRecord> found;
    try {
      found = preflight.store().find(id).stream().filter(r -> r.id().equals(id)).findFirst();
    } catch (AuditException e) {
      html(ctx, 503, pages.unavailable(user.get(), e.getMessage()));
      return;
    }
    if (found.isEmpty()) {
      html(ctx, 404, pages.notFound(user.get(), chain(), id));
      return;
    }
    html(ctx, 200, pages.decision(user.get(), chain(), found.get()));
  }

  /** The chain's state for the page header: what was appended since the last page, verified on every page view. */
  private Pages.Chain chain() {
    try {
      return new Pages.Chain(preflight.chain(), null);
    } catch (AuditException e) {
      return new Pages.Chain(null, e.getMessage());
    }
  }

  private static void html(Context ctx, int status, String page) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    ctx.status(status).contentType("text/html; charset=utf-8").result(page);
  }
}
