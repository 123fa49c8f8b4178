package io.vsguard.cli;

import io.vsguard.cli.input.InventorySource;
import io.vsguard.cli.input.Request;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decisions;
import io.vsguard.core.load.DocumentReader;
import io.vsguard.core.load.InputException;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.Limits;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What check and stage read, spelled and validated the same way on both: {@code --plan FILE} and
 * exactly one of {@code --inventory FILE} or {@code --vcenter URL} with its options. Everything
 * that can be wrong with them is found before vCenter is contacted, so a bad plan costs no capture.
 */
final class InputOptions {
  @Option(
      names = "--plan",
      required = true,
      paramLabel = "PLAN",
      description = "ChangePlan file (YAML or JSON).")
  Path plan;

  @Option(
      names = "--inventory",
      paramLabel = "FILE",
      description = "Inventory snapshot (JSON); or --vcenter.")
  Path inventory;

  @Mixin VcenterOptions vcenter = new VcenterOptions();

  /**
   * The plan, read, and where its inventory comes from: the file, read with the plan, or the
   * vCenter, set up to be captured when the request is evaluated (its warning and progress on
   * {@code err}). Any problem here is an input error (exit 2).
   */
  Request read(Map<String, String> env, PrintWriter err)
      throws InputException, VcenterOptions.Invalid {
    if ((inventory == null) == !vcenter.given()) {
      throw new VcenterOptions.Invalid("give exactly one of --inventory FILE or --vcenter URL");
    }
    if (vcenter.given()) {
      InventorySource live = vcenter.prepare(env, err, VcenterOptions.stderrIsTerminal());
      return new Request(readPlan(plan), live);
    }
    return readBoth(plan, inventory);
  }

  static Inputs.Hashed<ChangePlan> readPlan(Path file) throws InputException {
    byte[] raw = DocumentReader.readBytes(file, Limits.PLAN_BYTES);
    return Inputs.Hashed.of(PlanLoader.read(file.toString(), raw), raw);
  }

  /**
   * The two files, the inventory parsed on a second thread while this one reads the plan and hashes
   * the inventory's bytes (at 10,000 hosts the parse takes a few hundred ms); an error in the
   * inventory is reported first, as when they were read one after the other. Sizes are checked
   * before a byte is read: a file over the limit costs nothing.
   */
  private static Request readBoth(Path planFile, Path inventoryFile) throws InputException {
    byte[] raw = DocumentReader.readBytes(inventoryFile, Limits.INVENTORY_BYTES);
    FutureTask<Inventory> inventoryRead =
        new FutureTask<>(() -> InventoryLoader.read(inventoryFile.toString(), raw));
    Thread reader = new Thread(inventoryRead, "vsguard-read-inventory");
    reader.setDaemon(true);
    reader.start();
    Inputs.Hashed<ChangePlan> p = null;
    InputException planError = null;
    try {
      p = readPlan(planFile);
    } catch (InputException e) {
      planError = e;
    }
    String sha256 = Decisions.sha256(raw);
    Inputs.Hashed<Inventory> inv = new Inputs.Hashed<>(awaitInventory(inventoryRead), sha256);
    if (planError != null) {
      throw planError;
    }
    return new Request(p, InventorySource.file(inventoryFile, inv));
  }

  private static Inventory awaitInventory(FutureTask<Inventory> read) throws InputException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return read.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof InputException ie) {
        throw ie;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
