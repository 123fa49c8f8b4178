package io.vsguard.core.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vsguard.core.model.Lists;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.rule.Finding;
import java.time.Instant;
import java.util.List;

/** What a check decided (docs/spec/formats.md, section 3). Field names are a public contract. */
@JsonPropertyOrder({
  "apiVersion",
  "kind",
  "decisionId",
  "timestamp",
  "verdict",
  "plan",
  "inventory",
  "policy",
  "findings",
  "suggestedRollout",
  "error",
  "engine"
})
public record Decision(
    String apiVersion,
    String kind,
    String decisionId,
    Instant timestamp,
    Verdict verdict,
    PlanRef plan,
    InventoryRef inventory,
    PolicyRef policy,
    @JsonSerialize(using = FindingsJson.class) List<Finding> findings,
    @JsonInclude(JsonInclude.Include.NON_NULL) Rollout suggestedRollout,
    @JsonInclude(JsonInclude.Include.NON_NULL) Error error,
    Engine engine) {

  public static final String KIND = "Decision";

  public Decision {
    findings = Lists.copy(findings);
  }

  public record PlanRef(String id, String sha256) {}

  /**
   * {@code tls} is the snapshot's source.tls ("insecure" when captured with --insecure), when
   * known.
   */
  @JsonPropertyOrder({"capturedAt", "source", "sha256", "tls"})
  public record InventoryRef(
      Instant capturedAt,
      String source,
      String sha256,
      @JsonInclude(JsonInclude.Include.NON_NULL) String tls) {
    public InventoryRef(Instant capturedAt, String source, String sha256) {
      this(capturedAt, source, sha256, null);
    }
  }

  public record PolicyRef(String name, String sha256) {}

  public record Engine(String version) {}

  /** Why the verdict is ERROR: what could not be evaluated. */
  public record Error(String message) {}
}
