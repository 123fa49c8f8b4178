package io.vsguard.core.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.plan.ChangePlan;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One line of the audit log: a Decision with who asked, what was checked against what, and its
 * place in the hash chain. Field names are a contract for auditors, like the Decision's.
 *
 * <p>{@code sha256} is the SHA-256 of the record's own line with its final {@code ,"sha256":"…"}
 * member removed (see {@link SealedLine}); {@code prev} is the previous record's {@code sha256},
 * or {@link #GENESIS} for the first record.
 */
@JsonPropertyOrder({"seq", "recordedAt", "actor", "plan", "inventorySource", "policy", "repair", "decision",
    "prev", "sha256"})
public record AuditRecord(
    long seq,
    Instant recordedAt,
    Actor actor,
    PlanInfo plan,
    InventorySource inventorySource,
    PolicyInfo policy,
    @JsonInclude(JsonInclude.Include.NON_NULL) Repair repair,
    Decision decision,
    String prev,
    @JsonInclude(JsonInclude.Include.NON_NULL) String sha256) {

  /** The {@code prev} of the first record. */
  public static final String GENESIS = "0".repeat(64);

  /** The decision's id: what {@code audit show ID} and {@code GET /v1/decisions/{id}} take. */
  public String id() {
    return decision.decisionId();
  }

  AuditRecord sealed(String hash) {
    return new AuditRecord(seq, recordedAt, actor, plan, inventorySource, policy, repair, decision, prev, hash);
  }

  /** Who asked for the decision: an OS user at the command line, or an API token by its name. */
  public record Actor(String type, String name) {
    public static final String OS_USER = "os-user";
    public static final String API_TOKEN = "api-token";

    public static Actor osUser() {
      return new Actor(OS_USER, System.getProperty("user.name", "unknown"));
    }

    public static Actor apiToken(String tokenName) {
      return new Actor(API_TOKEN, tokenName);
    }
  }

  /** The plan's metadata as its author wrote it; the plan's bytes are covered by decision.plan.sha256. */
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
        URI clean = new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null);
        return new InventorySource(VCENTER, clean.toString());
      } catch (URISyntaxException e) {
        return new InventorySource(VCENTER, url.getHost());
      }
    }
  }

  /** The policy pack the decision was made under; {@code source} is its path, or where a built-in came from. */
  public record PolicyInfo(String name, String sha256, String source) {}

  /**
   * Set on the first record appended after a crash left a torn, never-acknowledged line at the
   * end of the log: the writer cut those bytes off and says so here, so no repair is silent.
   */
  public record Repair(long truncatedBytes, String truncatedSha256) {}
}
