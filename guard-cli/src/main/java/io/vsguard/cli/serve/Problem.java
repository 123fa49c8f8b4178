package io.vsguard.cli.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An RFC 9457 problem document ({@code application/problem+json}): every answer that is not the
 * thing asked for. {@code type} is a stable URI per kind of problem, so a pipeline can branch on it
 * without parsing {@code detail}; {@code errors} lists input errors by field, {@code decisionId}
 * names the audited ERROR decision behind a 503, {@code reasons} says why no safe rollout exists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "type",
  "title",
  "status",
  "detail",
  "instance",
  "errors",
  "decisionId",
  "reasons"
})
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors,
    String decisionId,
    List<String> reasons) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String BASE = "urn:vsguard:problem:";

  /**
   * One input error: the document, the field path in it (empty for syntax errors) and what was
   * wrong.
   */
  @JsonPropertyOrder({"document", "field", "pointer", "detail"})
  public record FieldError(String document, String field, String pointer, String detail) {}

  public static Problem of(Kind kind, String detail) {
    return new Problem(BASE + kind.slug, kind.title, kind.status, detail, null, null, null, null);
  }

  public Problem withErrors(List<FieldError> e) {
    return new Problem(type, title, status, detail, instance, List.copyOf(e), decisionId, reasons);
  }

  public Problem withDecisionId(String id) {
    return new Problem(type, title, status, detail, instance, errors, id, reasons);
  }

  public Problem withReasons(List<String> r) {
    return new Problem(type, title, status, detail, instance, errors, decisionId, List.copyOf(r));
  }

  public Problem withInstance(String path) {
    return new Problem(type, title, status, detail, path, errors, decisionId, reasons);
  }

  /** The kinds of problem the API answers with, each with its status and stable type. */
  public enum Kind {
    INVALID_INPUT("invalid-input", "Invalid input", 400),
    UNAUTHORIZED("unauthorized", "A valid bearer token is required", 401),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    RATE_LIMITED("rate-limited", "Too many refused requests from this client", 429),
    HEADERS_TOO_LARGE("headers-too-large", "Request headers too large", 431),
    URI_TOO_LONG("uri-too-long", "Request line too long", 414),
    NO_SAFE_ROLLOUT("no-safe-rollout", "No safe rollout exists for this plan", 422),
    INTERNAL("internal-error", "Internal error, nothing was evaluated", 500),
    CANNOT_EVALUATE("cannot-evaluate", "The guard could not evaluate the plan", 503),
    AUDIT_UNAVAILABLE("audit-unavailable", "The audit log cannot be used", 503),
    NOT_READY("not-ready", "The server cannot record decisions now", 503);

    final String slug;
    final String title;
    final int status;

    Kind(String slug, String title, int status) {
      this.slug = slug;
      this.title = title;
      this.status = status;
    }
  }
}
