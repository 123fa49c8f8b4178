package io.vsguard.cli.input;

import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.model.Inventory;
import java.nio.file.Path;

/**
 * Where check, stage and serve take the inventory from: a snapshot already read (a file, or the
 * body of an API request), or a live vCenter, captured afresh each time it is read ({@link
 * VcenterInventory}). A source that cannot be read is {@link Unavailable}: a check then decides
 * ERROR, never a pass, and a stage offers nothing.
 */
public interface InventorySource {

  /** The inventory, and the SHA-256 of the bytes a decision names it by. */
  Inputs.Hashed<Inventory> read() throws Unavailable;

  /** How an audit record names where the inventory came from. */
  AuditRecord.InventorySource recordedAs();

  /** An inventory file, read already (with the plan, on a second thread). */
  static InventorySource file(Path file, Inputs.Hashed<Inventory> inventory) {
    return new Given(inventory, AuditRecord.InventorySource.file(file));
  }

  /** A snapshot already read, named for the audit record as {@code recordedAs}. */
  record Given(Inputs.Hashed<Inventory> inventory, AuditRecord.InventorySource recordedAs)
      implements InventorySource {
    @Override
    public Inputs.Hashed<Inventory> read() {
      return inventory;
    }
  }

  /** The inventory could not be read; {@link #where} is how the ERROR decision names its source. */
  final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Decision.InventoryRef where;

    public Unavailable(String message, Decision.InventoryRef where, Throwable cause) {
      super(message, cause);
      this.where = where;
    }

    public Decision.InventoryRef where() {
      return where;
    }
  }
}
