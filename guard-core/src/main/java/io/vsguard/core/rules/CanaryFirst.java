package io.vsguard.core.rules;

import io.vsguard.core.plan.Where;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.RolloutRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.sim.Execution.ExecWave;
import io.vsguard.core.sim.NetworkState;
import java.util.ArrayList;
import java.util.List;

/**
 * A change that crashes hosts should crash one. The first wave is a single canary host, and every
 * wave is followed by a gate (soak time and health checks) before the next starts; in 2016 the
 * change had already reached 95 % of the hosts when the first one failed. A switch-level wave (a
 * switch-wide change, which vCenter writes to every member at once) is no canary, but it is gated
 * like any wave.
 */
public final class CanaryFirst implements RolloutRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "canary-first",
          Severity.BLOCK,
          "The first wave has more than one host, or waves follow each other without a gate",
          "Start with one canary host, then gated waves: a soak time and health checks after every wave",
          "Google SRE Workbook, Canarying Releases; the 2016 incident (95 % of hosts changed before the failure)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkRollout(Evaluation ev, NetworkState end) {
    List<ExecWave> waves = ev.execution().waves();
    List<ExecWave> hostWaves = ev.execution().hostWaves();
    if (hostWaves.isEmpty() || ev.execution().hostCount() < 2) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>();
    // The canary is the first wave of hosts: a switch-level wave changes the switch, not a host to
    // fail first.
    ExecWave first = hostWaves.get(0);
    if (first.hosts().size() > 1) {
      out.add(
          INFO.finding(
              new Where(null, first.name(), null),
              null,
              null,
              first.name() == null
                  ? "all "
                      + first.hosts().size()
                      + " hosts change together; there is no canary host to fail first"
                  : "the first wave, "
                      + first.name()
                      + ", has "
                      + first.hosts().size()
                      + " hosts; a canary wave has one"));
    }
    if (ev.execution().naive()) {
      return out; // a push has no waves to gate: the finding above says it all
    }
    for (int i = 0; i < waves.size() - 1; i++) {
      ExecWave w = waves.get(i);
      if (w.gate() == null || !w.gate().effective()) {
        out.add(
            INFO.finding(
                new Where(null, w.name(), null),
                null,
                null,
                "wave "
                    + w.name()
                    + " is followed by wave "
                    + waves.get(i + 1).name()
                    + " with no gate (a soak time above 0 minutes and at least one health check)"));
      }
    }
    return out;
  }
}
