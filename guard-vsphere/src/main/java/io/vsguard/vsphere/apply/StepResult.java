package io.vsguard.vsphere.apply;

import java.util.List;

/**
 * How a step ended. Every outcome lists the calls vCenter completed, in order, so a halted run can
 * say exactly what is half done on the host.
 */
public sealed interface StepResult {
  StepPlan plan();

  List<CallRecord> done();

  /** Every call completed and every check held. */
  record Done(StepPlan plan, List<CallRecord> done) implements StepResult {
    public Done {
      done = List.copyOf(done);
    }
  }

  /**
   * A call failed (its typed fault, a task timeout, a lost connection) or a check did not hold;
   * {@code at} is the call's or check's description; later calls were not sent.
   */
  record Failed(StepPlan plan, List<CallRecord> done, String at, Exception cause)
      implements StepResult {
    public Failed {
      done = List.copyOf(done);
    }
  }

  /** Cancelled before {@code next} was sent. */
  record Cancelled(StepPlan plan, List<CallRecord> done, String next) implements StepResult {
    public Cancelled {
      done = List.copyOf(done);
    }
  }
}
