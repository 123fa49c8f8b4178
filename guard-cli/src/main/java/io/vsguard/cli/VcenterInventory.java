package io.vsguard.cli;

import io.vsguard.cli.input.InventorySource;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.text.Json;
import io.vsguard.core.text.Secrets;
import io.vsguard.vsphere.CaptureOptions;
import io.vsguard.vsphere.Credentials;
import io.vsguard.vsphere.VcenterTarget;
import io.vsguard.vsphere.VsphereCapture;
import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.transport.TlsPolicy;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A live vCenter as an inventory source ({@code --vcenter URL}): options and credentials checked,
 * nothing sent yet. Every read captures afresh (read-only), so a decision is never made on an
 * inventory older than what it decides; what a decision's sha256 covers is the JSON that {@code
 * vsguard inventory export} writes of the same capture.
 */
final class VcenterInventory implements InventorySource {
  private final VcenterTarget target;
  private final Credentials credentials;
  private final CaptureOptions options;
  private final PrintWriter err;
  private final boolean terminal;

  /**
   * {@code err}: where the --insecure warning goes, and on a {@code terminal} the progress line.
   */
  VcenterInventory(
      VcenterTarget target,
      Credentials credentials,
      CaptureOptions options,
      PrintWriter err,
      boolean terminal) {
    this.target = target;
    this.credentials = credentials;
    this.options = options;
    this.err = err;
    this.terminal = terminal;
  }

  /**
   * The vCenter and how its certificate is checked; apply opens its writing session on the same.
   */
  VcenterTarget target() {
    return target;
  }

  Credentials credentials() {
    return credentials;
  }

  String url() {
    return target.sdkUrl().toString();
  }

  /** The captured inventory and its JSON, as inventory export writes it. */
  record Captured(Inventory inventory, byte[] json) {}

  @Override
  public Inputs.Hashed<Inventory> read() throws Unavailable {
    Captured c = capture();
    return Inputs.Hashed.of(c.inventory(), c.json());
  }

  @Override
  public AuditRecord.InventorySource recordedAs() {
    return AuditRecord.InventorySource.vcenter(target.sdkUrl());
  }

  /** Captures the inventory, with the warning for --insecure and a progress line on a terminal. */
  Captured capture() throws Unavailable {
    String url = url();
    if (target.tls() instanceof TlsPolicy.Insecure) {
      err.println(
          "vsguard: WARNING: --insecure: the certificate of "
              + url
              + " is not verified; the credentials"
              + " and the inventory can be intercepted or forged. This is recorded in the output.");
      err.flush();
    }
    try (VsphereCapture capture = VsphereCapture.open(target)) {
      Inventory inv =
          capture.capture(
              credentials,
              options,
              n -> {
                if (terminal) {
                  TerminalOutput.carriageReturn(err);
                  err.print("vsguard: capturing inventory from " + url + ": " + n + " objects");
                  err.flush();
                }
              });
      if (terminal) {
        TerminalOutput.carriageReturn(err);
        err.println(
            "vsguard: captured "
                + inv.hosts().size()
                + " hosts, "
                + inv.distributedSwitches().size()
                + " distributed switches from "
                + url
                + " in "
                + capture.counter().roundTrips()
                + " round trips");
      }
      return new Captured(inv, (Json.pretty(inv) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (VsphereException e) {
      throw unavailable(
          Secrets.scrub("cannot capture the inventory from " + url + ": " + e.getMessage()), e);
    } catch (RuntimeException e) {
      throw unavailable(
          Secrets.scrub("cannot capture the inventory from " + url + ": internal error: " + e), e);
    }
  }

  private Unavailable unavailable(String message, Exception cause) {
    if (terminal) {
      err.println();
    }
    // fail closed: the decision names the vCenter it could not read, and how its certificate was
    // checked
    return new Unavailable(
        message, new Decision.InventoryRef(null, url(), null, target.tlsLabel()), cause);
  }
}
