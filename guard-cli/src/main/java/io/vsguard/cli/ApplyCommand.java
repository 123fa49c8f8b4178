package io.vsguard.cli;

import io.vsguard.cli.apply.ApplyRun;
import io.vsguard.cli.apply.ApplyState;
import io.vsguard.cli.apply.DryRun;
import io.vsguard.cli.apply.SwitchLock;
import io.vsguard.cli.apply.WayBack;
import io.vsguard.core.audit.AuditException;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.audit.AuditSigner;
import io.vsguard.core.audit.JsonlAuditStore;
import io.vsguard.core.check.Checker;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.load.InputException;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Step;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.sim.AffectedHosts;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.sim.Execution;
import io.vsguard.core.sim.ExecutionBuilder;
import io.vsguard.core.sim.InventoryIndex;
import io.vsguard.core.text.Secrets;
import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.apply.ApplyClient;
import io.vsguard.vsphere.apply.Cancellation;
import io.vsguard.vsphere.apply.PlanningException;
import io.vsguard.vsphere.apply.StepExecutor;
import io.vsguard.vsphere.apply.StepPlanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vsguard apply}: carries out a staged plan on vCenter, wave by wave, after a fresh check on
 * a fresh capture allowed it. Without {@code --execute} it only reads and prints what it would
 * send. The one command that writes to vCenter (ReadOnlyCommandsTest).
 */
@Command(
    name = "apply",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description =
        "Carry out a staged plan on vCenter wave by wave, comparing each host with the simulation's"
            + " prediction, and halt at the first surprise. Dry run (reads only) unless --execute.",
    footer = {
      "",
      "Exit codes: 0 done (or dry run printed), 1 refused (BLOCK, or WARN without --accept-warn),",
      "2 input error, 3 ERROR: could not check or plan (nothing written), 4 halted (see the halt report)."
    })
public final class ApplyCommand implements Callable<Integer> {
  static final String NAME = "vsguard apply";
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(s|m)");

  /** The longest soak --gate-soak accepts: a day. */
  static final Duration MAX_SOAK = Duration.ofDays(1);

  @Spec CommandSpec spec;

  @Option(
      names = "--plan",
      required = true,
      paramLabel = "PLAN",
      description = "The staged ChangePlan (YAML or JSON), as vsguard stage writes it.")
  Path plan;

  @Mixin VcenterOptions vcenter = new VcenterOptions();

  @Option(
      names = "--execute",
      description =
          "Write to vCenter. Without it nothing is written: the calls and the"
              + " predicted state are printed.")
  boolean execute;

  @Option(
      names = "--accept-warn",
      description = "Carry out a plan whose check is WARN (default: only ALLOW).")
  boolean acceptWarn;

  @Option(
      names = "--resume",
      description =
          "Continue a halted apply of this plan on this vCenter after its last"
              + " verified point, once every host is found where that point leaves it (with --execute).")
  boolean resume;

  @Option(
      names = "--allow-insecure-apply",
      description =
          "Allow --insecure with apply (the credentials and every"
              + " write could be intercepted).")
  boolean allowInsecureApply;

  @Option(
      names = "--gate-soak",
      paramLabel = "DURATION",
      description =
          "Soak time of every gate instead of the plan's,"
              + " e.g. 30s or 5m (0s: none; for a lab). At most 1440m.")
  String gateSoak;

  @Option(
      names = "--task-timeout",
      paramLabel = "SECONDS",
      defaultValue = "1800",
      description =
          "Longest wait for one vCenter task (default 1800); then apply halts, the task left running.")
  int taskTimeoutSeconds;

  @Mixin PolicyOption policyOption = new PolicyOption();

  @Mixin AuditLogOption auditLog = new AuditLogOption();

  @Mixin SigningKeyOption signingKey = new SigningKeyOption();

  @Mixin DeadlineOption deadline = new DeadlineOption();

