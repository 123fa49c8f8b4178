package io.vsguard.core.rules;

import io.vsguard.core.model.Host;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.SwitchRef;
import io.vsguard.core.plan.Where;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.RolloutRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.sim.Execution;
import io.vsguard.core.sim.Execution.ExecWave;
import io.vsguard.core.sim.Execution.PlannedStep;
import io.vsguard.core.sim.ExecutionBuilder;
import io.vsguard.core.sim.HostNet;
import io.vsguard.core.sim.NetworkState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guard certifies what it simulated. A hand-written rollout that skips an affected host, runs a
 * host twice, or ends in a state that is not the change's intent (pnics still on the old switch, a
 * switch-wide change never applied, or applied by two steps) proves nothing about the change
 * requested.
 */
public final class RolloutIncomplete implements RolloutRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "rollout-incomplete",
          Severity.BLOCK,
          "The rollout does not carry out the plan's changes on exactly the affected hosts",
          "Put every affected host in exactly one wave and make the steps end in the intended state "
              + "(vsguard stage writes such a rollout)",
          "docs/spec/formats.md, section 2 (rollout)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkRollout(Evaluation ev, NetworkState end) {
    Execution ex = ev.execution();
    if (ex.naive()) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    ex.waves().forEach(w -> w.hosts().forEach(h -> seen.merge(h, 1, Integer::sum)));
    Map<String, Integer> reconfigured = null;
    for (Change c : ev.plan().spec().changes()) {
      Where at = Where.change(c.id());
      if (c.switchWide()) {
        // vCenter writes it to every member at once: no member needs a wave of its own, and the
        // change needs exactly one reconfigure-switch step (in a host wave or a switch-level wave).
        if (ev.affected().of(c.id()).isEmpty()) {
          continue;
        }
        if (reconfigured == null) {
          reconfigured = reconfigured(ex);
        }
        int n = reconfigured.getOrDefault(c.id(), 0);
        if (n == 0) {
          out.add(
              INFO.finding(
                  at,
                  c.distributedSwitches().get(0),
                  null,
                  "no wave applies " + c.id() + " (a reconfigure-switch step naming it)"));
        } else if (n > 1) {
          out.add(
              INFO.finding(
                  at,
                  c.distributedSwitches().get(0),
                  null,
                  n
                      + " reconfigure-switch steps apply "
                      + c.id()
                      + "; vCenter applies a switch-wide change once, so the rollout must say when, in one step"));
        }
        continue;
      }
      for (String h : ev.affected().of(c.id())) {
        int n = seen.getOrDefault(h, 0);
        if (n == 0) {
          out.add(
              INFO.finding(at, null, h, h + " is affected by " + c.id() + " but is in no wave"));
          continue;
        }
        if (n > 1) {
          out.add(
              INFO.finding(
                  at, null, h, h + " is in " + n + " waves; a host belongs to exactly one"));
        }
        String gap =
            endStateGap(c, ev.index().host(h).orElseThrow(), end.host(h).orElseThrow(), ev);
        if (gap != null) {
          out.add(INFO.finding(at, c.distributedSwitches().get(0), h, "after the rollout, " + gap));
        }
      }
    }
    for (String h : seen.keySet().stream().sorted().toList()) {
      if (ev.index().host(h).isPresent() && !ev.affected().contains(h)) {
        out.add(
            INFO.finding(
                Where.PLAN, null, h, h + " is in a wave but no change of the plan affects it"));
      }
    }
    return out;
  }

  /**
   * How many written reconfigure-switch steps name each change. A wave's hosts share one step list,
   * read once: a step in a wave of three hosts is one step of the rollout.
   */
  private static Map<String, Integer> reconfigured(Execution ex) {
    Map<String, Integer> out = new HashMap<>();
    for (ExecWave w : ex.waves()) {
      Set<List<PlannedStep>> read =
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      List<List<PlannedStep>> lists = new ArrayList<>(w.steps().values());
      lists.add(w.switchSteps());
      for (List<PlannedStep> steps : lists) {
        if (read.add(steps)) {
          steps.forEach(
              ps -> {
                if (ps.step() instanceof Step.ReconfigureSwitch r) {
                  out.merge(r.change(), 1, Integer::sum);
                }
              });
        }
      }
    }
    return out;
  }

  /** What is still missing on a host for a per-host change, or null when its intent holds. */
  private static String endStateGap(Change c, Host initial, HostNet end, Evaluation ev) {
    if (c instanceof Change.MigrateHosts m) {
      List<String> left = new ArrayList<>(end.pnicsOn(m.from()));
      left.addAll(end.vmksOn(m.from()));
      if (!left.isEmpty()) {
        return String.join(", ", left)
            + " of "
            + initial.name()
            + " are still on "
            + m.from().name();
      }
      if (m.to().distributed() && !end.memberOf(m.to().name())) {
        return initial.name() + " is not a member of " + m.to().name();
      }
      for (Vmkernel v : ExecutionBuilder.vmksOn(initial, m.from(), ev.index())) {
        SwitchRef now = end.vmk(v.device()).map(HostNet.VmkAt::sw).orElse(null);
        if (!m.to().equals(now)) {
          return v.device() + " of " + initial.name() + " ended on " + now + ", not " + m.to();
        }
      }
      return null;
    }
    if (c instanceof Change.AddHosts a) {
      if (!end.memberOf(a.switchName())) {
        return initial.name() + " did not join " + a.switchName();
      }
      for (String p : a.pnics().keySet()) {
        if (!end.pnicsOn(SwitchRef.distributed(a.switchName())).contains(p)) {
          return p + " of " + initial.name() + " does not back an uplink of " + a.switchName();
        }
      }
      return null;
    }
    if (c instanceof Change.RemoveHosts r && end.memberOf(r.switchName())) {
      return initial.name() + " is still a member of " + r.switchName();
    }
    return null;
  }
}
