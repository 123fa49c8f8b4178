package io.vsguard.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.vsguard.core.model.Lists;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** What someone intends to do, and optionally how (docs/spec/formats.md, section 2). */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public record ChangePlan(String apiVersion, String kind, Metadata metadata, Spec spec) {

  public static final String KIND = "ChangePlan";

  public Optional<Change> change(String id) {
    return spec.changes().stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public ChangePlan withRollout(Rollout rollout) {
    return new ChangePlan(
        apiVersion, kind, metadata, new Spec(spec.window(), spec.changes(), rollout));
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Metadata(String id, String title, String requestedBy, String ticket) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"window", "changes", "rollout"})
  public record Spec(Window window, List<Change> changes, Rollout rollout) {
    public Spec {
      changes = Lists.copy(changes);
    }
  }

  public record Window(OffsetDateTime start, OffsetDateTime end) {}
}
