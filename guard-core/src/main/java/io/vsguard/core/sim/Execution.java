package io.vsguard.core.sim;

import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plan as it will run: waves of hosts, each host with its ordered steps. A plan without a
 * rollout becomes one {@linkplain #naive() naive} wave — vCenter pushing everything to every
 * host at once, which is what happened in 2016.
 */
public record Execution(boolean naive, List<ExecWave> waves) {
  public Execution {
    waves = List.copyOf(waves);
  }

  /** A step with the change it carries out (null when no change of the plan claims it). */
  public record PlannedStep(Step step, String change) {}

  /** {@code name} is null for the naive wave. */
  public record ExecWave(int index, String name, List<String> hosts, Rollout.Gate gate,
      Map<String, List<PlannedStep>> steps) {
    public ExecWave {
      hosts = List.copyOf(hosts);
      steps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    public List<PlannedStep> stepsOf(String host) {
      return steps.getOrDefault(host, List.of());
    }
  }

  public Optional<ExecWave> waveOf(String host) {
    return waves.stream().filter(w -> w.hosts().contains(host)).findFirst();
  }

  public int hostCount() {
    return (int) waves.stream().flatMap(w -> w.hosts().stream()).distinct().count();
  }

  public List<String> hosts() {
    return waves.stream().flatMap(w -> w.hosts().stream()).distinct().toList();
  }

  public int waveIndex(String name) {
    for (ExecWave w : waves) {
      if (java.util.Objects.equals(w.name(), name)) {
        return w.index();
      }
    }
    return -1;
  }
}
