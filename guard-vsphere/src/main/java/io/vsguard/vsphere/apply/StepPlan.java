package io.vsguard.vsphere.apply;

import io.vsguard.core.plan.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The vim25 calls that carry out one rollout step on one host, in order, and the reads it ends
 * with. {@code note} says why a step has no call (its end state already holds). Planned from a
 * {@link LiveState}; executed as is by {@link StepExecutor}.
 */
public record StepPlan(
    String host, Step step, List<VimCall> calls, List<Check> checks, String note) {
  public StepPlan {
    calls = List.copyOf(calls);
    checks = List.copyOf(checks);
  }

  /** One line per call and check, as a dry run prints them. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    calls.forEach(c -> out.add(c.describe()));
    checks.forEach(c -> out.add(c.describe()));
    if (note != null) {
      out.add("(no call: " + note + ")");
    }
    return out;
  }

  /** Whether carrying it out writes to vCenter. */
  public boolean writes() {
    return !calls.isEmpty();
  }
}
