package io.vsguard.cli.input;

import io.vsguard.core.check.Checker;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.sim.Deadline;
import java.time.Clock;
import java.time.Duration;

/**
 * One check or stage as a command or an API request asks for it: the plan as read, and where its
 * inventory comes from. check, stage and serve all read the inventory here, so they answer the same
 * when it cannot be read: a check is an ERROR decision, recorded like any other; a stage offers
 * nothing.
 *
 * <p>A deadline starts once the inventory is read: reading is bounded by the document limits and a
 * vCenter's {@code --timeout}, the evaluation by its deadline (docs/spec/cli.md, section 1).
 */
public record Request(Inputs.Hashed<ChangePlan> plan, InventorySource inventory) {

  /** The inputs, with the inventory read now (a vCenter is captured afresh). */
  public Inputs read() throws InventorySource.Unavailable {
    return new Inputs(plan, inventory.read());
  }

  /**
   * The decision, recorded by the caller: ERROR, naming the source, when the inventory cannot be
   * read.
   */
  public Decision check(Checker checker, Clock clock, Duration deadline) {
    return check(checker, clock, deadline, null);
  }

  /**
   * As {@link #check(Checker, Clock, Duration)}, handing the findings to {@code evaluated} as soon
   * as they are known ({@link Checker#check(Inputs, java.time.Instant, Deadline,
   * java.util.function.Consumer)}).
   */
  public Decision check(
      Checker checker,
      Clock clock,
      Duration deadline,
      java.util.function.Consumer<java.util.List<io.vsguard.core.rule.Finding>> evaluated) {
    Inputs in;
    try {
      in = read();
    } catch (InventorySource.Unavailable e) {
      return checker.inventoryUnavailable(plan, e.where(), e.getMessage(), clock.instant());
    }
    return checker.check(in, clock.instant(), Deadline.after(deadline), evaluated);
  }
}