  private final Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Duration soakOverride;
    try {
      soakOverride = gateSoak == null ? null : parseSoak(gateSoak);
    } catch (IllegalArgumentException e) {
      return inputError(err, e.getMessage());
    }
    if (deadline.problem() != null) {
      return inputError(err, deadline.problem());
    }
    if (!vcenter.given()) {
      return inputError(
          err, "--vcenter URL is required: apply carries out the plan on that vCenter");
    }
    if (vcenter.insecure && !allowInsecureApply) {
      return inputError(
          err,
          "--insecure is refused for apply: with an unverified certificate the credentials and"
              + " every write can be intercepted; pin the certificate with --thumbprint (or --trust-store), or add"
              + " --allow-insecure-apply");
    }
    if (resume && !execute) {
      return inputError(err, "--resume carries on writing: give --execute with it");
    }
    if (taskTimeoutSeconds < 1 || taskTimeoutSeconds > 86_400) {
      return inputError(err, "--task-timeout: expected 1 to 86400 seconds");
    }
    PolicyPack pack;
    AuditSigner signer;
    Inputs.Hashed<ChangePlan> planRead;
    VcenterInventory live;
    try {
      signer = signingKey.load(System.getenv());
      pack = policyOption.load();
      planRead = InputOptions.readPlan(plan);
      live = vcenter.prepare(System.getenv(), err, VcenterOptions.stderrIsTerminal());
    } catch (InputException | VcenterOptions.Invalid e) {
      return inputError(err, e.getMessage());
    }
    JsonlAuditStore store = auditLog.store().withSigner(signer);
    Path dir = ApplyState.directory(auditLog.resolve());
    String url = AuditRecord.InventorySource.vcenter(live.target().sdkUrl()).location();
    Path stateFile = ApplyState.stateFile(dir, url, planRead.sha256());
    ChangePlan changePlan = planRead.document();

    ApplyState state;
    Inventory inventory;
    if (resume) {
      try {
        state = ApplyState.load(stateFile);
        byte[] raw =
            io.vsguard.core.load.DocumentReader.readBytes(
                ApplyState.inventoryFile(stateFile), io.vsguard.core.load.Limits.INVENTORY_BYTES);
        Inputs.Hashed<Inventory> inv =
            Inputs.Hashed.of(
                InventoryLoader.read(ApplyState.inventoryFile(stateFile).toString(), raw), raw);
        if (!inv.sha256().equals(state.inventorySha256())) {
          return error(
              err,
              "the inventory saved for the resume ("
                  + ApplyState.inventoryFile(stateFile)
                  + ") is not the one the decision was made on; nothing was written");
        }
        inventory = inv.document();
      } catch (IOException | InputException e) {
        return inputError(
            err,
            "--resume: no apply of this plan on "
                + url
                + " to resume ("
                + stateFile
                + ": "
                + e.getMessage()
                + ")");
      }
      if (ApplyState.COMPLETED.equals(state.status())) {
        return inputError(
            err,
            "--resume: apply "
                + state.applyId()
                + " of this plan on "
                + url
                + " has completed; nothing to resume");
      }
    } else {
      VcenterInventory.Captured snapshot;
      try {
        snapshot = live.capture();
      } catch (io.vsguard.cli.input.InventorySource.Unavailable e) {
        Decision d =
            AuditTrail.record(
                store,
                Checker.of(pack)
                    .inventoryUnavailable(planRead, e.where(), e.getMessage(), clock.instant()),
                changePlan,
                live.recordedAs(),
                policyOption.source());
        return error(err, "could not check, so nothing is applied: " + d.error().message());
      }
      Inputs.Hashed<Inventory> captured = Inputs.Hashed.of(snapshot.inventory(), snapshot.json());
      Decision d =
          Checker.of(pack)
              .check(
                  new Inputs(planRead, captured),
                  clock.instant(),
                  Deadline.after(deadline.budget()));
      d = AuditTrail.record(store, d, changePlan, live.recordedAs(), policyOption.source());
      boolean allowed = d.verdict() == Verdict.ALLOW || (d.verdict() == Verdict.WARN && acceptWarn);
      if (!allowed) {
        out.print(new TextReport(changePlan).render(d));
        out.flush();
        if (d.verdict() == Verdict.ERROR) {
          return error(
              err,
              "the check could not evaluate (" + d.error().message() + "); nothing is applied");
        }
        err.println(
            NAME
                + ": refused: the check on the live inventory is "
                + d.verdict()
                + " (decision "
                + d.decisionId()
                + ")"
                + (d.verdict() == Verdict.WARN
                    ? "; add --accept-warn to carry out a WARN plan"
                    : "; only an ALLOW plan is carried out")
                + ". Nothing was written.");
        return ExitCodes.BLOCK;
      }
      out.println(
          "check: "
              + d.verdict()
              + " on the live inventory (decision "
              + d.decisionId()
              + ", plan sha256 "
              + planRead.sha256()
              + ", inventory sha256 "
              + captured.sha256()
              + ")");
      inventory = captured.document();
      state =
          new ApplyState(
              "apply-" + UUID.randomUUID(),
              url,
              planRead.sha256(),
              d.decisionId(),
              captured.sha256(),
              List.of(),
              0,
              ApplyState.RUNNING);
      if (execute) {
        try {
          Files.createDirectories(dir);
          Files.write(ApplyState.inventoryFile(stateFile), snapshot.json());
        } catch (IOException e) {
          return error(
              err,
              "cannot save the inventory for --resume in "
                  + dir
                  + ": "
                  + e.getMessage()
                  + "; nothing was written");
        }
      }
    }

