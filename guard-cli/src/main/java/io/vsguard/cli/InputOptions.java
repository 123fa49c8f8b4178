package io.vsguard.cli;

import io.vsguard.core.load.InputException;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
      byte[] planRaw = read(planFile);
      return new Inputs(PlanLoader.read(planFile.toString(), planRaw), planRaw, null, null);
    }

    Inputs with(VcenterOptions.Captured captured) {
      return new Inputs(plan, planRaw, captured.inventory(), captured.raw());
    }

    static Inputs load(Path planFile, Path inventoryFile) throws InputException {
      byte[] invRaw = read(inventoryFile);
      Inventory inv = InventoryLoader.read(inventoryFile.toString(), invRaw);
      byte[] planRaw = read(planFile);
      ChangePlan p = PlanLoader.read(planFile.toString(), planRaw);
      return new Inputs(p, planRaw, inv, invRaw);
    }

    private static byte[] read(Path file) throws InputException {
      try {
        return Files.readAllBytes(file);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new InputException(file.toString(), "", 0, "file not found");
      } catch (java.nio.file.AccessDeniedException e) {
        throw new InputException(file.toString(), "", 0, "permission denied");
      } catch (IOException e) {
        throw new InputException(file.toString(), "", 0, "cannot read file: " + e.getMessage());
      }
    }
  }
}
