package io.vsguard.core.sim;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.Where;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One simulated step, as step rules see it: where it ran, what it moved, the touched hosts as
 * they were before it, and the network after it — or why the simulation refused it.
 */
public record StepEvent(
    Execution.ExecWave wave,
    String host,
    int stepNumber,
    Step step,
    String change,
    List<Move> moves,
    Set<String> touchedHosts,
    Map<String, HostNet> before,
    Map<String, DistributedSwitch> switchesBefore,
    NetworkState after,
    String rejected) {

  /** True when the simulation refused the step; {@link #rejected()} says why, and nothing moved. */
  public boolean wasRejected() {
    return rejected != null;
  }

  public Where where() {
    return new Where(change, wave.name(), stepNumber);
  }

  /** "wave canary, step 3 (move-pnic vmnic2 -> DVS-Prod-v6)" or "step 3 of the all-at-once push (...)". */
  public String describeStep() {
    String at = wave.name() == null
        ? "step " + stepNumber + " of the all-at-once push"
        : "wave " + wave.name() + ", step " + stepNumber;
    return at + " (" + step.describe() + ")";
  }

  public HostNet hostAfter() {
    return after.host(host).orElseThrow();
  }
}
