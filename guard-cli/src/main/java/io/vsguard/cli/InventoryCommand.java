package io.vsguard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vsguard inventory}: work with inventory snapshots. */
@Command(name = "inventory", description = "Inventory snapshots.",
    subcommands = {InventoryCommand.Export.class})
final class InventoryCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw VsguardCommand.missingSubcommand(spec);
  }

  /** {@code vsguard inventory export --vcenter URL [--out FILE]}: a read-only capture, as JSON. */
  @Command(name = "export", sortOptions = false,
      description = "Capture an Inventory snapshot from vCenter (read-only) and write it as JSON.",
      footer = {"", "Exit codes: 0 written, 2 input error, 3 vCenter could not be read."})
  static final class Export implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VcenterOptions vcenter = new VcenterOptions();

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path out;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      if (!vcenter.given()) {
        err.println("vsguard inventory export: --vcenter URL is required");
        return ExitCodes.INPUT_ERROR;
      }
      VcenterOptions.Prepared prepared;
      try {
        prepared = vcenter.prepare(System.getenv());
      } catch (VcenterOptions.Invalid e) {
        err.println("vsguard inventory export: " + e.getMessage());
        return ExitCodes.INPUT_ERROR;
      }
      VcenterOptions.Captured captured;
      try {
        captured = VcenterOptions.capture(prepared, err, VcenterOptions.stderrIsTerminal());
      } catch (VcenterOptions.Failed e) {
        err.println("vsguard inventory export: " + e.getMessage());
        return ExitCodes.ERROR;
      }
      if (out == null) {
        spec.commandLine().getOut().print(new String(captured.raw(), java.nio.charset.StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return ExitCodes.ALLOW;
      }
      try {
        OutFiles.writeBytes(out, captured.raw());
      } catch (IOException e) {
        err.println("vsguard inventory export: " + out + ": cannot write: "
            + io.vsguard.core.audit.JsonlAuditStore.describe(e) + (Files.exists(out) ? "; the previous " + out
            + " is unchanged" : ""));
        return ExitCodes.INPUT_ERROR;
      }
      err.println("vsguard inventory export: wrote " + captured.inventory().hosts().size() + " hosts, "
          + captured.inventory().distributedSwitches().size() + " distributed switches to " + out);
      return ExitCodes.ALLOW;
    }
  }
}
