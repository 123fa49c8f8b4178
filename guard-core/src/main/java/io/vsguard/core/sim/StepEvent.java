package io.vsguard.core.sim;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.Where;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One simulated step, as step rules see it: where it ran, what it moved, the touched hosts as they
 * were before it, and the network after it — or why the simulation refused it. {@code host} is null
 * for a step of a switch-level wave, which touches every member of the switch. {@code assumed} is
 * set when the step broke a precondition whose fix is clear and the simulation took that fix as
 * done ({@link NetworkState.Outcome.Assumed}): it applied.
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
    String rejected,
    String assumed) {

  /** A step that applied as written, or was refused. */
  public StepEvent(
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
    this(
        wave,
        host,
        stepNumber,
        step,
        change,
        moves,
        touchedHosts,
        before,
        switchesBefore,
        after,
        rejected,
        null);
  }

  /** True when the simulation refused the step; {@link #rejected()} says why, and nothing moved. */
  public boolean wasRejected() {
    return rejected != null;
  }

  /**
   * True when the step could not apply as written and the simulation went on under {@link
   * #assumed()}.
   */
  public boolean wasAssumed() {
    return assumed != null;
  }

  public Where where() {
    return new Where(change, wave.name(), stepNumber);
  }

  /**
   * "wave canary, step 3 (move-pnic vmnic2 -> DVS-Prod-v6)", "step 3 of the all-at-once push (...)"
   * or "the switch-wide change of DVS-Prod (reconfigure-switch c1)".
   */
  public String describeStep() {
    String at =
        wave.name() == null
            ? wave.switchLevel() ? wave.label() : "step " + stepNumber + " of the all-at-once push"
            : "wave " + wave.name() + ", step " + stepNumber;
    return at + " (" + step.describe() + ")";
  }

  /**
   * The host the step ran on, or the switch of a switch-level wave: "on esx-01", "on switch
   * DVS-Prod".
   */
  public String onWhat() {
    return host != null ? "on " + host : "on switch " + wave.switchName();
  }

  public HostNet hostAfter() {
    return after.host(host).orElseThrow();
  }
}
