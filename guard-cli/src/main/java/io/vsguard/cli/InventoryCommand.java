package io.vsguard.cli;

import io.vsguard.cli.input.InventorySource;
import io.vsguard.core.load.InputException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vsguard inventory}: work with inventory snapshots. */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    description = "Inventory snapshots.",
    subcommands = {InventoryCommand.Export.class})
final class InventoryCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw VsguardCommand.missingSubcommand(spec);
  }

  /** {@code vsguard inventory export --vcenter URL [--out FILE]}: a read-only capture, as JSON. */
  @Command(
      name = "export",
      sortOptions = false,
      mixinStandardHelpOptions = true,
      description = "Capture an Inventory snapshot from vCenter (read-only) and write it as JSON.",
      footer = {
        "",
        "--vcenter URL is required here; every other vCenter option is as for check.",
        "Exit codes: 0 written, 2 input error, 3 vCenter could not be read."
      })
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin VcenterOptions vcenter = new VcenterOptions();

    @Mixin OutOption out = new OutOption();

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      if (!vcenter.given()) {
        err.println("vsguard inventory export: --vcenter URL is required");
        return ExitCodes.INPUT_ERROR;
      }
      VcenterInventory vc;
      try {
        vc = vcenter.prepare(System.getenv(), err, VcenterOptions.stderrIsTerminal());
      } catch (VcenterOptions.Invalid e) {
        err.println("vsguard inventory export: " + e.getMessage());
        return ExitCodes.INPUT_ERROR;
      }
      VcenterInventory.Captured captured;
      try {
        captured = vc.capture();
      } catch (InventorySource.Unavailable e) {
        err.println("vsguard inventory export: " + e.getMessage());
        return ExitCodes.ERROR;
      }
      try {
        out.writeBytes(captured.json(), spec.commandLine().getOut());
      } catch (InputException e) {
        err.println("vsguard inventory export: " + e.getMessage());
        return ExitCodes.INPUT_ERROR;
      }
      if (!out.given()) {
        return ExitCodes.ALLOW;
      }
      err.println(
          "vsguard inventory export: wrote "
              + captured.inventory().hosts().size()
              + " hosts, "
              + captured.inventory().distributedSwitches().size()
              + " distributed switches to "
              + out.file);
      return ExitCodes.ALLOW;
    }
  }
}
