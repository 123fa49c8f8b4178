package io.vsguard.cli.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.vsguard.core.audit.AuditException;
import io.vsguard.core.audit.AuditQuery;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.audit.JsonlAuditStore;
import io.vsguard.core.audit.PageRequest;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.stage.StageResult;
import io.vsguard.core.text.Json;
import io.vsguard.core.text.SafeText;
import io.vsguard.core.text.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTP pre-flight API and the auditors' web view (docs/spec/cli.md, section 6), on Javalin.
 *
 * <p>Every {@code /v1} route needs {@code Authorization: Bearer TOKEN}; a request without a valid
 * one is answered 401 and recorded in the audit chain as an access record. Answers that are not the
 * document asked for are RFC 9457 problem documents. The web view under {@code /ui/} uses the same
 * tokens through a login form and a session cookie.
 */
public final class ApiServer implements AutoCloseable {
  static final String JSON = "application/json";

  /** Browsers that once reached the server over HTTPS keep to it for a year. */
  static final String HSTS = "max-age=31536000";

  private static final Set<String> DECISION_QUERY =
      Set.of("verdict", "since", "rule", "plan", "order", "after", "before", "limit");

  /** How to listen. A keystore means HTTPS only; without one the server speaks plain HTTP. */
  public record Options(
      String bind, int port, long maxBodyBytes, KeyStore keyStore, char[] keyStorePassword) {}

  private final Javalin app;
  private final boolean tls;
  private final String bind;

  private ApiServer(Javalin app, boolean tls, String bind) {
    this.app = app;
    this.tls = tls;
    this.bind = bind;
  }

