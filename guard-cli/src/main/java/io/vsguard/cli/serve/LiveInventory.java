package io.vsguard.cli.serve;

import io.vsguard.core.model.Inventory;
import java.net.URI;

/**
 * Where the server reads the inventory when a request carries only a plan: the vCenter it was
 * started with ({@code vsguard serve --vcenter URL}). Every such request captures afresh, so a
 * decision is never made on an inventory older than the request.
 */
public interface LiveInventory {
  /** The captured inventory and the exact bytes the decision's inventory sha256 covers. */
  record Snapshot(Inventory inventory, byte[] raw) {}

  /** The capture failed; the decision is ERROR, never a pass. */
  final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The vCenter's SDK URL, without credentials. */
  URI url();

  /** How its certificate is checked: verified, pinned, insecure or plaintext. */
  String tlsLabel();

  Snapshot capture() throws Unavailable;
}
