package io.vsguard.cli;

import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.Portgroup;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The staged rollout as a runbook an engineer can follow at 2 a.m.: one section per wave, numbered
 * steps in vSphere Client terms, the gate, and what to do when the gate fails.
 */
final class Runbook {
  private static final Map<String, String> CHECKS =
      Map.of(
          "host-connected", "every host of the wave shows Connected in vCenter",
          "management-reachable",
              "each host's management address answers (ping, and the vSphere Client opens it)",
          "no-new-alarms", "no new host or network alarm since the wave started",
          "vmotion-reachable", "a vMotion to and from each host of the wave succeeds");

  private final ChangePlan plan;
  private final Inventory inventory;

  Runbook(ChangePlan plan, Inventory inventory) {
    this.plan = plan;
    this.inventory = inventory;
  }

  String render() {
    StringBuilder sb = new StringBuilder();
    List<Rollout.Wave> waves = plan.spec().rollout().waves();
    sb.append("# Runbook: ").append(plan.metadata().id());
    if (plan.metadata().title() != null) {
      sb.append(" — ").append(plan.metadata().title());
    }
    sb.append("\n\n");
    if (plan.metadata().ticket() != null) {
      sb.append("Ticket: ").append(plan.metadata().ticket()).append(". ");
    }
    long hosts = waves.stream().mapToLong(w -> w.hosts().size()).sum();
    sb.append(waves.size())
        .append(" waves, ")
        .append(hosts)
        .append(" hosts. Written by `vsguard stage`; ")
        .append(
            "`vsguard check` on the staged plan passes. Follow the waves in order and never start a wave ")
        .append("before the previous gate has passed.\n\n");
    plan.spec()
        .changes()
        .forEach(
            c ->
                sb.append("- Change `")
                    .append(c.id())
                    .append("`: ")
                    .append(TextReport.describe(c))
                    .append('\n'));
    sb.append(
            "\nBefore you start: an SSH or DCUI console path to every host (the management network moves), ")
        .append(
            "a backup of each distributed switch configuration (Export Configuration), and the physical ")
        .append("switch team ready to rework port channels if a LAG is involved.\n");
    for (int i = 0; i < waves.size(); i++) {
      Rollout.Wave w = waves.get(i);
      sb.append("\n## Wave ")
          .append(i + 1)
          .append(": ")
          .append(w.name())
          .append(" — ")
          .append(w.switchLevel() ? "switch " + w.switchName() : String.join(", ", w.hosts()))
          .append("\n\n");
      if (w.switchLevel()) {
        sb.append("A switch-wide change: vCenter writes it to every member host of ")
            .append(w.switchName())
            .append(" at once. Export the switch configuration first.\n\n");
      } else if (w.hosts().size() > 1) {
        sb.append("Do these steps on each host of the wave; the hosts may run in parallel.\n\n");
      }
      String host = w.switchLevel() ? null : w.hosts().get(0);
      for (int s = 0; s < w.steps().size(); s++) {
        sb.append(s + 1)
            .append(". ")
            .append(describe(w.steps().get(s), host, w.hosts().size() > 1))
            .append("  `")
            .append(w.steps().get(s).describe())
            .append("`\n");
      }
      if (w.gate() != null) {
        sb.append("\n**Gate.** Wait ")
            .append(w.gate().soakMinutes())
            .append(" minutes, then check that:\n\n");
        w.gate()
            .checks()
            .forEach(c -> sb.append("- ").append(CHECKS.getOrDefault(c, c)).append('\n'));
        sb.append(
                "\nIf any check fails: stop here and do not start the next wave. Restore the failed host's ")
            .append(
                "management network from its console (DCUI > Network Restore Options), take it out of the ")
            .append("change, and open an incident. Hosts of later waves are untouched.\n");
      }
    }
    return sb.toString();
  }

