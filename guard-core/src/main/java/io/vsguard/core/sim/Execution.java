package io.vsguard.core.sim;

import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The plan as it will run: waves of hosts, each host with its ordered steps. A plan without a
 * rollout becomes one {@linkplain #naive() naive} wave — vCenter pushing everything to every
 * host at once, which is what happened in 2016. Which wave a host or a wave name is in is
 * indexed once, so rules can ask it for every host.
 */
public final class Execution {
  private final boolean naive;
  private final List<ExecWave> waves;
  private final Map<String, ExecWave> firstWaveOf = new HashMap<>();
  private final Map<String, Integer> indexByName = new HashMap<>();
  private final List<String> hosts;

  public Execution(boolean naive, List<ExecWave> waves) {
    this.naive = naive;
    this.waves = List.copyOf(waves);
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (ExecWave w : this.waves) {
      indexByName.putIfAbsent(w.name(), w.index());
      for (String h : w.hosts()) {
        firstWaveOf.putIfAbsent(h, w);
        distinct.add(h);
      }
    }
    hosts = List.copyOf(distinct);
  }

  public boolean naive() {
    return naive;
  }

  public List<ExecWave> waves() {
    return waves;
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

  /** The first wave that lists {@code host}. */
  public Optional<ExecWave> waveOf(String host) {
    return Optional.ofNullable(firstWaveOf.get(host));
  }

  public int hostCount() {
    return hosts.size();
  }

  /** Every host of the execution once, in wave order. */
  public List<String> hosts() {
    return hosts;
  }

  /** The index of the first wave named {@code name} (null: the naive wave), or -1. */
  public int waveIndex(String name) {
    return indexByName.getOrDefault(name, -1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Execution e && naive == e.naive && waves.equals(e.waves);
  }

  @Override
  public int hashCode() {
    return Objects.hash(naive, waves);
  }

  @Override
  public String toString() {
    return "Execution[naive=" + naive + ", waves=" + new ArrayList<>(waves) + "]";
  }
}