    InventoryIndex index = new InventoryIndex(inventory);
    Execution execution =
        ExecutionBuilder.build(changePlan, index, AffectedHosts.of(changePlan, index));
    if (execution.naive()) {
      return inputError(
          err,
          plan
              + ": the plan has no rollout; apply carries out a staged rollout only"
              + " (vsguard stage writes one)");
    }
    Cancellation cancellation = new Cancellation();
    try (ApplyClient client = ApplyClient.open(live.target(), live.credentials())) {
      StepExecutor executor =
          new StepExecutor(
              client,
              new StepPlanner(StepPlanner.Options.DEFAULTS),
              new StepExecutor.Options(Duration.ofSeconds(taskTimeoutSeconds)),
              cancellation);
      List<DryRun.WavePlan> planned;
      try {
        planned = resume ? null : DryRun.plan(executor, execution, index, changePlan);
      } catch (PlanningException e) {
        return error(
            err, "cannot carry out this plan: " + e.getMessage() + "; nothing was written");
      }
      if (!execute) {
        out.println("Dry run: nothing is written (add --execute to carry it out).");
        DryRun.print(planned, out);
        out.flush();
        return ExitCodes.ALLOW;
      }
      return carryOut(
          out,
          err,
          client,
          executor,
          execution,
          index,
          changePlan,
          store,
          state,
          stateFile,
          dir,
          soakOverride,
          cancellation);
    } catch (VsphereException e) {
      return error(
          err,
          Secrets.scrub("cannot open a session on " + url + ": " + e.getMessage())
              + "; nothing was written");
    }
  }

  /** The timeline events also shown on stderr while the run goes on. */
  private static final Set<String> PROGRESS = Set.of("wave-started", "host-done", "gate-passed");

  private int carryOut(
      PrintWriter out,
      PrintWriter err,
      ApplyClient client,
      StepExecutor executor,
      Execution execution,
      InventoryIndex index,
      ChangePlan changePlan,
      JsonlAuditStore store,
      ApplyState start,
      Path stateFile,
      Path dir,
      Duration soakOverride,
      Cancellation cancellation) {
    Set<String> switches = new TreeSet<>();
    for (Execution.ExecWave w : execution.waves()) {
      for (String h : w.hosts()) {
        for (Execution.PlannedStep ps : w.stepsOf(h)) {
          switchOf(ps.step()).ifPresent(switches::add);
        }
      }
    }
    AuditRecord.PlanInfo planInfo = AuditRecord.PlanInfo.of(changePlan);
    AuditRecord.InventorySource source =
        new AuditRecord.InventorySource(AuditRecord.InventorySource.VCENTER, start.vcenter());
    // Recorded first, then shown: a run of hours with long soaks says on stderr where it is.
    ApplyRun.Timeline timeline =
        (event, wave, host, step, detail) -> {
          store.appendApply(
              AuditRecord.Actor.osUser(),
              planInfo,
              source,
              new AuditRecord.ApplyEvent(
                  start.applyId(),
                  event,
                  start.decisionId(),
                  start.planSha256(),
                  start.inventorySha256(),
                  start.vcenter(),
                  wave,
                  host,
                  step,
                  detail));
          if (PROGRESS.contains(event)) {
            err.println(
                NAME
                    + ": "
                    + wave
                    + (host == null ? "" : ", " + host)
                    + ": "
                    + event
                    + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
            err.flush();
          }
        };
    ApplyState[] current = {start};
    ApplyRun.Checkpoint checkpoint =
        (hosts, waves) -> {
          current[0] = current[0].with(new ArrayList<>(hosts), waves, ApplyState.RUNNING);
          current[0].save(stateFile);
        };
    boolean terminal = VcenterOptions.stderrIsTerminal();
    ApplyRun.Countdown countdown =
        new ApplyRun.Countdown() {
          long lastShown = -1;

          @Override
          public void remaining(String wave, Duration left) {
            long s = (left.toMillis() + 999) / 1000;
            if (s == lastShown) {
              return;
            }
            lastShown = s;
            if (terminal) {
              TerminalOutput.carriageReturn(err);
              err.print(NAME + ": " + wave + ": soak, " + s + "s left ");
            } else if (s % 60 == 0 || lastShown < 0) {
              err.println(NAME + ": " + wave + ": soak, " + s + "s left");
            }
            err.flush();
          }

          @Override
          public void done() {
            if (terminal && lastShown >= 0) {
              err.println();
            }
            lastShown = -1;
          }
        };
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              cancellation.cancel();
              try {
                // stop between calls: the call in flight and its task are let finish, then the halt
                // report
                finished.await(10, TimeUnit.MINUTES);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "vsguard-apply-cancel");
    try (SwitchLock lock =
        SwitchLock.acquire(
            dir,
            start.vcenter(),
            List.copyOf(switches),
            start.applyId(),
            n -> err.println(NAME + ": " + n))) {
      Runtime.getRuntime().addShutdownHook(hook);
      current[0].save(stateFile);
      timeline.record(
          resume ? "resumed" : "apply-started",
          null,
          null,
          null,
          "switches "
              + switches
              + (resume
                  ? "; from "
                      + start.wavesPassed()
                      + " gates passed, hosts done "
                      + start.hostsDone()
                  : ""));
      ApplyRun run =
          new ApplyRun(
              client,
              executor,
              execution,
              index,
              changePlan,
              timeline,
              checkpoint,
              countdown,
              cancellation,
              new ApplyRun.Options(soakOverride));
      ApplyRun.Outcome outcome;
      try {
        outcome = run.run(new LinkedHashSet<>(start.hostsDone()), start.wavesPassed(), resume);
      } catch (Exception e) {
        String why =
            e instanceof VsphereException
                    || e instanceof PlanningException
                    || e instanceof AuditException
                    || e instanceof IOException
                ? e.getMessage()
                : "internal error: " + e;
        outcome = new ApplyRun.Halted("during the run", Secrets.scrub(why), null, List.of(), null);
        try {
          timeline.record("halted", null, null, null, Secrets.scrub(why));
        } catch (Exception recordFailed) {
          err.println(
              NAME
                  + ": the halt could not be recorded in the audit log: "
                  + recordFailed.getMessage());
        }
      }
      if (outcome instanceof ApplyRun.Completed c) {
        current[0] =
            current[0].with(current[0].hostsDone(), current[0].wavesPassed(), ApplyState.COMPLETED);
        current[0].save(stateFile);
        out.println(
            "apply "
                + start.applyId()
                + ": completed, "
                + c.waves()
                + " waves, "
                + c.hosts()
                + " hosts, every host as predicted (decision "
                + start.decisionId()
                + ")");
        out.flush();
        return ExitCodes.ALLOW;
      }
      ApplyRun.Halted h = (ApplyRun.Halted) outcome;
      current[0] =
          current[0].with(current[0].hostsDone(), current[0].wavesPassed(), ApplyState.HALTED);
      current[0].save(stateFile);
      printHalt(out, h, start);
      return ExitCodes.HALTED;
    } catch (SwitchLock.Busy e) {
      err.println(NAME + ": refused: " + e.getMessage() + " Nothing was written.");
      return ExitCodes.ERROR;
    } catch (IOException | AuditException e) {
      err.println(NAME + ": halted: " + e.getMessage());
      return ExitCodes.HALTED;
    } catch (Exception e) {
      err.println(NAME + ": halted: " + Secrets.scrub(String.valueOf(e.getMessage())));
      return ExitCodes.HALTED;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // shutting down (Ctrl-C), or the hook was never added
      }
    }
  }

  private void printHalt(PrintWriter out, ApplyRun.Halted h, ApplyState start) {
    out.println("HALTED at " + h.where());
    out.println("why: " + h.reason());
    if (h.host() != null) {
      out.println("half done on " + h.host() + ":");
      if (h.halfDone().isEmpty()) {
        out.println("  nothing: no step of this run was carried out on it");
      }
      h.halfDone().forEach(l -> out.println("  " + l));
      WayBack back = h.wayBack();
      if (back != null) {
        out.println(
            "way back for "
                + h.host()
                + " (inverse steps, last done first; checked by the simulation: "
                + (back.problems().isEmpty()
                    ? "they restore the host as it was before apply"
                    : "NOT confirmed")
                + "):");
        if (back.steps().isEmpty() && back.manual().isEmpty()) {
          out.println("  none needed");
        }
        for (int i = 0; i < back.steps().size(); i++) {
          out.println("  " + (i + 1) + ". " + back.steps().get(i).describe());
        }
        back.manual().forEach(m -> out.println("  by hand: " + m));
        back.problems().forEach(p -> out.println("  warning: " + p));
        if (h.halfDone().stream().anyMatch(l -> l.startsWith("half done"))) {
          out.println(
              "  first undo the completed calls of the half-done step above (re-running that step from"
                  + " the start is also safe: a step whose end state holds sends nothing)");
        }
      }
    }
    // The state to resume from lives beside the audit log: a resume without this run's
    // --audit-log would look elsewhere and find nothing to resume.
    out.println(
        "Later waves were not touched. Once the cause is fixed: vsguard apply --plan "
            + plan
            + " --vcenter "
            + start.vcenter()
            + (auditLog.path != null ? " --audit-log " + auditLog.path : "")
            + " --execute --resume, with this run's certificate and credentials options (apply "
            + start.applyId()
            + ", decision "
            + start.decisionId()
            + ")");
    out.flush();
  }

  /** The distributed switch a step writes to, if any: what the lock is keyed by. */
  private static java.util.Optional<String> switchOf(Step s) {
    if (s instanceof Step.MovePnic m && !m.to().standard()) {
      return java.util.Optional.of(m.to().name());
    } else if (s instanceof Step.MoveVmkernel m && !m.to().standard()) {
      return java.util.Optional.of(m.to().name());
    } else if (s instanceof Step.AddToSwitch a) {
      return java.util.Optional.of(a.switchName());
    } else if (s instanceof Step.RemoveFromSwitch r) {
      return java.util.Optional.of(r.switchName());
    } else if (s instanceof Step.ReconfigureSwitch) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }

  static Duration parseSoak(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--gate-soak: expected a whole number of seconds or minutes, e.g. 30s or 5m;"
              + " got '"
              + text
              + "'");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
    if (d.compareTo(MAX_SOAK) > 0) {
      throw new IllegalArgumentException("--gate-soak: at most 1440m (a day)");
    }
    return d;
  }

  private static int inputError(PrintWriter err, String message) {
    err.println(NAME + ": " + message);
    return ExitCodes.INPUT_ERROR;
  }

  private static int error(PrintWriter err, String message) {
    err.println(NAME + ": ERROR: " + message);
    return ExitCodes.ERROR;
  }
}