  private String describe(Step step, String host, boolean many) {
    String h = many ? "the host" : host;
    if (step instanceof Step.EnterMaintenance) {
      return "Put " + h + " in maintenance mode and wait until DRS has moved every VM off it.";
    }
    if (step instanceof Step.ExitMaintenance) {
      return "Take " + h + " out of maintenance mode.";
    }
    if (step instanceof Step.CreateStandardSwitch c) {
      if (!c.specified()) {
        return "On "
            + h
            + ", add a standard switch "
            + c.switchName()
            + " with no adapters yet (the temporary path).";
      }
      List<String> pgs =
          c.portgroups().stream()
              .map(
                  p ->
                      p.name()
                          + " (VLAN "
                          + p.vlan()
                          + (p.uplink() == null ? "" : ", active uplink " + p.uplink())
                          + ")")
              .toList();
      return "On "
          + h
          + ", add a standard switch "
          + c.switchName()
          + (c.mtu() == null ? "" : " with MTU " + c.mtu())
          + " and no adapters yet (the temporary path)"
          + (pgs.isEmpty()
              ? ""
              : "; on it, add the portgroups "
                  + String.join(", ", pgs)
                  + ", mirrored from the distributed portgroups they stand in for")
          + ".";
    }
    if (step instanceof Step.RemoveStandardSwitch r) {
      return "Remove the temporary standard switch " + r.switchName() + " from " + h + ".";
    }
    if (step instanceof Step.MovePnic m) {
      return m.to().standard()
          ? "Move physical adapter " + m.pnic() + " to standard switch " + m.to().name() + "."
          : "Assign physical adapter "
              + m.pnic()
              + " to "
              + (m.uplink() == null ? "a free uplink" : m.uplink())
              + " of "
              + m.to().name()
              + ".";
    }
    if (step instanceof Step.MoveVmAdapters m) {
      return "Migrate VM networking of the VMs on "
          + h
          + " only: every adapter on "
          + m.from()
          + " / "
          + m.portgroup()
          + " to "
          + m.to()
          + " / "
          + m.target()
          + " (the VMs keep running; do it before the"
          + " last physical adapter leaves "
          + m.from().name()
          + ").";
    }
    if (step instanceof Step.MoveVmkernel m) {
      String vlan =
          m.vlan() != null
              ? " (create it with VLAN " + m.vlan() + ")"
              : vlanOf(host, m.vmk()).map(v -> " (VLAN " + v + ", as before)").orElse("");
      return "Migrate VMkernel adapter "
          + m.vmk()
          + " to "
          + (m.to().standard() ? "standard switch " : "")
          + m.to().name()
          + ", portgroup "
          + m.portgroup()
          + (m.to().standard() ? vlan : "")
          + ".";
    }
    if (step instanceof Step.RemoveFromSwitch r) {
      return "Remove " + h + " from " + r.switchName() + " (Add and Manage Hosts > Remove hosts).";
    }
    if (step instanceof Step.AddToSwitch a) {
      return "Add "
          + h
          + " to "
          + a.switchName()
          + " (Add and Manage Hosts > Add hosts), no adapters yet.";
    }
    if (step instanceof Step.ReconfigureSwitch r) {
      return host == null
          ? "Apply change " + r.change() + " to the switch (every member host at once)."
          : "Apply change " + r.change() + " (it reaches every member host of the switch at once).";
    }
    return "Verify "
        + h
        + ": connected in vCenter, management and vMotion vmkernels reachable, no new alarms.";
  }

  /** The VLAN of the portgroup a vmkernel came from, to set on its temporary standard portgroup. */
  private Optional<Integer> vlanOf(String host, String vmk) {
    Optional<Vmkernel> v =
        inventory.hosts().stream()
            .filter(x -> x.name().equals(host))
            .findFirst()
            .flatMap((Host x) -> x.vmkernel(vmk));
    if (v.isEmpty()) {
      return Optional.empty();
    }
    return inventory.distributedSwitches().stream()
        .filter(s -> s.name().equals(v.get().switchName()))
        .findFirst()
        .flatMap(s -> s.portgroup(v.get().portgroup()))
        .map(Portgroup::vlan);
  }
}
