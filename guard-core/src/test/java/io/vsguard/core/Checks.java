package io.vsguard.core;

import io.vsguard.core.check.Checker;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.stage.StageResult;
import java.time.Instant;

/**
 * The facade as tests call it, on documents built in memory: they were read from no bytes, so the
 * hashes cover none, and nothing bounds a test's evaluation but the test itself.
 */
public final class Checks {
  public static final byte[] NO_BYTES = new byte[0];

  private Checks() {}

  public static Inputs inputs(ChangePlan plan, Inventory inventory) {
    return Inputs.of(plan, NO_BYTES, inventory, NO_BYTES);
  }

  /** The built-in pack with these parameters. */
  public static PolicyPack builtIn(Parameters params) {
    return PolicyPack.builtIn().withParameters(params);
  }

  public static Decision check(PolicyPack pack, ChangePlan plan, Inventory inventory, Instant now) {
    return Checker.of(pack).check(inputs(plan, inventory), now, Deadline.NONE);
  }

  public static StageResult stage(
      PolicyPack pack, ChangePlan plan, Inventory inventory, Instant now) {
    return Checker.of(pack).stage(inputs(plan, inventory), now, Deadline.NONE);
  }
}
