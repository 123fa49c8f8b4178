package io.vsguard.core.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.plan.ChangePlan;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One line of the audit log: a Decision with who asked, what was checked against what, and its
 * place in the hash chain. Field names are a contract for auditors, like the Decision's.
 *
 * <p>{@code sha256} is the SHA-256 of the record's own line with its final {@code ,"sha256":"…"}
 * member (and the {@code ,"signature":{…}} after it, if any) removed (see {@link SealedLine});
 * {@code prev} is the previous record's {@code sha256}, or {@link #GENESIS} for the first record;
 * {@code signature}, when the writer holds the audit key, signs {@code sha256}.
 */
@JsonPropertyOrder({
  "seq",
  "recordedAt",
  "actor",
  "plan",
  "inventorySource",
  "policy",
  "repair",
  "accessDenied",
  "apply",
  "decision",
  "prev",
  "sha256",
  "signature"
})
public record AuditRecord(
    long seq,
    Instant recordedAt,
    Actor actor,
    PlanInfo plan,
    InventorySource inventorySource,
    PolicyInfo policy,
    @JsonInclude(JsonInclude.Include.NON_NULL) Repair repair,
    @JsonInclude(JsonInclude.Include.NON_NULL) AccessDenied accessDenied,
    @JsonInclude(JsonInclude.Include.NON_NULL) ApplyEvent apply,
    Decision decision,
    String prev,
    @JsonInclude(JsonInclude.Include.NON_NULL) String sha256,
    @JsonInclude(JsonInclude.Include.NON_NULL) Signature signature) {

  /** The {@code prev} of the first record. */
  public static final String GENESIS = "0".repeat(64);

  /** A decision's record (accessDenied null), as every record was before access records existed. */
  public AuditRecord(
      long seq,
      Instant recordedAt,
      Actor actor,
      PlanInfo plan,
      InventorySource inventorySource,
      PolicyInfo policy,
      Repair repair,
      Decision decision,
      String prev,
      String sha256) {
    this(
        seq,
        recordedAt,
        actor,
        plan,
        inventorySource,
        policy,
        repair,
        null,
        null,
        decision,
        prev,
        sha256,
        null);
  }

  /** A record without a signature, as every record was before the audit key existed. */
  public AuditRecord(
      long seq,
      Instant recordedAt,
      Actor actor,
      PlanInfo plan,
      InventorySource inventorySource,
      PolicyInfo policy,
      Repair repair,
      AccessDenied accessDenied,
      Decision decision,
      String prev,
      String sha256) {
    this(
        seq,
        recordedAt,
        actor,
        plan,
        inventorySource,
        policy,
        repair,
        accessDenied,
        null,
        decision,
        prev,
        sha256,
        null);
  }

  /**
   * The decision's id: what {@code audit show ID} and {@code GET /v1/decisions/{id}} take; null for
   * an access record, which holds no decision.
   */
  public String id() {
    return decision == null ? null : decision.decisionId();
  }

  /**
   * True for a decision's record, false for an {@link AccessDenied} or {@link ApplyEvent} record.
   */
  public boolean hasDecision() {
    return decision != null;
  }

  AuditRecord sealed(String hash, Signature sig) {
    return new AuditRecord(
        seq,
        recordedAt,
        actor,
        plan,
        inventorySource,
        policy,
        repair,
        accessDenied,
        apply,
        decision,
        prev,
        hash,
        sig);
  }

  /**
   * The recording process's Ed25519 signature of this record's {@code sha256} ({@link
   * AuditSigner}): {@code key} names the public key (the first 16 hex digits of its SHA-256),
   * {@code value} is the signature in base64.
   */
  @JsonPropertyOrder({"alg", "key", "value"})
  public record Signature(String alg, String key, String value) {}

  /** Who asked for the decision: an OS user at the command line, or an API token by its name. */
  public record Actor(String type, String name) {
    public static final String OS_USER = "os-user";
    public static final String API_TOKEN = "api-token";
    public static final String UNAUTHENTICATED = "unauthenticated";

    public static Actor osUser() {
      return new Actor(OS_USER, System.getProperty("user.name", "unknown"));
    }

    public static Actor apiToken(String tokenName) {
      return new Actor(API_TOKEN, tokenName);
    }

    /** A caller the API turned away, known only by its network address. */
    public static Actor unauthenticated(String remoteAddress) {
      return new Actor(UNAUTHENTICATED, remoteAddress);
    }
  }

  /**
   * The plan's metadata as its author wrote it; the plan's bytes are covered by
   * decision.plan.sha256.
   */
  public record PlanInfo(String id, String title, String ticket, String requestedBy) {
    public static PlanInfo of(ChangePlan plan) {
      ChangePlan.Metadata m = plan.metadata();
      return new PlanInfo(m.id(), m.title(), m.ticket(), m.requestedBy());
    }
  }

  /** Where the guard read the inventory: a snapshot file, or a live vCenter. */
  public record InventorySource(String type, String location) {
    public static final String FILE = "file";
    public static final String VCENTER = "vcenter";

    public static InventorySource file(Path file) {
      return new InventorySource(FILE, file.toAbsolutePath().normalize().toString());
    }

    /** A vCenter URL without any user-info part, so a credential in a URL never reaches the log. */
    public static InventorySource vcenter(URI url) {
      try {
        URI clean =
            new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null);
        return new InventorySource(VCENTER, clean.toString());
      } catch (URISyntaxException e) {
        return new InventorySource(VCENTER, url.getHost());
      }
    }
  }

  /**
   * A request the HTTP API refused because it carried no valid bearer token (or a web-view login
   * with a wrong token). It sits in the same chain as the decisions, so deleting it breaks the
   * chain like deleting a decision would; its {@code decision} is null and its actor is {@code
   * unauthenticated} with the caller's address. The token presented is never recorded.
   *
   * <p>What a refusal records is bounded: the path is cut to {@link #MAX_PATH} characters ({@code
   * pathLength} then gives the length sent), and a client refused over and over is recorded once
   * per interval as {@code rate-limited} ({@code until} ends the interval), with the number of its
   * refusals that were answered but not recorded one by one ({@code suppressed}).
   *
   * @param method the HTTP method
   * @param path the request path, without its query
   * @param reason {@code missing-token}, {@code unknown-token}, {@code malformed-authorization} or
   *     {@code rate-limited}
   */
  @JsonPropertyOrder({"method", "path", "pathLength", "reason", "suppressed", "until"})
  public record AccessDenied(
      String method,
      String path,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer pathLength,
      String reason,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long suppressed,
      @JsonInclude(JsonInclude.Include.NON_NULL) Instant until) {
    public static final String MISSING_TOKEN = "missing-token";
    public static final String UNKNOWN_TOKEN = "unknown-token";
    public static final String MALFORMED = "malformed-authorization";
    public static final String RATE_LIMITED = "rate-limited";
    public static final int MAX_PATH = 256;
    private static final int MAX_METHOD = 16;

    public AccessDenied(String method, String path, String reason) {
      this(method, path, null, reason, null, null);
    }

    /**
     * A refusal as recorded: method and path cut to their bounds; {@code suppressed} (0: none) and
     * {@code until} (null: not limited) as the rate limiter says.
     */
    public static AccessDenied capped(
        String method, String path, String reason, long suppressed, Instant until) {
      String m =
          method == null
              ? null
              : method.length() > MAX_METHOD ? method.substring(0, MAX_METHOD) : method;
      boolean cut = path != null && path.length() > MAX_PATH;
      return new AccessDenied(
          m,
          cut ? path.substring(0, MAX_PATH - 1) + "\u2026" : path,
          cut ? path.length() : null,
          reason,
          suppressed > 0 ? suppressed : null,
          until);
    }
  }

  /**
   * One point of a {@code vsguard apply} run's timeline, in the same chain as the decision it
   * carries out, so the order of what was written to vCenter cannot be changed or cut without
   * breaking the chain. Its {@code decision} is null; {@code decisionId}, {@code planSha256} and
   * {@code inventorySha256} tie it to the check that allowed the run.
   *
   * @param applyId the run (all its records share it; a resumed run keeps it)
   * @param event one of {@link #EVENTS}
   * @param wave the wave's name (or {@code wave-N}), when the event has one
   * @param host the host, when the event has one
   * @param step the step as the runbook names it, when the event has one
   * @param detail what happened, cut to {@link #MAX_DETAIL} characters (calls sent, why it halted)
   */
  @JsonPropertyOrder({
    "applyId",
    "event",
    "decisionId",
    "planSha256",
    "inventorySha256",
    "vcenter",
    "wave",
    "host",
    "step",
    "detail"
  })
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ApplyEvent(
      String applyId,
      String event,
      String decisionId,
      String planSha256,
      String inventorySha256,
      String vcenter,
      String wave,
      String host,
      String step,
      String detail) {
    public static final List<String> EVENTS =
        List.of(
            "apply-started",
            "wave-started",
            "step-done",
            "host-done",
            "gate-passed",
            "halted",
            "resumed",
            "completed");
    public static final int MAX_DETAIL = 2000;

    public ApplyEvent {
      if (!EVENTS.contains(event)) {
        throw new IllegalArgumentException("unknown apply event " + event);
      }
      if (detail != null && detail.length() > MAX_DETAIL) {
        detail = detail.substring(0, MAX_DETAIL - 1) + "\u2026";
      }
    }
  }

  /**
   * The policy pack the decision was made under; {@code source} is its path, or where a built-in
   * came from.
   */
  public record PolicyInfo(String name, String sha256, String source) {}

  /**
   * What the writer changed in the log before appending this record, so no repair is silent: either
   * it cut a torn, never-acknowledged line a crash left at the end ({@code truncatedBytes} bytes
   * whose SHA-256 is {@code truncatedSha256}), or it finished the line of a complete record that
   * had lost only its final newline ({@code newlineAddedTo}, that record's seq). A complete record
   * is never cut.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"truncatedBytes", "truncatedSha256", "newlineAddedTo"})
  public record Repair(Long truncatedBytes, String truncatedSha256, Long newlineAddedTo) {
    /** A torn tail cut off. */
    public Repair(long truncatedBytes, String truncatedSha256) {
      this(Long.valueOf(truncatedBytes), truncatedSha256, null);
    }

    /** The final newline of record {@code seq} written, the record kept whole. */
    public static Repair newlineAdded(long seq) {
      return new Repair(null, null, seq);
    }
  }
}
