package io.vsguard.core.stage;

import io.vsguard.core.plan.ChangePlan;
import java.util.List;

/**
 * What the stager made of a plan: a plan with a rollout that checks clean, why there is none, or
 * why the stager could not tell (the one answer that says nothing about the plan).
 */
public sealed interface StageResult {

  /** The plan written back with its rollout; {@code notes} say what the stager chose and why. */
  record Staged(ChangePlan plan, List<String> notes) implements StageResult {
    public Staged {
      notes = List.copyOf(notes);
    }
  }

  /** No safe rollout exists for this plan as written; each reason names what stands in the way. */
  record Refused(List<String> reasons) implements StageResult {
    public Refused {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * The stager could not finish: its deadline passed, a rule failed while it proved a rollout, or
   * the inventory could not be read. Nothing is offered; like an ERROR decision, this is never a
   * pass.
   */
  record Failed(String reason) implements StageResult {}
}
