package io.vsguard.core.rules;

import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.rule.StepRule;
import io.vsguard.core.sim.StepEvent;
import java.util.List;

/**
 * A rollout step that cannot be applied to the host as the simulation has it at that point (a pnic
 * the host lacks, a switch it has not joined, removing a switch that still carries a vmkernel
 * port). vCenter would fail the task mid-rollout and leave the host half-migrated, so the guard
 * refuses to certify the rollout. Where the missing step is not in doubt (a move onto a switch the
 * host never joined or created) the simulation takes it as done and goes on, and this rule says so,
 * so the hazards later in the rollout are reported in the same run.
 */
public final class RolloutStepInvalid implements StepRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "rollout-step-invalid",
          Severity.BLOCK,
          "A rollout step cannot be applied to the host as simulated at that point",
          "Fix the step order or its arguments so every step's precondition holds (join a switch before "
              + "moving pnics to it, move vmkernels off a switch before leaving it)",
          "docs/spec/formats.md, section 2 (rollout steps)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkStep(Evaluation ev, StepEvent e) {
    if (e.wasAssumed()) {
      return List.of(
          INFO.finding(
              e.where(),
              null,
              e.host(),
              "cannot apply "
                  + e.describeStep()
                  + " "
                  + e.onWhat()
                  + " as written: "
                  + e.assumed()));
    }
    if (!e.wasRejected()) {
      return List.of();
    }
    return List.of(
        INFO.finding(
            e.where(),
            e.host() == null ? e.wave().switchName() : null,
            e.host(),
            "cannot apply " + e.describeStep() + " " + e.onWhat() + ": " + e.rejected()));
  }
}
