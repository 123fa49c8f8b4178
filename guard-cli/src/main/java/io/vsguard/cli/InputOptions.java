package io.vsguard.cli;

import io.vsguard.core.load.InputException;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.load.DocumentReader;
import io.vsguard.core.load.Limits;
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
  @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "ChangePlan file (YAML or JSON).")
  Path plan;

  @Option(names = "--inventory", paramLabel = "FILE", description = "Inventory snapshot (JSON); or --vcenter.")
  Path inventory;

  @Mixin
  VcenterOptions vcenter = new VcenterOptions();

  /**
   * The options as read: the documents, and with {@code --vcenter} the capture still to run
   * ({@code inputs} then has no inventory yet).
   */
  record Read(Inputs inputs, VcenterOptions.Prepared live) {}

  /** Reads the files and prepares the capture; any problem is an input error (exit 2). */
  Read read(Map<String, String> env) throws InputException, VcenterOptions.Invalid {
    if ((inventory == null) == !vcenter.given()) {
      throw new VcenterOptions.Invalid("give exactly one of --inventory FILE or --vcenter URL");
    }
    if (vcenter.given()) {
      VcenterOptions.Prepared live = vcenter.prepare(env);
      return new Read(Inputs.withoutInventory(plan), live);
    }
    return new Read(Inputs.load(plan, inventory), null);
  }

  /** The two documents with their raw bytes, which the decision's sha256 fields cover. */
  record Inputs(ChangePlan plan, byte[] planRaw, Inventory inventory, byte[] inventoryRaw) {
    /** The plan alone, loaded before the vCenter is contacted so a bad plan costs no capture. */
    static Inputs withoutInventory(Path planFile) throws InputException {
      byte[] planRaw = DocumentReader.readBytes(planFile, Limits.PLAN_BYTES);
      return new Inputs(PlanLoader.read(planFile.toString(), planRaw), planRaw, null, null);
    }

    Inputs with(VcenterOptions.Captured captured) {
      return new Inputs(plan, planRaw, captured.inventory(), captured.raw());
    }

    /** An inventory file read and parsed. */
    private record ReadInventory(byte[] raw, Inventory inventory) {}

    static Inputs load(Path planFile, Path inventoryFile) throws InputException {
      // The two documents are read on two threads (at 10,000 hosts each takes a few hundred ms);
      // an error in the inventory is reported first, as when they were read one after the other.
      // Sizes are checked before a byte is read: a file over the limit costs nothing.
      FutureTask<ReadInventory> inventoryRead = new FutureTask<>(() -> {
        byte[] raw = DocumentReader.readBytes(inventoryFile, Limits.INVENTORY_BYTES);
        return new ReadInventory(raw, InventoryLoader.read(inventoryFile.toString(), raw));
      });
      Thread reader = new Thread(inventoryRead, "vsguard-read-inventory");
      reader.setDaemon(true);
      reader.start();
      byte[] planRaw = null;
      ChangePlan p = null;
      InputException planError = null;
      try {
        planRaw = DocumentReader.readBytes(planFile, Limits.PLAN_BYTES);
        p = PlanLoader.read(planFile.toString(), planRaw);
      } catch (InputException e) {
        planError = e;
      }
      ReadInventory inv = awaitInventory(inventoryRead);
      if (planError != null) {
        throw planError;
      }
      return new Inputs(p, planRaw, inv.inventory(), inv.raw());
    }

    private static ReadInventory awaitInventory(FutureTask<ReadInventory> read) throws InputException {
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
}
