package io.vsguard.core.check;

import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Decisions;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.engine.Guard;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.stage.StageResult;
import io.vsguard.core.stage.Stager;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The one way in: a policy pack's check of a plan against an inventory, and its stage. Both run
 * under a deadline, and neither throws for what it could not evaluate: a check that fails is an
 * ERROR decision, a stage that fails is {@link StageResult.Failed}. The guard fails closed.
 *
 * <p>Holds no mutable state: one instance serves every request of a server.
 */
public final class Checker {
  private final Guard guard;
  private final Stager stager;
  private final Decision.PolicyRef policy;
  private final Executor helper;

  private Checker(Guard guard, Decision.PolicyRef policy, Executor helper) {
    this.guard = guard;
    this.stager = new Stager(guard);
    this.policy = policy;
    this.helper = helper;
  }

  /**
   * The check of a policy pack: its rules, severities, parameters and exemptions; decisions name it
   * by its sha256.
   */
  public static Checker of(PolicyPack pack) {
    return new Checker(Guard.of(pack), new Decision.PolicyRef(pack.name(), pack.sha256()), null);
  }

  /**
   * The same checker, evaluating a plan's intents on {@code helper} while it stages the plan on the
   * calling thread: a one-shot command has a second core to give (the blocked check of a plan
   * without rollout stages it for its suggested rollout; stage evaluates the intents it stages).
   * The decisions are those of the checker alone. A server does without: its requests keep the
   * cores busy.
   */
  public Checker withHelper(Executor helper) {
    return new Checker(guard, policy, Objects.requireNonNull(helper, "helper"));
  }

  /**
   * The decision on a plan: its findings, and when it is blocked a safe rollout if the stager finds
   * one. Past the deadline, or when a rule fails, the decision is ERROR and says why; no more work
   * is done for it.
   */
  public Decision check(Inputs in, Instant now, Deadline deadline) {
    return check(in, now, deadline, null);
  }

  /**
   * As {@link #check(Inputs, Instant, Deadline)}, handing the plan's findings to {@code evaluated}
   * as soon as they are known, on the thread that found them (the helper's, with one) and possibly
   * while the stager is still at work: a caller can start on what needs only them (the command line
   * writes their JSON for the audit record). Not called when the evaluation fails.
   */
  public Decision check(
      Inputs in, Instant now, Deadline deadline, Consumer<List<Finding>> evaluated) {
    Decision.PlanRef planRef = planRef(in.plan());
    Decision.InventoryRef invRef =
        Decisions.inventoryRef(in.inventory().document(), in.inventory().sha256());
    ChangePlan plan = in.plan().document();
    Inventory inventory = in.inventory().document();
    try {
      Guard.Report report;
      StageResult staged = null;
      if (helper != null && plan.spec().rollout() == null) {
        // A plan without rollout is all but always blocked (all-hosts-at-once): its rollout is
        // built and proven here while the helper evaluates it; a stage no BLOCK asks for is
        // dropped, failure included, as if it had never run.
        CompletableFuture<Guard.Report> evaluation =
            CompletableFuture.supplyAsync(
                () -> told(guard.evaluate(plan, inventory, now, deadline), evaluated), helper);
        RuntimeException stageFailure = null;
        try {
          staged =
              stager.stageMeanwhile(
                  plan, inventory, now, deadline, () -> join(evaluation).findings());
        } catch (RuntimeException e) {
          stageFailure = e;
        }
        report = join(evaluation);
        if (stageFailure != null && Verdict.of(report.findings()) == Verdict.BLOCK) {
          throw stageFailure;
        }
      } else {
        report = told(guard.evaluate(plan, inventory, now, deadline), evaluated);
        // A plan without rollout was just evaluated as its intents: the stager need not do it
        // again.
        if (Verdict.of(report.findings()) == Verdict.BLOCK) {
          staged =
              plan.spec().rollout() == null
                  ? stager.stage(plan, inventory, now, deadline, report.findings())
                  : stager.stage(plan, inventory, now, deadline);
        }
      }
      Rollout suggested = null;
      if (Verdict.of(report.findings()) == Verdict.BLOCK
          && staged instanceof StageResult.Staged s) {
        suggested = s.plan().spec().rollout();
      }
      return Decisions.of(report.findings(), planRef, invRef, policy, suggested, now);
    } catch (RuntimeException e) {
      return Decisions.error(reason(e), planRef, invRef, policy, now);
    }
  }

  /**
   * The decision when the inventory could not be read at all (a vCenter that did not answer):
   * ERROR, naming the plan and where the inventory was to come from. Never a pass.
   */
  public Decision inventoryUnavailable(
      Inputs.Hashed<ChangePlan> plan, Decision.InventoryRef where, String reason, Instant now) {
    return Decisions.error(reason, planRef(plan), where, policy, now);
  }

  /**
   * The plan written back with a safe host-by-host rollout, or why there is none, or why the stager
   * could not tell.
   */
  public StageResult stage(Inputs in, Instant now, Deadline deadline) {
    ChangePlan plan = in.plan().document();
    Inventory inventory = in.inventory().document();
    try {
      if (helper == null) {
        return stager.stage(plan, inventory, now, deadline);
      }
      CompletableFuture<Guard.Report> intents =
          CompletableFuture.supplyAsync(
              () -> guard.evaluate(plan.withRollout(null), inventory, now, deadline), helper);
      return stager.stageMeanwhile(plan, inventory, now, deadline, () -> join(intents).findings());
    } catch (RuntimeException e) {
      return new StageResult.Failed(reason(e));
    }
  }

  private static Guard.Report told(Guard.Report report, Consumer<List<Finding>> evaluated) {
    if (evaluated != null) {
      evaluated.accept(report.findings());
    }
    return report;
  }

  /** The helper's answer, or what it threw as itself (a deadline, a rule's failure). */
  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private static Decision.PlanRef planRef(Inputs.Hashed<ChangePlan> plan) {
    return new Decision.PlanRef(plan.document().metadata().id(), plan.sha256());
  }

  /**
   * A deadline that passed and a rule that failed say so themselves; anything else is a bug in
   * vsguard, and its exception type helps whoever reports it.
   */
  private static String reason(RuntimeException e) {
    if (e instanceof Deadline.Exceeded || e instanceof Guard.RuleFailure) {
      return e.getMessage();
    }
    return "internal error: "
        + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
