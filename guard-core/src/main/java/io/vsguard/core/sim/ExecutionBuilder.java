package io.vsguard.core.sim;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.DistributedSwitch.MemberPnic;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.SwitchRef;
import io.vsguard.core.sim.Execution.ExecWave;
import io.vsguard.core.sim.Execution.PlannedStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a plan into an {@link Execution}: its own rollout, or the naive all-at-once push. */
public final class ExecutionBuilder {
  private ExecutionBuilder() {}

  public static Execution build(ChangePlan plan, InventoryIndex index, AffectedHosts affected) {
    return build(plan, index, affected, Deadline.NONE);
  }

  public static Execution build(
      ChangePlan plan, InventoryIndex index, AffectedHosts affected, Deadline deadline) {
    Rollout rollout = plan.spec().rollout();
    return rollout == null ? naive(plan, index, affected, deadline) : fromRollout(plan, rollout);
  }

  /**
   * What vCenter does when the change is pushed from the vSphere Client: every change applied to
   * every affected host in one go, physical adapters first and VMkernel adapters after them (the
   * order of the Add and Manage Hosts wizard), with no maintenance mode and no gate.
   */
  static Execution naive(ChangePlan plan, InventoryIndex index, AffectedHosts affected) {
    return naive(plan, index, affected, Deadline.NONE);
  }

  private static Execution naive(
      ChangePlan plan, InventoryIndex index, AffectedHosts affected, Deadline deadline) {
    Map<String, List<PlannedStep>> steps = new LinkedHashMap<>();
    List<Change> switchWide = new ArrayList<>();
    for (Change c : plan.spec().changes()) {
      deadline.check();
      if (c.switchWide()) {
        // vCenter writes it to the switch once, whatever the rollout: a switch-level step, not one
        // per member.
        switchWide.add(c);
        continue;
      }
      for (String host : affected.of(c.id())) {
        Host h = index.host(host).orElseThrow();
        List<PlannedStep> list = steps.computeIfAbsent(host, k -> new ArrayList<>());
        for (Step s : naiveSteps(c, h, index)) {
          list.add(new PlannedStep(s, c.id()));
        }
      }
    }
    List<String> hosts = steps.keySet().stream().sorted().toList();
    List<ExecWave> waves = new ArrayList<>();
    if (!hosts.isEmpty() || switchWide.isEmpty()) {
      waves.add(new ExecWave(0, null, hosts, null, steps));
    }
    // The host changes as pushed, then each switch-wide change, in plan order.
    for (Change c : switchWide) {
      waves.add(
          ExecWave.ofSwitch(
              waves.size(),
              null,
              c.distributedSwitches().get(0),
              null,
              List.of(new PlannedStep(new Step.ReconfigureSwitch(c.id()), c.id()))));
    }
    return new Execution(true, waves);
  }

  /** The direct, unstaged steps of one change on one host. */
  public static List<Step> naiveSteps(Change c, Host h, InventoryIndex index) {
    List<Step> out = new ArrayList<>();
    if (c instanceof Change.MigrateHosts m) {
      DistributedSwitch from = index.distributedSwitch(m.from().name()).orElseThrow();
      if (m.to().distributed()) {
        if (!index.isMember(m.to().name(), h.name())) {
          out.add(new Step.AddToSwitch(m.to().name()));
        }
      } else if (h.standardSwitch(m.to().name()).isEmpty()) {
        out.add(new Step.CreateStandardSwitch(m.to().name()));
      }
      for (MemberPnic p :
          index
              .member(from.name(), h.name())
              .map(DistributedSwitch.Member::pnics)
              .orElse(List.of())) {
        out.add(
            new Step.MovePnic(
                p.device(), m.to(), m.to().distributed() ? m.uplinks().get(p.device()) : null));
      }
      for (Vmkernel v : vmksOn(h, m.from(), index)) {
        out.add(new Step.MoveVmkernel(v.device(), m.to(), targetPortgroup(m, v, index)));
      }
      if (!m.from().equals(m.to())) {
        out.add(new Step.RemoveFromSwitch(m.from().name()));
      }
    } else if (c instanceof Change.AddHosts a) {
      out.add(new Step.AddToSwitch(a.switchName()));
      a.pnics()
          .forEach(
              (pnic, uplink) ->
                  out.add(new Step.MovePnic(pnic, SwitchRef.distributed(a.switchName()), uplink)));
    } else if (c instanceof Change.RemoveHosts r) {
      out.add(new Step.RemoveFromSwitch(r.switchName()));
    } else {
      out.add(new Step.ReconfigureSwitch(c.id()));
    }
    return out;
  }

  public static List<Vmkernel> vmksOn(Host h, SwitchRef sw, InventoryIndex index) {
    return h.vmkernels().stream().filter(v -> index.switchOf(h, v).equals(sw)).toList();
  }

  /** The plan's vmkernels map, else a portgroup of the same name on the target. */
  public static String targetPortgroup(Change.MigrateHosts m, Vmkernel v, InventoryIndex index) {
    String mapped = m.vmkernels().get(v.device());
    return mapped != null ? mapped : v.portgroup();
  }

  static Execution fromRollout(ChangePlan plan, Rollout rollout) {
    Map<String, String> firstChangeOf = firstChangeBySwitch(plan);
    List<ExecWave> waves = new ArrayList<>();
    for (int i = 0; i < rollout.waves().size(); i++) {
      Rollout.Wave w = rollout.waves().get(i);
      Map<String, List<PlannedStep>> steps = new LinkedHashMap<>();
      List<PlannedStep> planned =
          w.steps().stream()
              .map(s -> new PlannedStep(s, attribute(plan, firstChangeOf, s).orElse(null)))
              .toList();
      if (w.switchLevel()) {
        waves.add(ExecWave.ofSwitch(i, w.name(), w.switchName(), w.gate(), planned));
        continue;
      }
      for (String h : w.hosts()) {
        steps.put(h, planned);
      }
      waves.add(new ExecWave(i, w.name(), w.hosts(), w.gate(), steps));
    }
    return new Execution(false, waves);
  }

  /**
   * Which change a rollout step carries out: a reconfigure-switch names it; otherwise the first
   * change (in plan order) whose distributed switches the step touches, or the only change.
   */
  static Optional<String> attribute(ChangePlan plan, Step s) {
    return attribute(plan, firstChangeBySwitch(plan), s);
  }

  /** For each distributed switch, the first change (in plan order) that names it. */
  private static Map<String, String> firstChangeBySwitch(ChangePlan plan) {
    Map<String, String> out = new java.util.HashMap<>();
    for (Change c : plan.spec().changes()) {
      for (String dvs : c.distributedSwitches()) {
        out.putIfAbsent(dvs, c.id());
      }
    }
    return out;
  }

  private static Optional<String> attribute(
      ChangePlan plan, Map<String, String> firstChangeOf, Step s) {
    if (s instanceof Step.ReconfigureSwitch r) {
      return Optional.of(r.change());
    }
    if (plan.spec().changes().size() == 1) {
      return Optional.of(plan.spec().changes().get(0).id());
    }
    return s.distributedSwitch().map(firstChangeOf::get);
  }
}
