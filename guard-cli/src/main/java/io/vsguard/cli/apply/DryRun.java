package io.vsguard.cli.apply;

import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Step;
import io.vsguard.core.sim.Execution;
import io.vsguard.core.sim.InventoryIndex;
import io.vsguard.core.sim.NetworkState;
import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.apply.PlanningException;
import io.vsguard.vsphere.apply.StepExecutor;
import io.vsguard.vsphere.apply.StepPlan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What apply would do, without writing: every host's steps planned into vim25 calls from one read
 * of the host ({@link StepExecutor#dryRun}), with the state the guard's simulation predicts after
 * each step. {@code --execute} makes the same plans first, so a step apply cannot carry out (a
 * switch-wide change, a step this version does not know) is refused before the first write.
 */
public final class DryRun {
  private DryRun() {}

  /** One host's planned steps and, per step, what the simulation predicts changes. */
  public record HostPlan(String host, List<StepPlan> steps, List<List<String>> predicted) {
    public HostPlan {
      steps = List.copyOf(steps);
      predicted = List.copyOf(predicted);
    }
  }

  public record WavePlan(Execution.ExecWave wave, List<HostPlan> hosts) {
    public WavePlan {
      hosts = List.copyOf(hosts);
    }
  }

  /** Plans every wave; reads each host once, writes nothing. */
  public static List<WavePlan> plan(
      StepExecutor executor, Execution execution, InventoryIndex index, ChangePlan plan)
      throws VsphereException, PlanningException {
    NetworkState sim = new NetworkState(index, plan);
    List<WavePlan> out = new ArrayList<>();
    for (Execution.ExecWave w : execution.waves()) {
      List<HostPlan> hosts = new ArrayList<>();
      for (String host : w.hosts()) {
        List<Step> steps = w.stepsOf(host).stream().map(Execution.PlannedStep::step).toList();
        List<StepPlan> plans = executor.dryRun(host, steps);
        List<List<String>> predicted = new ArrayList<>();
        for (Step s : steps) {
          HostView before =
              HostView.predicted(
                  sim.host(host)
                      .orElseThrow(
                          () ->
                              new PlanningException(
                                  host + " is not in the inventory the check was made on"))
                      .copy());
          if (sim.apply(host, s) instanceof NetworkState.Outcome.Invalid inv) {
            throw new PlanningException(
                host + ", " + s.describe() + ": the simulation refuses it: " + inv.reason());
          }
          predicted.add(HostView.predicted(sim.host(host).orElseThrow()).changedFrom(before));
        }
        hosts.add(new HostPlan(host, plans, predicted));
      }
      out.add(new WavePlan(w, hosts));
    }
    return out;
  }

  public static void print(List<WavePlan> waves, PrintWriter out) {
    for (WavePlan wp : waves) {
      Execution.ExecWave w = wp.wave();
      String gate =
          w.gate() == null
              ? "no gate"
              : "gate: soak "
                  + w.gate().soakMinutes()
                  + " min; "
                  + String.join(", ", w.gate().checks());
      String hosts = w.hosts().size() + (w.hosts().size() == 1 ? " host" : " hosts");
      out.println("wave " + ApplyRun.waveName(w) + " (" + hosts + "), " + gate);
      for (HostPlan hp : wp.hosts()) {
        out.println("  host " + hp.host());
        for (int i = 0; i < hp.steps().size(); i++) {
          StepPlan sp = hp.steps().get(i);
          out.println("    " + (i + 1) + ". " + sp.step().describe());
          sp.describe().forEach(line -> out.println("       " + line));
          List<String> p = hp.predicted().get(i);
          out.println("       predicted: " + (p.isEmpty() ? "no change" : String.join("; ", p)));
        }
      }
    }
  }
}
