package io.vsguard.core.check;

import io.vsguard.core.decision.Decisions;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import java.util.Objects;

/**
 * What a check or a stage reads: the plan and the inventory, each with the SHA-256 of the bytes it
 * was read from, which a decision names it by (docs/spec/formats.md, section 3). The command line
 * hashes the files' bytes, or the JSON a vCenter capture exports; the HTTP API the canonical form
 * of the request's objects.
 */
public record Inputs(Hashed<ChangePlan> plan, Hashed<Inventory> inventory) {
  public Inputs {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(inventory, "inventory");
  }

  /** A document, and the SHA-256 (lowercase hex) of the exact bytes it was read from. */
  public record Hashed<T>(T document, String sha256) {
    public Hashed {
      Objects.requireNonNull(document, "document");
      Objects.requireNonNull(sha256, "sha256");
    }

    public static <T> Hashed<T> of(T document, byte[] bytes) {
      return new Hashed<>(document, Decisions.sha256(bytes));
    }
  }

  public static Inputs of(
      ChangePlan plan, byte[] planBytes, Inventory inventory, byte[] inventoryBytes) {
    return new Inputs(Hashed.of(plan, planBytes), Hashed.of(inventory, inventoryBytes));
  }
}
