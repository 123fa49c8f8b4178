package io.vsguard.core.engine;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Step;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Documents;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Exemption;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.rule.PlanRule;
import io.vsguard.core.rule.RolloutRule;
import io.vsguard.core.rule.Rule;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.rule.StepRule;
import io.vsguard.core.sim.AffectedHosts;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.sim.Execution;
import io.vsguard.core.sim.Execution.ExecWave;
import io.vsguard.core.sim.Execution.PlannedStep;
import io.vsguard.core.sim.ExecutionBuilder;
import io.vsguard.core.sim.HostNet;
import io.vsguard.core.sim.InventoryIndex;
import io.vsguard.core.sim.NetworkState;
import io.vsguard.core.sim.StepEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The check: inventory + plan → simulation → findings. Plan rules look at intents; the plan is then
 * expanded into an execution and simulated step by step on a copy of the network, with the step
 * rules run after every step; rollout rules look at the waves and the end state.
 *
 * <p>A step rule reports at most once per host and wave — the first step where its invariant broke
 * — so a host that loses management at step 3 is not reported again at steps 4 to 9.
 */
public final class Guard {
  private final List<Rule> rules;
  private final Parameters params;
  private final Map<String, Severity> overrides;
  private final List<Exemption> exemptions;

  /** The guard of a policy pack: its rules, parameters, severities and exemptions. */
  public static Guard of(PolicyPack pack) {
    return new Guard(pack.rules(), pack.parameters(), pack.overrides(), pack.exemptions());
  }

  /**
   * @param overrides severities a policy pack sets per rule id
   * @param exemptions accepted risks; active ones mark matching findings as exempted
   */
  public Guard(
      List<Rule> rules,
      Parameters params,
      Map<String, Severity> overrides,
      List<Exemption> exemptions) {
    this.rules = List.copyOf(rules);
    this.params = params;
    this.overrides = Map.copyOf(overrides);
    this.exemptions = List.copyOf(exemptions);
  }

  public Parameters params() {
    return params;
  }

  /** Findings in the decision's order, with the execution they were found in. */
  public record Report(List<Finding> findings, Evaluation evaluation) {}

