package io.vsguard.cli.serve;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.vsguard.core.audit.AuditException;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.decision.Decisions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The auditors' web view under {@code /ui/}: server-rendered pages on the audit log, no script, no
 * inline style and no external resource, so it works offline and under a strict
 * Content-Security-Policy. Logging in takes one of the API's tokens and starts a cookie session
 * ({@link Sessions}); a wrong token is recorded in the audit chain like a refused API request. The
 * sign-in and sign-out forms are refused when they come from another site ({@link Csrf}).
 */
final class WebView {
  static final String COOKIE = "vsguard_session";

  /**
   * Set with the sign-in page, sent back only to it: the pre-session half of the login CSRF check.
   */
  static final String LOGIN_COOKIE = "vsguard_login";

  static final String STYLESHEET = "/ui/vsguard.css";
  static final String CSP =
      "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none';"
          + " base-uri 'none'";
  private static final String CSS_RESOURCE = "vsguard.css";

  private final Preflight preflight;
  private final ApiTokens tokens;
  private final Sessions sessions;
  private final boolean tls;
  private final BiConsumer<Context, String> recordDenied;
  private final byte[] css;
  private final String cssTag;

  WebView(
      Preflight preflight,
      ApiTokens tokens,
      Sessions sessions,
      boolean tls,
      BiConsumer<Context, String> recordDenied) {
    this.preflight = preflight;
    this.tokens = tokens;
    this.sessions = sessions;
    this.tls = tls;
    this.recordDenied = recordDenied;
    this.css = stylesheet();
    this.cssTag = "\"" + Decisions.sha256(css).substring(0, 16) + "\"";
  }

  void install(io.javalin.config.RoutesConfig r) {
    r.get("/", ctx -> ctx.redirect("/ui/", HttpStatus.SEE_OTHER));
    r.get("/ui", ctx -> ctx.redirect("/ui/", HttpStatus.SEE_OTHER));
    r.get(STYLESHEET, this::stylesheet);
    r.get("/ui/login", ctx -> loginPage(ctx, 200, null));
    r.post("/ui/login", this::login);
    r.post("/ui/logout", this::logout);
    r.get("/ui/", this::list);
    r.get("/ui/decisions/{id}", this::decision);
  }

  // ---- signing in and out

  /** The sign-in form with a fresh CSRF token, the same one in its login cookie. */
  private void loginPage(Context ctx, int status, String error) {
    String csrf = Csrf.newToken();
    ctx.header("Set-Cookie", cookie(LOGIN_COOKIE, csrf, "/ui/login", -1));
    html(ctx, status, Pages.login(error, csrf));
  }

