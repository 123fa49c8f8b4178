package io.vsguard.core.rules;

import io.vsguard.core.plan.Where;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.RolloutRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.rule.StepRule;
import io.vsguard.core.sim.Execution;
import io.vsguard.core.sim.Execution.ExecWave;
import io.vsguard.core.sim.HostNet;
import io.vsguard.core.sim.Move;
import io.vsguard.core.sim.NetworkState;
import io.vsguard.core.sim.StepEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When the host running the vCenter appliance loses its network, the tool that would roll the
 * change back is gone too; in 2016 recovery needed a separately built management server. Its host
 * goes last and alone, and its management vmkernel never moves between distributed switches without
 * a standard-switch fallback. Hosts of the policy pack's critical VMs ({@code criticalVms}, placed
 * by the snapshot's per-host VM names) change after every other host.
 */
public final class VcenterHostLast implements RolloutRule, StepRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "vcenter-host-last",
          Severity.BLOCK,
          "The host running the vCenter appliance is not alone in the last wave, or its management path has no fallback",
          "Put the vCenter host alone in the last wave and keep an independent management path "
              + "(a standard switch or an ephemeral portgroup) while its networking moves",
          "vSphere Networking, Networking Best Practices (vCenter on a distributed switch, ephemeral port binding)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkRollout(Evaluation ev, NetworkState end) {
    List<Finding> out = new ArrayList<>(criticalVmHosts(ev));
    out.addAll(vcenterHost(ev));
    return out;
  }

  /**
   * Hosts of the pack's critical VMs (DNS, directory, backup: what recovery needs) change after
   * every host without one, so a failed wave never takes them down with it.
   */
  private static List<Finding> criticalVmHosts(Evaluation ev) {
    Map<String, List<String>> critical = ev.index().criticalVmsByHost(ev.params().criticalVms());
    Optional<String> vc = ev.index().vcenterHost();
    Execution ex = ev.execution();
    List<Finding> out = new ArrayList<>();
    if (critical.isEmpty()) {
      return out;
    }
    Later[] later = laterOrdinaryHosts(ex, critical, vc);
    for (Map.Entry<String, List<String>> c : critical.entrySet()) {
      String host = c.getKey();
      if (vc.filter(host::equals).isPresent() || ex.waveOf(host).isEmpty()) {
        continue;
      }
      ExecWave w = ex.waveOf(host).get();
      Later ordinary = later[w.index()];
      if (ordinary.count() > 0) {
        out.add(
            INFO.finding(
                new Where(null, w.name(), null),
                null,
                host,
                host
                    + " runs the critical VM"
                    + (c.getValue().size() > 1 ? "s " : " ")
                    + String.join(", ", c.getValue())
                    + " and changes in wave "
                    + (w.name() == null ? "all-at-once" : w.name())
                    + " although "
                    + ordinary.count()
                    + " host"
                    + (ordinary.count() > 1 ? "s" : "")
                    + " without critical VMs ("
                    + String.join(", ", ordinary.first())
                    + (ordinary.count() > 3 ? ", ..." : "")
                    + ") change in that wave or later"));
      }
    }
    return out;
  }

  /**
   * How many hosts without critical VMs change in a wave or later, and the first three of them by
   * name.
   */
  private record Later(int count, List<String> first) {}

  /**
   * For each wave index, the hosts without critical VMs (nor vCenter) listed in it or a later wave.
   */
  private static Later[] laterOrdinaryHosts(
      Execution ex, Map<String, List<String>> critical, Optional<String> vc) {
    List<ExecWave> waves = ex.waves();
    Later[] out = new Later[waves.size() + 1];
    out[waves.size()] = new Later(0, List.of());
    for (int k = waves.size() - 1; k >= 0; k--) {
      List<String> first = new ArrayList<>(out[k + 1].first());
      int count = out[k + 1].count();
      for (String h : waves.get(k).hosts()) {
        if (!critical.containsKey(h) && vc.filter(h::equals).isEmpty()) {
          count++;
          first.add(h);
        }
        if (first.size() > 3) {
          first.sort(null);
          first.subList(3, first.size()).clear();
        }
      }
      first.sort(null);
      out[k] = new Later(count, List.copyOf(first));
    }
    return out;
  }

  private static List<Finding> vcenterHost(Evaluation ev) {
    Optional<String> vc = ev.index().vcenterHost();
    Execution ex = ev.execution();
    if (vc.isEmpty() || ex.waveOf(vc.get()).isEmpty()) {
      return List.of();
    }
    String host = vc.get();
    List<Finding> out = new ArrayList<>();
    ExecWave w = ex.waveOf(host).get();
    // A switch-level wave after it changes the switch, not another host: the last wave of hosts
    // counts.
    List<ExecWave> hostWaves = ex.hostWaves();
    ExecWave last = hostWaves.get(hostWaves.size() - 1);
    String vm = ev.index().inventory().vcenter().vmName();
    String who = "the vCenter appliance" + (vm == null ? "" : " (" + vm + ")") + " runs on " + host;
    if (w.index() != last.index()) {
      out.add(
          INFO.finding(
              new Where(null, w.name(), null),
              null,
              host,
              who
                  + ", which changes in wave "
                  + w.name()
                  + " although wave "
                  + last.name()
                  + " comes after it"));
    } else if (w.hosts().size() > 1) {
      out.add(
          INFO.finding(
              new Where(null, w.name(), null),
              null,
              host,
              who
                  + ", which changes together with "
                  + (w.hosts().size() - 1)
                  + " other hosts; if they fail together nothing is left to roll back"));
    }
    return out;
  }

  @Override
  public List<Finding> checkStep(Evaluation ev, StepEvent e) {
    Optional<String> vc = ev.index().vcenterHost();
    if (vc.isEmpty() || !vc.get().equals(e.host())) {
      return List.of();
    }
    HostNet before = e.before().get(e.host());
    for (Move m : e.moves()) {
      if (m.device() != Move.Device.VMKERNEL
          || m.from() == null
          || m.to() == null
          || m.from().standard()
          || m.to().standard()) {
        continue;
      }
      boolean mgmt = before.vmk(m.name()).map(HostNet.VmkAt::management).orElse(false);
      if (mgmt) {
        return List.of(
            INFO.finding(
                e.where(),
                m.from().name(),
                e.host(),
                "the management vmkernel "
                    + m.name()
                    + " of the vCenter host "
                    + e.host()
                    + " moves from "
                    + m.from().name()
                    + " straight to "
                    + m.to().name()
                    + " at "
                    + e.describeStep()
                    + ", with no standard-switch fallback"));
      }
    }
    return List.of();
  }
}