  /** Thrown when a rule fails; the decision becomes ERROR, never a pass. */
  public static final class RuleFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RuleFailure(String ruleId, RuntimeException cause) {
      // A custom rule's failure is the pack author's to fix and says so; anything else is a bug
      // in vsguard, and its exception type helps whoever reports it.
      super(
          "rule "
              + ruleId
              + " failed: "
              + (cause instanceof io.vsguard.core.policy.CustomRuleFailure
                  ? cause.getMessage()
                  : cause.getClass().getSimpleName() + ": " + cause.getMessage()),
          cause);
    }
  }

  /**
   * Evaluates under a deadline, checked between rules and between simulated steps: once it has
   * passed, evaluation stops with {@link Deadline.Exceeded} (a check turns it into ERROR).
   */
  public Report evaluate(ChangePlan plan, Inventory inventory, Instant now, Deadline deadline) {
    deadline.check();
    InventoryIndex index = new InventoryIndex(inventory);
    AffectedHosts affected = AffectedHosts.of(plan, index);
    Execution execution = ExecutionBuilder.build(plan, index, affected, deadline);
    Evaluation ev =
        new Evaluation(
            plan,
            index,
            params,
            affected,
            execution,
            now,
            exemptions,
            new Documents(plan, inventory),
            new Evaluation.Memo());
    List<Finding> findings = new ArrayList<>();
    for (Rule r : rules) {
      if (r instanceof PlanRule p) {
        deadline.check();
        findings.addAll(run(r, () -> p.checkPlan(ev)));
      }
    }
    NetworkState end = simulate(ev, findings, deadline);
    for (Rule r : rules) {
      if (r instanceof RolloutRule p) {
        deadline.check();
        findings.addAll(run(r, () -> p.checkRollout(ev, end)));
      }
    }
    deadline.check();
    List<Finding> decided = new ArrayList<>(findings.size());
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    for (Finding f : findings) {
      Severity s = overrides.get(f.rule());
      Finding g = s == null ? f : f.withSeverity(s);
      for (Exemption e : exemptions) {
        if (e.activeOn(today) && e.covers(g, index, plan.metadata().id())) {
          g = g.withExemption(e.asFindingExemption());
          break;
        }
      }
      decided.add(g);
    }
    decided.sort(order(plan, execution));
    return new Report(List.copyOf(decided), ev);
  }

  private NetworkState simulate(Evaluation ev, List<Finding> findings, Deadline deadline) {
    NetworkState net = new NetworkState(ev.index(), ev.plan());
    List<StepRule> stepRules =
        rules.stream().filter(StepRule.class::isInstance).map(StepRule.class::cast).toList();
    Set<String> reported = new HashSet<>();
    for (ExecWave wave : ev.execution().waves()) {
      if (wave.switchLevel()) {
        simulateSwitchWave(ev, net, wave, stepRules, findings, reported, deadline);
        continue;
      }
      for (String host : wave.hosts()) {
        if (net.host(host).isEmpty()) {
          continue; // unknown-reference reports it; there is nothing to simulate
        }
        deadline.check();
        List<PlannedStep> steps = wave.stepsOf(host);
        for (int i = 0; i < steps.size(); i++) {
          PlannedStep ps = steps.get(i);
          Map<String, HostNet> before = snapshot(net, host, ps.step());
          Map<String, DistributedSwitch> switchesBefore = net.switchesSnapshot();
          NetworkState.Outcome outcome = net.apply(host, ps.step());
          StepEvent e = event(wave, host, i + 1, ps, outcome, before, switchesBefore, net);
          runStepRules(ev, e, stepRules, findings, reported);
        }
      }
    }
    return net;
  }

  /**
   * A switch-level wave: each step applies its switch-wide change once; every member is before and
   * after it.
   */
  private static void simulateSwitchWave(
      Evaluation ev,
      NetworkState net,
      ExecWave wave,
      List<StepRule> stepRules,
      List<Finding> findings,
      Set<String> reported,
      Deadline deadline) {
    List<PlannedStep> steps = wave.switchSteps();
    for (int i = 0; i < steps.size(); i++) {
      deadline.check();
      PlannedStep ps = steps.get(i);
      Map<String, HostNet> before = new MembersBefore(net, null, null, List.of(wave.switchName()));
      Map<String, DistributedSwitch> switchesBefore = net.switchesSnapshot();
      NetworkState.Outcome outcome = net.applyToSwitch(wave.switchName(), ps.step());
      runStepRules(
          ev,
          event(wave, null, i + 1, ps, outcome, before, switchesBefore, net),
          stepRules,
          findings,
          reported);
    }
  }

  private static StepEvent event(
      ExecWave wave,
      String host,
      int number,
      PlannedStep ps,
      NetworkState.Outcome outcome,
      Map<String, HostNet> before,
      Map<String, DistributedSwitch> switchesBefore,
      NetworkState net) {
    if (outcome instanceof NetworkState.Outcome.Applied a) {
      return new StepEvent(
          wave,
          host,
          number,
          ps.step(),
          ps.change(),
          a.moves(),
          a.touchedHosts(),
          before,
          switchesBefore,
          net,
          null);
    }
    if (outcome instanceof NetworkState.Outcome.Assumed s) {
      return new StepEvent(
          wave,
          host,
          number,
          ps.step(),
          ps.change(),
          s.applied().moves(),
          s.applied().touchedHosts(),
          before,
          switchesBefore,
          net,
          null,
          s.reason());
    }
    return new StepEvent(
        wave,
        host,
        number,
        ps.step(),
        ps.change(),
        List.of(),
        host == null ? Set.of() : Set.of(host),
        before,
        switchesBefore,
        net,
        ((NetworkState.Outcome.Invalid) outcome).reason());
  }

  private static void runStepRules(
      Evaluation ev,
      StepEvent e,
      List<StepRule> stepRules,
      List<Finding> findings,
      Set<String> reported) {
    for (StepRule r : stepRules) {
      // No lambda per rule and step (as run would take): under the client compiler each is an
      // allocation through a method handle, and a large rollout has millions of these calls.
      List<Finding> found;
      try {
        found = Objects.requireNonNull(r.checkStep(ev, e), "rule returned null");
      } catch (RuntimeException x) {
        throw new RuleFailure(r.info().id(), x);
      }
      for (Finding f : found) {
        String key = f.rule() + '\u0000' + e.wave().index() + '\u0000' + f.subject().host();
        if (reported.add(key)) {
          findings.add(f);
        }
      }
    }
  }

  /**
   * The hosts a step may change, as they are before it: the host, or every member for switch-wide
   * steps. Only the host itself is copied: a switch-wide share changes the switch's configuration,
   * never a host's own state, so the other members are seen live (the event is read by the step
   * rules before the next step runs).
   */
  private static Map<String, HostNet> snapshot(NetworkState net, String host, Step step) {
    HostNet copy = net.host(host).orElseThrow().copy();
    if (step instanceof Step.ReconfigureSwitch r) {
      List<String> switches =
          net.change(r.change()).map(c -> c.distributedSwitches()).orElse(List.of());
      if (!switches.isEmpty()) {
        return new MembersBefore(net, host, copy, switches);
      }
    }
    return Map.of(host, copy);
  }

  /**
   * The step's host (a copy; none for a switch-level step) and the hosts that are members of any of
   * {@code switches}, as a map view.
   */
  private static final class MembersBefore extends java.util.AbstractMap<String, HostNet> {
    private final NetworkState net;
    private final String host;
    private final HostNet copy;
    private final List<String> switches;
    private Map<String, HostNet> all;

    MembersBefore(NetworkState net, String host, HostNet copy, List<String> switches) {
      this.net = net;
      this.host = host;
      this.copy = copy;
      this.switches = switches;
    }

    @Override
    public HostNet get(Object key) {
      if (host != null && host.equals(key)) {
        return copy;
      }
      HostNet h = key instanceof String k ? net.host(k).orElse(null) : null;
      return h != null && switches.stream().anyMatch(h::memberOf) ? h : null;
    }

    @Override
    public boolean containsKey(Object key) {
      return get(key) != null;
    }

    @Override
    public Set<Entry<String, HostNet>> entrySet() {
      if (all == null) {
        // Rules look hosts up; a full walk (every member of the switch) is built only if one
        // iterates.
        Map<String, HostNet> m = new LinkedHashMap<>();
        if (host != null) {
          m.put(host, copy);
        }
        for (String dvs : switches) {
          for (String name : net.membersOf(dvs)) {
            m.putIfAbsent(name, net.host(name).orElseThrow());
          }
        }
        all = java.util.Collections.unmodifiableMap(m);
      }
      return all.entrySet();
    }
  }

  private static List<Finding> run(Rule r, java.util.function.Supplier<List<Finding>> check) {
    try {
      return Objects.requireNonNull(check.get(), "rule returned null");
    } catch (RuntimeException e) {
      throw new RuleFailure(r.info().id(), e);
    }
  }

  /**
   * Findings are ordered by change, wave, step, rule (docs/spec/formats.md, section 3), then host
   * and message for ties.
   */
  static Comparator<Finding> order(ChangePlan plan, Execution execution) {
    Map<String, Integer> changeIndex = new java.util.HashMap<>();
    List<io.vsguard.core.plan.Change> changes = plan.spec().changes();
    for (int i = 0; i < changes.size(); i++) {
      changeIndex.putIfAbsent(changes.get(i).id(), i);
    }
    Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
    return Comparator.<Finding>comparingInt(
            f -> f.change() == null ? -1 : changeIndex.getOrDefault(f.change(), -1))
        .thenComparingInt(f -> f.wave() == null ? -1 : execution.waveIndex(f.wave()))
        .thenComparingInt(f -> f.step() == null ? -1 : f.step())
        .thenComparing(Finding::rule)
        .thenComparing(f -> f.subject().host(), nullsFirst)
        .thenComparing(f -> f.subject().switchName(), nullsFirst)
        .thenComparing(Finding::message);
  }
}