  private void login(Context ctx) {
    // The forgery checks come before the token is even looked at: a post from another site learns
    // nothing about a token and leaves nothing in the audit log.
    String crossSite = crossSite(ctx);
    if (crossSite != null) {
      loginPage(
          ctx,
          403,
          "Sign-in refused: "
              + crossSite
              + ", not from this server's sign-in form."
              + " Sign in here.");
      return;
    }
    if (!Csrf.sameToken(ctx.cookie(LOGIN_COOKIE), ctx.formParam("csrf"))) {
      loginPage(
          ctx,
          403,
          "Sign-in refused: the form did not carry this browser's sign-in token (an old"
              + " or copied form, or cookies are off). Sign in again here.");
      return;
    }
    String token = ctx.formParam("token");
    Optional<String> name = tokens.nameOf(token == null ? null : token.strip());
    if (name.isEmpty()) {
      recordDenied.accept(
          ctx,
          token == null || token.isBlank()
              ? AuditRecord.AccessDenied.MISSING_TOKEN
              : AuditRecord.AccessDenied.UNKNOWN_TOKEN);
      loginPage(ctx, 401, "That token is not one this server accepts. The attempt was recorded.");
      return;
    }
    Sessions.Session session = sessions.open(name.get());
    ctx.res().addHeader("Set-Cookie", cookie(LOGIN_COOKIE, "", "/ui/login", 0));
    ctx.res().addHeader("Set-Cookie", cookie(COOKIE, session.id(), "/ui", -1));
    ctx.redirect("/ui/", HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    Optional<Sessions.Session> session = sessions.find(ctx.cookie(COOKIE));
    if (session.isEmpty()) {
      ctx.redirect("/ui/login", HttpStatus.SEE_OTHER);
      return;
    }
    String crossSite = crossSite(ctx);
    if (crossSite != null || !Csrf.sameToken(session.get().csrf(), ctx.formParam("csrf"))) {
      html(
          ctx,
          403,
          Pages.message(
              viewer(session.get()),
              chain(),
              "Sign-out refused",
              "Sign-out refused",
              "The sign-out did not come from this server's own page ("
                  + (crossSite != null ? crossSite : "it did not carry this session's form token")
                  + "); you are still signed in.",
              true));
      return;
    }
    sessions.close(session.get().id());
    ctx.header("Set-Cookie", cookie(COOKIE, "", "/ui", 0));
    ctx.redirect("/ui/login", HttpStatus.SEE_OTHER);
  }

  private static String crossSite(Context ctx) {
    return Csrf.crossSite(ctx.header("Sec-Fetch-Site"), ctx.header("Origin"), ctx.header("Host"));
  }

  /**
   * An HttpOnly, SameSite=Strict cookie; maxAge 0 deletes it, -1 keeps it for the browser session.
   */
  private String cookie(String name, String value, String path, int maxAge) {
    return name
        + "="
        + value
        + "; Path="
        + path
        + (maxAge >= 0 ? "; Max-Age=" + maxAge : "")
        + "; HttpOnly; SameSite=Strict"
        + (tls ? "; Secure" : "");
  }

  /** The signed-in session, or a redirect to the login form. */
  private Optional<Sessions.Session> session(Context ctx) {
    Optional<Sessions.Session> session = sessions.find(ctx.cookie(COOKIE));
    if (session.isEmpty()) {
      ctx.redirect("/ui/login", HttpStatus.SEE_OTHER);
    }
    return session;
  }

  private static Pages.Viewer viewer(Sessions.Session s) {
    return new Pages.Viewer(s.tokenName(), s.csrf());
  }

  // ---- pages

  private void list(Context ctx) {
    Optional<Sessions.Session> session = session(ctx);
    if (session.isEmpty()) {
      return;
    }
    Pages.Viewer viewer = viewer(session.get());
    ListPage.Query query;
    try {
      query = ListPage.Query.parse(ctx.queryParamMap());
    } catch (ListPage.Query.Invalid e) {
      html(
          ctx,
          400,
          Pages.message(
              viewer,
              chain(),
              "Bad address",
              "This address does not name a list of decisions",
              e.getMessage(),
              true));
      return;
    }
    ListPage page;
    try {
      page = DecisionList.page(preflight.store()::walk, query);
    } catch (AuditException e) {
      unavailable(ctx, viewer, e);
      return;
    }
    html(ctx, 200, Pages.list(viewer, chain(), page));
  }

  /**
   * The search box: a plan id, title or ticket, or a rule id of a finding (case-insensitive
   * substring).
   */
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
    Optional<Sessions.Session> session = session(ctx);
    if (session.isEmpty()) {
      return;
    }
    Pages.Viewer viewer = viewer(session.get());
    String id = ctx.pathParam("id");
    Optional<AuditRecord> found;
    List<AuditRecord> timeline = List.of();
    try {
      found = preflight.store().find(id).stream().filter(r -> r.id().equals(id)).findFirst();
      if (found.isPresent()) {
        timeline =
            preflight.store().applyTimeline(id, found.get().seq(), DecisionPage.MAX_TIMELINE);
      }
    } catch (AuditException e) {
      unavailable(ctx, viewer, e);
      return;
    }
    if (found.isEmpty()) {
      html(
          ctx,
          404,
          Pages.message(
              viewer,
              chain(),
              "Not found",
              "No decision " + id,
              "The audit log has no decision with this id.",
              false));
      return;
    }
    html(ctx, 200, Pages.decision(viewer, chain(), DecisionPage.of(found.get(), timeline)));
  }

  private static void unavailable(Context ctx, Pages.Viewer viewer, AuditException e) {
    html(
        ctx,
        503,
        Pages.message(
            viewer,
            new Pages.Chain(null, e.getMessage()),
            "Audit log unavailable",
            "The audit log cannot be read",
            e.getMessage(),
            true));
  }

  /**
   * The chain's state for the page header: what was appended since the last page, verified on every
   * page view.
   */
  private Pages.Chain chain() {
    try {
      return new Pages.Chain(preflight.chain(), null);
    } catch (AuditException e) {
      return new Pages.Chain(null, e.getMessage());
    }
  }

  // ---- answers

  private void stylesheet(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", cssTag);
    if (cssTag.equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.status(200).contentType("text/css; charset=utf-8").result(css);
  }

  private static byte[] stylesheet() {
    try (InputStream in = WebView.class.getResourceAsStream(CSS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the web view's stylesheet " + CSS_RESOURCE + " is not in the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void html(Context ctx, int status, String page) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    // same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with the
    // page's
    // own form posts, and the sign-in check could no longer tell them from another site's.
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cache-Control", "no-store");
    ctx.status(status).contentType("text/html; charset=utf-8").result(page);
  }
}
