package io.vsguard.cli.apply;

import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.SwitchRef;
import io.vsguard.core.sim.HostNet;
import io.vsguard.core.sim.InventoryIndex;
import io.vsguard.core.sim.NetworkState;
import java.util.ArrayList;
import java.util.List;

/**
 * The way back for a host a halted apply left half done: the inverse of each step it completed,
 * last first, computed from the state the simulation had before that step, then checked by the
 * simulation: each inverse step must be one ESXi and vCenter accept there, and together they must
 * bring the host back to the state it had before apply touched it. A step that cannot be undone by
 * a rollout step (a pnic that was on no switch) is said in {@code manual}.
 */
public record WayBack(List<Step> steps, List<String> manual, List<String> problems) {
  public WayBack {
    steps = List.copyOf(steps);
    manual = List.copyOf(manual);
    problems = List.copyOf(problems);
  }

  /** A step carried out on the host, with the host as the simulation had it before the step. */
  record Done(Step step, HostNet before) {}

  /**
   * The inverse of the steps {@code done} on {@code host} (oldest first): the simulation replays
   * them from the inventory the check was made on, takes the host's state before each, then applies
   * the inverse steps and compares the host with how it began.
   */
  public static WayBack of(String host, List<Step> done, InventoryIndex index, ChangePlan plan) {
    NetworkState sim = new NetworkState(index, plan);
    HostNet start = sim.host(host).orElse(null);
    if (start == null) {
      return new WayBack(
          List.of(), List.of(), List.of(host + " is not in the inventory the check was made on"));
    }
    HostView initial = HostView.predicted(start.copy());
    List<Done> dones = new ArrayList<>();
    for (Step s : done) {
      HostNet before = sim.host(host).orElseThrow().copy();
      if (sim.apply(host, s) instanceof NetworkState.Outcome.Invalid inv) {
        return new WayBack(
            List.of(),
            List.of(),
            List.of("the simulation cannot replay " + s.describe() + ": " + inv.reason()));
      }
      dones.add(new Done(s, before));
    }
    List<Step> steps = new ArrayList<>();
    List<String> manual = new ArrayList<>();
    for (int i = dones.size() - 1; i >= 0; i--) {
      steps.addAll(inverse(dones.get(i), manual));
    }
    List<String> problems = new ArrayList<>();
    for (Step s : steps) {
      if (sim.apply(host, s) instanceof NetworkState.Outcome.Invalid inv) {
        problems.add(s.describe() + " would be refused: " + inv.reason());
        return new WayBack(steps, manual, problems);
      }
    }
    for (String d : initial.differences(HostView.predicted(sim.host(host).orElseThrow()))) {
      problems.add("after the way back the host would still differ from before apply: " + d);
    }
    return new WayBack(steps, manual, problems);
  }

  private static List<Step> inverse(Done d, List<String> manual) {
    HostNet before = d.before();
    Step s = d.step();
    if (s instanceof Step.EnterMaintenance) {
      return before.inMaintenance() ? List.of() : List.of(new Step.ExitMaintenance());
    } else if (s instanceof Step.ExitMaintenance) {
      return before.inMaintenance() ? List.of(new Step.EnterMaintenance()) : List.of();
    } else if (s instanceof Step.CreateStandardSwitch c) {
      return List.of(new Step.RemoveStandardSwitch(c.switchName()));
    } else if (s instanceof Step.RemoveStandardSwitch r) {
      List<Step> out = new ArrayList<>(List.of(new Step.CreateStandardSwitch(r.switchName())));
      before
          .pnicsOn(SwitchRef.standard(r.switchName()))
          .forEach(p -> out.add(new Step.MovePnic(p, SwitchRef.standard(r.switchName()), null)));
      return out;
    } else if (s instanceof Step.MovePnic m) {
      HostNet.PnicAt at = before.pnic(m.pnic()).orElse(null);
      if (at == null) {
        manual.add(
            m.pnic()
                + " was on no switch before "
                + m.describe()
                + ": detach it in the vSphere Client");
        return List.of();
      }
      return List.of(new Step.MovePnic(m.pnic(), at.sw(), at.sw().standard() ? null : at.uplink()));
    } else if (s instanceof Step.MoveVmkernel m) {
      HostNet.VmkAt at = before.vmk(m.vmk()).orElse(null);
      if (at == null) {
        manual.add(m.vmk() + " did not exist before " + m.describe());
        return List.of();
      }
      return List.of(new Step.MoveVmkernel(m.vmk(), at.sw(), at.portgroup()));
    } else if (s instanceof Step.AddToSwitch a) {
      return List.of(new Step.RemoveFromSwitch(a.switchName()));
    } else if (s instanceof Step.RemoveFromSwitch r) {
      List<Step> out = new ArrayList<>(List.of(new Step.AddToSwitch(r.switchName())));
      SwitchRef sw = SwitchRef.distributed(r.switchName());
      before
          .pnicsOn(sw)
          .forEach(
              p ->
                  out.add(
                      new Step.MovePnic(
                          p, sw, before.pnic(p).map(HostNet.PnicAt::uplink).orElse(null))));
      return out;
    } else if (s instanceof Step.Verify) {
      return List.of();
    }
    manual.add("no inverse for " + s.describe());
    return List.of();
  }
}
