package io.vsguard.core.check;

import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Decisions;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.engine.Guard;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.stage.StageResult;
import io.vsguard.core.stage.Stager;
import java.time.Instant;

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

  private Checker(PolicyPack pack) {
    this.guard = Guard.of(pack);
    this.stager = new Stager(guard);
    this.policy = new Decision.PolicyRef(pack.name(), pack.sha256());
  }

  /**
   * The check of a policy pack: its rules, severities, parameters and exemptions; decisions name it
   * by its sha256.
   */
  public static Checker of(PolicyPack pack) {
    return new Checker(pack);
  }

  /**
   * The decision on a plan: its findings, and when it is blocked a safe rollout if the stager finds
   * one. Past the deadline, or when a rule fails, the decision is ERROR and says why; no more work
   * is done for it.
   */
  public Decision check(Inputs in, Instant now, Deadline deadline) {
    Decision.PlanRef planRef = planRef(in.plan());
    Decision.InventoryRef invRef =
        Decisions.inventoryRef(in.inventory().document(), in.inventory().sha256());
    ChangePlan plan = in.plan().document();
    try {
      Guard.Report report = guard.evaluate(plan, in.inventory().document(), now, deadline);
      Rollout suggested = null;
      // A plan without rollout was just evaluated as its intents: the stager need not do it again.
      if (Verdict.of(report.findings()) == Verdict.BLOCK
          && stager.stage(
                  plan,
                  in.inventory().document(),
                  now,
                  deadline,
                  plan.spec().rollout() == null ? report.findings() : null)
              instanceof StageResult.Staged staged) {
        suggested = staged.plan().spec().rollout();
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
    try {
      return stager.stage(in.plan().document(), in.inventory().document(), now, deadline);
    } catch (RuntimeException e) {
      return new StageResult.Failed(reason(e));
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
