package io.vsguard.cli;

import io.vsguard.core.audit.AuditRecord.InventorySource;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Decisions;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.engine.Checker;
import io.vsguard.core.load.DocumentReader;
import io.vsguard.core.load.InputException;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.Json;
import io.vsguard.core.load.Limits;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.policy.PolicyPack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vsguard check}: evaluate a plan against an inventory and print the decision. */
@Command(name = "check", sortOptions = false,
    description = "Evaluate a change plan against the vCenter inventory and print the decision.")
public final class CheckCommand implements Callable<Integer> {
  enum Output { text, json, markdown, sarif, junit }

  enum FailOn { warn }

  private final java.util.function.Function<PolicyPack, Checker> checkers;

  @Spec
  CommandSpec spec;

  @picocli.CommandLine.Mixin
  PolicyOption policyOption = new PolicyOption();

  @picocli.CommandLine.Mixin
  AuditLogOption auditLog = new AuditLogOption();

  @picocli.CommandLine.Mixin
  DeadlineOption deadline = new DeadlineOption();

  public CheckCommand() {
    this(Checker::new);
  }

  /** Tests hand in a checker; the command line builds one from the policy pack. */
  CheckCommand(java.util.function.Function<PolicyPack, Checker> checkers) {
    this.checkers = checkers;
  }

  @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "ChangePlan file (YAML or JSON).")
  Path plan;

  @Option(names = "--inventory", paramLabel = "FILE", description = "Inventory snapshot (JSON); or --vcenter.")
  Path inventory;

  @picocli.CommandLine.Mixin
  VcenterOptions vcenter = new VcenterOptions();

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default), json (exactly one Decision document), markdown, sarif (SARIF 2.1.0) "
          + "or junit (JUnit XML).")
  Output output;

  @Option(names = "--fail-on", paramLabel = "warn", description = "Exit 1 on WARN too.")
  FailOn failOn;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Inputs.exactlyOneSource(inventory, vcenter, "check", err)) {
      return ExitCodes.INPUT_ERROR;
    }
    if (deadline.problem() != null) {
      err.println("vsguard check: " + deadline.problem());
      return ExitCodes.INPUT_ERROR;
    }
    Inputs in;
    PolicyPack pack;
    VcenterOptions.Prepared live = null;
    try {
      pack = policyOption.load();
      if (vcenter.given()) {
        live = vcenter.prepare(System.getenv());
        in = Inputs.withoutInventory(plan);
      } else {
        in = Inputs.load(plan, inventory);
      }
    } catch (InputException | VcenterOptions.Invalid e) {
      err.println("vsguard check: " + e.getMessage());
      return ExitCodes.INPUT_ERROR;
    }
    Checker checker = checkers.apply(pack);
    Decision d;
    InventorySource source;
    if (live != null) {
      source = InventorySource.vcenter(live.target().sdkUrl());
      try {
        in = in.with(VcenterOptions.capture(live, err, VcenterOptions.stderrIsTerminal()));
        d = checker.check(in.plan(), in.planRaw(), in.inventory(), in.inventoryRaw(), Instant.now(), deadline.start());
      } catch (VcenterOptions.Failed e) {
        // fail closed: a vCenter that cannot be read is an ERROR decision, never a pass
        d = Decisions.error(e.getMessage(), new Decision.PlanRef(in.plan().metadata().id(), Decisions.sha256(in.planRaw())),
            new Decision.InventoryRef(null, e.url, null, live.target().tlsLabel()), checker.policy(), Instant.now());
      }
    } else {
      source = InventorySource.file(inventory);
      d = checker.check(in.plan(), in.planRaw(), in.inventory(), in.inventoryRaw(), Instant.now(), deadline.start());
    }
    d = AuditTrail.record(auditLog.store(), d, in.plan(), source, policyOption.policy);
    switch (output) {
      case json -> out.println(Json.pretty(d));
      case markdown -> out.print(new MarkdownReport(in.plan()).render(d));
      case sarif -> out.println(new SarifReport(plan.toString(), pack.rules()).render(d));
      case junit -> out.print(new JunitReport(in.plan(), failOn != null).render(d));
      default -> out.print(new TextReport(in.plan()).render(d));
    }
    out.flush();
    if (d.verdict() == Verdict.ERROR) {
      err.println("vsguard check: ERROR, could not evaluate: " + d.error().message());
    }
    return exitCode(d.verdict(), failOn != null);
  }

  static int exitCode(Verdict v, boolean failOnWarn) {
    return switch (v) {
      case ALLOW -> ExitCodes.ALLOW;
      case WARN -> failOnWarn ? ExitCodes.BLOCK : ExitCodes.ALLOW;
      case BLOCK -> ExitCodes.BLOCK;
      case ERROR -> ExitCodes.ERROR;
    };
  }

  /** The two documents with their raw bytes, which the decision's sha256 fields cover. */
  record Inputs(ChangePlan plan, byte[] planRaw, Inventory inventory, byte[] inventoryRaw) {
    /** {@code --inventory} or {@code --vcenter}: exactly one, or exit 2. */
    static boolean exactlyOneSource(Path inventory, VcenterOptions vcenter, String command, PrintWriter err) {
      if ((inventory == null) == !vcenter.given()) {
        err.println("vsguard " + command + ": give exactly one of --inventory FILE or --vcenter URL");
        return false;
      }
      return true;
    }

    /** The plan alone, loaded before the vCenter is contacted so a bad plan costs no capture. */
    static Inputs withoutInventory(Path planFile) throws InputException {
      byte[] planRaw = DocumentReader.readBytes(planFile, Limits.PLAN_BYTES);
      return new Inputs(PlanLoader.read(planFile.toString(), planRaw), planRaw, null, null);
    }

    Inputs with(VcenterOptions.Captured captured) {
      return new Inputs(plan, planRaw, captured.inventory(), captured.raw());
    }

    /** An inventory file read and parsed. */
    private record Read(byte[] raw, Inventory inventory) {}

    static Inputs load(Path planFile, Path inventoryFile) throws InputException {
      // The two documents are read on two threads (at 10,000 hosts each takes a few hundred ms);
      // an error in the inventory is reported first, as when they were read one after the other.
      // Sizes are checked before a byte is read: a file over the limit costs nothing.
      java.util.concurrent.FutureTask<Read> inventoryRead = new java.util.concurrent.FutureTask<>(() -> {
        byte[] raw = DocumentReader.readBytes(inventoryFile, Limits.INVENTORY_BYTES);
        return new Read(raw, InventoryLoader.read(inventoryFile.toString(), raw));
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
      Read inv = awaitInventory(inventoryRead);
      if (planError != null) {
        throw planError;
      }
      return new Inputs(p, planRaw, inv.inventory(), inv.raw());
    }

    private static Read awaitInventory(java.util.concurrent.FutureTask<Read> read) throws InputException {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return read.get();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } catch (java.util.concurrent.ExecutionException e) {
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