  public static ApiServer start(
      Options options, ApiTokens tokens, Preflight preflight, Clock clock) {
    Sessions sessions = new Sessions(clock);
    Routes routes =
        new Routes(options, tokens, preflight, sessions, options.keyStore() != null, clock);
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.router.ignoreTrailingSlashes = false;
              cfg.http.maxRequestSize = options.maxBodyBytes();
              cfg.http.generateEtags = false;
              if (options.keyStore() == null) {
                cfg.jetty.host = options.bind();
                cfg.jetty.port = options.port();
              } else {
                cfg.jetty.addConnector(
                    (server, httpConfig) -> {
                      SslContextFactory.Server ssl = new SslContextFactory.Server();
                      ssl.setKeyStore(options.keyStore());
                      ssl.setKeyStorePassword(new String(options.keyStorePassword()));
                      HttpConfiguration https = new HttpConfiguration(httpConfig);
                      // Clients reach the server by address as often as by name; the certificate
                      // check is theirs.
                      https.addCustomizer(new SecureRequestCustomizer(false));
                      ServerConnector c =
                          new ServerConnector(
                              server,
                              new SslConnectionFactory(ssl, "http/1.1"),
                              new HttpConnectionFactory(https));
                      c.setHost(options.bind());
                      c.setPort(options.port());
                      return c;
                    });
              }
              cfg.jetty.modifyHttpConfiguration(
                  h -> {
                    h.setSendServerVersion(false);
                    h.setSendXPoweredBy(false);
                  });
              boolean tls = options.keyStore() != null;
              cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems(tls)));
              routes.install(cfg.routes);
            });
    app.start();
    return new ApiServer(app, options.keyStore() != null, options.bind());
  }

  public int port() {
    return app.port();
  }

  public URI baseUri() {
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    return URI.create((tls ? "https" : "http") + "://" + host + ":" + port());
  }

  @Override
  public void close() {
    app.stop();
  }

  /** The handlers; one instance per server. */
  private static final class Routes {
    private final Options options;
    private final ApiTokens tokens;
    private final Preflight preflight;
    private final WebView web;
    private final Clock clock;
    private final RefusalLimiter limiter;
    private final boolean tls;
    private static final java.time.Duration HEALTH_TTL = java.time.Duration.ofSeconds(1);
    private JsonlAuditStore.Health health;
    private java.time.Instant healthAt;

    Routes(
        Options options,
        ApiTokens tokens,
        Preflight preflight,
        Sessions sessions,
        boolean tls,
        Clock clock) {
      this.tls = tls;
      this.options = options;
      this.tokens = tokens;
      this.preflight = preflight;
      this.clock = clock;
      this.limiter = new RefusalLimiter(clock);
      this.web = new WebView(preflight, tokens, sessions, tls, this::recordDenied);
    }

    void install(io.javalin.config.RoutesConfig r) {
      // Every answer: not to be sniffed into another type, not to be stored by a cache or a
      // browser (decisions and problems name hosts and changes), and HTTPS only once seen over it.
      r.before(
          ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Cache-Control", "no-store");
            if (tls) {
              ctx.header("Strict-Transport-Security", HSTS);
            }
          });
      r.before(this::authenticate);
      // Liveness: the process answers. Readiness (and /healthz, what monitors already ask): a
      // decision can be recorded now; without that every check would end in 503.
      r.get("/livez", ctx -> ctx.contentType(JSON).result("{\"status\":\"ok\"}\n"));
      r.get("/readyz", this::ready);
      r.get("/healthz", this::ready);
      r.post("/v1/checks", this::check);
      r.post("/v1/stages", this::stage);
      r.get("/v1/decisions", this::listDecisions);
      r.get("/v1/decisions/{id}", this::getDecision);
      web.install(r);
      r.exception(ProblemException.class, (e, ctx) -> problem(ctx, e.problem()));
      r.exception(
          Exception.class,
          (e, ctx) ->
              problem(
                  ctx,
                  Problem.of(
                      Problem.Kind.INTERNAL,
                      "the server failed while answering: " + e.getClass().getSimpleName())));
      r.error(
          404,
          ctx -> {
            if (!isProblem(ctx) && !isHtml(ctx)) {
              problem(
                  ctx,
                  Problem.of(
                      Problem.Kind.NOT_FOUND,
                      "no such resource: " + ctx.req().getMethod() + " " + ctx.path()));
            }
          });
      r.error(
          405,
          ctx -> {
            if (!isProblem(ctx)) {
              problem(
                  ctx,
                  Problem.of(
                      Problem.Kind.METHOD_NOT_ALLOWED,
                      ctx.req().getMethod() + " is not allowed on " + ctx.path()));
            }
          });
    }

    private void ready(Context ctx) {
      JsonlAuditStore.Health h = readiness();
      if (!h.writable()) {
        ctx.header("Retry-After", "5");
        throw new ProblemException(
            Problem.Kind.NOT_READY,
            "decisions cannot be recorded, so none would count: " + h.detail());
      }
      ctx.contentType(JSON).result("{\"status\":\"ok\"}\n");
    }

    /**
     * The audit log's health, asked at most once a {@link #HEALTH_TTL}: a probe writes and forces a
     * small file, and an unauthenticated route must not be a way to make the server fsync at will.
     */
    private JsonlAuditStore.Health readiness() {
      synchronized (this) {
        java.time.Instant now = clock.instant();
        if (health == null || !now.isBefore(healthAt.plus(HEALTH_TTL))) {
          health = preflight.store().health();
          healthAt = now;
        }
        return health;
      }
    }

    /** Bearer tokens on /v1; the web view checks its session in {@link WebView}. */
    private void authenticate(Context ctx) {
      if (!ctx.path().startsWith("/v1/") && !ctx.path().equals("/v1")) {
        return;
      }
      String header = ctx.header("Authorization");
      String reason;
      if (header == null || header.isBlank()) {
        reason = AuditRecord.AccessDenied.MISSING_TOKEN;
      } else if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
        reason = AuditRecord.AccessDenied.MALFORMED;
      } else {
        Optional<String> name = tokens.nameOf(header.substring(7).strip());
        if (name.isPresent()) {
          ctx.attribute("tokenName", name.get());
          return;
        }
        reason = AuditRecord.AccessDenied.UNKNOWN_TOKEN;
      }
      recordDenied(ctx, reason);
      ctx.header("WWW-Authenticate", "Bearer realm=\"vsguard\"");
      throw new ProblemException(
          Problem.Kind.UNAUTHORIZED,
          switch (reason) {
            case AuditRecord.AccessDenied.MISSING_TOKEN ->
                "send Authorization: Bearer TOKEN with a token from the" + " server's tokens file";
            case AuditRecord.AccessDenied.MALFORMED ->
                "the Authorization header is not of the form Bearer TOKEN";
            default -> "the bearer token is not one the server knows";
          });
    }

    /**
     * Records a refused request in the audit chain, within the client's allowance ({@link
     * RefusalLimiter}); beyond it the answer is 429 and the limiting is recorded once per interval.
     * When the log cannot take a record, the refusal stands (nothing was let in) and the answer
     * says the audit log is unavailable.
     */
    private void recordDenied(Context ctx, String reason) {
      String address = ctx.req().getRemoteAddr();
      RefusalLimiter.Admission a = limiter.admit(address);
      if (a.record()) {
        String actor =
            a.limited() && a.client().equals(RefusalLimiter.ALL_CLIENTS)
                ? RefusalLimiter.ALL_CLIENTS
                : address;
        try {
          preflight
              .store()
              .appendAccessDenied(
                  AuditRecord.Actor.unauthenticated(actor),
                  AuditRecord.AccessDenied.capped(
                      ctx.req().getMethod(),
                      ctx.path(),
                      a.limited() ? AuditRecord.AccessDenied.RATE_LIMITED : reason,
                      a.suppressed(),
                      a.until()));
        } catch (AuditException e) {
          throw new ProblemException(
              Problem.Kind.AUDIT_UNAVAILABLE,
              "the request was refused ("
                  + reason
                  + "), and the refusal could not be recorded: "
                  + e.getMessage());
        }
      }
      if (a.limited()) {
        long wait = Math.max(1, java.time.Duration.between(clock.instant(), a.until()).toSeconds());
        ctx.header("Retry-After", Long.toString(wait));
        throw new ProblemException(
            Problem.Kind.RATE_LIMITED,
            "too many refused requests from "
                + (a.client().equals(RefusalLimiter.ALL_CLIENTS)
                    ? "all clients together"
                    : "this client (" + a.client() + ")")
                + "; refusals are not recorded one by one until "
                + a.until()
                + "; send a valid bearer token");
      }
    }

    private void check(Context ctx) {
      // The body is read before a slot is taken (a slow client holds no core), parsed and
      // evaluated in one, and recorded after it.
      byte[] raw = bodyBytes(ctx);
      String tokenName = ctx.attribute("tokenName");
      Preflight.Checked checked =
          preflight.record(evaluating(() -> preflight.decide(parse(raw), tokenName, ctx.path())));
      if (checked instanceof Preflight.Checked.Unrecorded u) {
        throw new ProblemException(
            Problem.of(
                Problem.Kind.AUDIT_UNAVAILABLE,
                "the decision ("
                    + u.decision().verdict()
                    + ") could not be recorded in the audit log, so it does not count: "
                    + u.cause().getMessage()));
      }
      Decision d = ((Preflight.Checked.Recorded) checked).record().decision();
      ctx.header("Location", "/v1/decisions/" + d.decisionId());
      if (d.verdict() == Verdict.ERROR) {
        throw new ProblemException(
            Problem.of(Problem.Kind.CANNOT_EVALUATE, d.error().message())
                .withDecisionId(d.decisionId()));
      }
      json(ctx, 200, d);
    }

    private void stage(Context ctx) {
      byte[] raw = bodyBytes(ctx);
      record Staging(CheckRequest req, StageResult result) {}
      Staging staging =
          evaluating(
              () -> {
                CheckRequest parsed = parse(raw);
                return new Staging(parsed, preflight.stage(parsed, ctx.path()));
              });
      CheckRequest req = staging.req();
      StageResult result = staging.result();
      if (result instanceof StageResult.Failed failed) {
        // past the deadline, a rule that failed, a vCenter that could not be read: nothing is
        // offered
        throw new ProblemException(
            Problem.Kind.CANNOT_EVALUATE, "the guard could not stage the plan: " + failed.reason());
      }
      if (result instanceof StageResult.Refused refused) {
        throw new ProblemException(
            Problem.of(
                    Problem.Kind.NO_SAFE_ROLLOUT,
                    "no safe rollout for " + req.plan().document().metadata().id())
                .withReasons(refused.reasons()));
      }
      StageResult.Staged staged = (StageResult.Staged) result;
      json(ctx, 200, staged.plan());
    }

    /**
     * One page of decisions, oldest first after a cursor ({@code after=SEQ}) or newest first
     * ({@code order=newest}, {@code before=SEQ}); the records are streamed out as the log is read,
     * so an answer costs one record of memory however large the log and the page.
     */
    private void listDecisions(Context ctx) throws IOException {
      for (String p : ctx.queryParamMap().keySet()) {
        if (!DECISION_QUERY.contains(p)) {
          throw new ProblemException(
              invalidParam(
                  p,
                  "unknown query parameter; expected verdict, since, rule, plan,"
                      + " order, after, before or limit"));
        }
      }
      AuditQuery q =
          new AuditQuery(
              verdictParam(ctx.queryParam("verdict")),
              sinceParam(ctx.queryParam("since")),
              blankToNull(ctx.queryParam("rule")),
              blankToNull(ctx.queryParam("plan")));
      PageRequest page = pageParams(ctx, q);
      OutputStream[] body = {null};
      long[] count = {0};
      OptionalLong next;
      try {
        next =
            preflight
                .store()
                .page(
                    page,
                    (record, line) -> {
                      try {
                        if (body[0] == null) {
                          body[0] = startList(ctx);
                        } else {
                          body[0].write(",\n".getBytes(StandardCharsets.UTF_8));
                        }
                        body[0].write(SafeText.escape(line).getBytes(StandardCharsets.UTF_8));
                        count[0]++;
                      } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    });
      } catch (AuditException e) {
        if (body[0] != null) {
          // Part of the page is out: end the answer broken rather than as a shorter valid page.
          throw new java.io.UncheckedIOException(
              new IOException("audit log unreadable mid-page: " + e.getMessage()));
        }
        throw new ProblemException(Problem.Kind.AUDIT_UNAVAILABLE, e.getMessage());
      }
      if (body[0] == null) {
        body[0] = startList(ctx);
      }
      String nextLink = next.isPresent() ? nextLink(ctx, page, next.getAsLong()) : null;
      StringBuilder end =
          new StringBuilder("\n],\n\"count\": ")
              .append(count[0])
              .append(",\n\"next\": ")
              .append(nextLink == null ? "null" : Json.json().writeValueAsString(nextLink))
              .append("\n}\n");
      body[0].write(end.toString().getBytes(StandardCharsets.UTF_8));
      body[0].flush();
    }

    private static OutputStream startList(Context ctx) throws IOException {
      ctx.status(200).contentType(JSON);
      OutputStream os = ctx.outputStream();
      os.write("{\"decisions\": [\n".getBytes(StandardCharsets.UTF_8));
      return os;
    }

    /**
     * The page parameters: limit 1..1000 (default 100), oldest first after a seq or newest first
     * before one.
     */
    static PageRequest pageParams(Context ctx, AuditQuery q) {
      int limit = PageRequest.DEFAULT_LIMIT;
      String l = blankToNull(ctx.queryParam("limit"));
      if (l != null) {
        try {
          limit = Integer.parseInt(l);
        } catch (NumberFormatException e) {
          limit = -1;
        }
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
          throw new ProblemException(
              invalidParam(
                  "limit",
                  "expected a page size from 1 to "
                      + PageRequest.MAX_LIMIT
                      + " (default "
                      + PageRequest.DEFAULT_LIMIT
                      + "), got '"
                      + l
                      + "'"));
        }
      }
      String order = blankToNull(ctx.queryParam("order"));
      String after = blankToNull(ctx.queryParam("after"));
      String before = blankToNull(ctx.queryParam("before"));
      boolean newest;
      if (order == null) {
        newest = before != null;
      } else if (order.equalsIgnoreCase("oldest") || order.equalsIgnoreCase("newest")) {
        newest = order.equalsIgnoreCase("newest");
      } else {
        throw new ProblemException(
            invalidParam("order", "expected oldest (the default) or newest, got '" + order + "'"));
      }
      if ((after != null && newest) || (before != null && !newest)) {
        throw new ProblemException(
            invalidParam(
                after != null ? "after" : "before",
                "after=SEQ pages oldest first,"
                    + " before=SEQ newest first; give the one that goes with the order"));
      }
      long cursor = newest ? PageRequest.FROM_END : 0;
      String c = newest ? before : after;
      if (c != null) {
        try {
          cursor = Long.parseLong(c);
        } catch (NumberFormatException e) {
          cursor = -1;
        }
        if (cursor < 0) {
          throw new ProblemException(
              invalidParam(
                  newest ? "before" : "after",
                  "expected a record's seq (a whole number, 0 or more), got '" + c + "'"));
        }
      }
      return new PageRequest(
          q,
          newest ? PageRequest.Order.NEWEST_FIRST : PageRequest.Order.OLDEST_FIRST,
          cursor,
          limit,
          PageRequest.DEFAULT_MAX_BYTES);
    }

    /** The request's own URL with the cursor moved: the filters, order and limit are kept. */
    private static String nextLink(Context ctx, PageRequest page, long cursor) {
      StringBuilder b = new StringBuilder(ctx.path()).append('?');
      for (String p : List.of("verdict", "since", "rule", "plan", "order", "limit")) {
        String v = blankToNull(ctx.queryParam(p));
        if (v != null) {
          b.append(p)
              .append('=')
              .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8))
              .append('&');
        }
      }
      return b.append(page.order() == PageRequest.Order.NEWEST_FIRST ? "before=" : "after=")
          .append(cursor)
          .toString();
    }

    private void getDecision(Context ctx) {
      String id = ctx.pathParam("id");
      List<AuditRecord> found;
      try {
        found = preflight.store().find(id);
      } catch (AuditException e) {
        throw new ProblemException(Problem.Kind.AUDIT_UNAVAILABLE, e.getMessage());
      }
      Optional<AuditRecord> exact = found.stream().filter(r -> r.id().equals(id)).findFirst();
      if (exact.isEmpty()) {
        throw new ProblemException(
            Problem.Kind.NOT_FOUND, "no decision with id " + id + " in the audit log");
      }
      json(ctx, 200, exact.get());
    }

    static Verdict verdictParam(String v) {
      if (v == null || v.isBlank()) {
        return null;
      }
      try {
        return Verdict.valueOf(v.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ProblemException(
            invalidParam("verdict", "expected ALLOW, WARN, BLOCK or ERROR, got '" + v + "'"));
      }
    }

    static Instant sinceParam(String s) {
      if (s == null || s.isBlank()) {
        return null;
      }
      try {
        return Instant.parse(s.strip());
      } catch (DateTimeParseException notInstant) {
        try {
          return LocalDate.parse(s.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
          throw new ProblemException(
              invalidParam(
                  "since",
                  "expected an instant such as 2016-11-22T10:30:00Z or a date such as 2016-11-22 (UTC)"));
        }
      }
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.strip();
    }

    private static Problem invalidParam(String name, String detail) {
      return Problem.of(Problem.Kind.INVALID_INPUT, "query parameter " + name + ": " + detail)
          .withErrors(List.of(new Problem.FieldError("query", name, "", detail)));
    }

    /** {@code work} in one of the server's evaluation slots, or 503 when none came free in time. */
    private <T> T evaluating(java.util.function.Supplier<T> work) {
      try {
        return preflight.evaluating(work);
      } catch (Preflight.Busy e) {
        throw new ProblemException(Problem.Kind.CANNOT_EVALUATE, e.getMessage());
      }
    }

    /** The request's JSON body, read up to the cap ({@link #parse} reads and validates it). */
    private byte[] bodyBytes(Context ctx) {
      String type = ctx.contentType();
      if (!isJson(type)) {
        throw new ProblemException(
            Problem.Kind.UNSUPPORTED_MEDIA_TYPE,
            "send the body as application/json" + (type == null ? "" : ", not " + type));
      }
      long max = options.maxBodyBytes();
      long declared = ctx.req().getContentLengthLong();
      if (declared > max) {
        throw tooLarge(max);
      }
      byte[] raw;
      try (InputStream in = ctx.req().getInputStream()) {
        raw = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (raw.length > max) {
          // A body without a declared length that runs past the cap: read (and drop) a bounded
          // tail so the client, still sending, gets the 413 instead of a connection reset.
          drain(in, DRAIN_AFTER_CAP);
          ctx.header("Connection", "close");
          throw tooLarge(max);
        }
      } catch (IOException e) {
        throw new ProblemException(
            Problem.Kind.INVALID_INPUT,
            "the request body could not be read: " + e.getClass().getSimpleName());
      }
      return raw;
    }

    private CheckRequest parse(byte[] raw) {
      try {
        return CheckRequest.parse(raw, preflight.hasLiveInventory());
      } catch (CheckRequest.Invalid e) {
        throw new ProblemException(e.problem());
      }
    }

    /** At most this much of an over-long body is read past the cap, then the connection closes. */
    private static final long DRAIN_AFTER_CAP = 1L << 20;

    private static void drain(InputStream in, long bound) throws IOException {
      byte[] sink = new byte[8192];
      long left = bound;
      int n;
      while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
        left -= n;
      }
    }

    private static ProblemException tooLarge(long max) {
      return new ProblemException(
          Problem.Kind.PAYLOAD_TOO_LARGE,
          "the request body is larger than the server's"
              + " limit of "
              + max
              + " bytes (vsguard serve --max-body)");
    }

    /**
     * True when a handler already answered with a problem document, which an error mapper must
     * keep.
     */
    private static boolean isProblem(Context ctx) {
      String t = ctx.res().getContentType();
      return t != null && t.startsWith(Problem.MEDIA_TYPE);
    }

    private static boolean isHtml(Context ctx) {
      String t = ctx.res().getContentType();
      return t != null && t.startsWith("text/html");
    }

    static boolean isJson(String contentType) {
      if (contentType == null) {
        return false;
      }
      String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      return media.equals(JSON) || (media.startsWith("application/") && media.endsWith("+json"));
    }

    static void json(Context ctx, int status, Object body) {
      ctx.status(status).contentType(JSON).result(Secrets.scrubJson(Json.pretty(body)) + "\n");
    }

    void problem(Context ctx, Problem p) {
      Problem withInstance = p.instance() == null ? p.withInstance(ctx.path()) : p;
      String text;
      try {
        text =
            Secrets.scrubJson(
                    Json.json().writerWithDefaultPrettyPrinter().writeValueAsString(withInstance))
                + "\n";
      } catch (JsonProcessingException e) {
        text = "{\"status\":" + p.status() + "}\n";
      }
      if (p.status() == 401 && ctx.res().getHeader("WWW-Authenticate") == null) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"vsguard\"");
      }
      ctx.status(HttpStatus.forStatus(p.status())).contentType(Problem.MEDIA_TYPE).result(text);
    }
  }
}
