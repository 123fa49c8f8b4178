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
 * rollout becomes one {@linkplain #naive() naive} wave — vCenter pushing everything to every host
 * at once, which is what happened in 2016. Which wave a host or a wave name is in is indexed once,
 * so rules can ask it for every host.
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

  /**
   * {@code name} is null for the naive push. A switch-level wave ({@code switchName} set) has no
   * hosts: its {@code switchSteps} apply switch-wide changes once, to every member at once.
   */
  public record ExecWave(
      int index,
      String name,
      List<String> hosts,
      Rollout.Gate gate,
      Map<String, List<PlannedStep>> steps,
      String switchName,
      List<PlannedStep> switchSteps) {
    public ExecWave {
      hosts = List.copyOf(hosts);
      steps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(steps));
      switchSteps = List.copyOf(switchSteps);
    }

    /** A wave of hosts. */
    public ExecWave(
        int index,
        String name,
        List<String> hosts,
        Rollout.Gate gate,
        Map<String, List<PlannedStep>> steps) {
      this(index, name, hosts, gate, steps, null, List.of());
    }

    /** A switch-level wave. */
    static ExecWave ofSwitch(
        int index, String name, String switchName, Rollout.Gate gate, List<PlannedStep> steps) {
      return new ExecWave(index, name, List.of(), gate, Map.of(), switchName, steps);
    }

    public boolean switchLevel() {
      return switchName != null;
    }

    public List<PlannedStep> stepsOf(String host) {
      return steps.getOrDefault(host, List.of());
    }

    /**
     * "wave NAME", "the all-at-once push", or "the switch-level change of SWITCH" for the naive
     * one.
     */
    public String label() {
      if (name != null) {
        return "wave " + name;
      }
      return switchLevel() ? "the switch-wide change of " + switchName : "the all-at-once push";
    }
  }

  /** The waves that change hosts, in order: what wave rules (size, canary, capacity) are about. */
  public List<ExecWave> hostWaves() {
    return waves.stream().filter(w -> !w.switchLevel()).toList();
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
