package io.vsguard.core.stage;

import io.vsguard.core.engine.Guard;
import io.vsguard.core.load.Limits;
import io.vsguard.core.model.ConnectionState;
import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.rules.LagGlobalChange;
import io.vsguard.core.sim.AffectedHosts;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.sim.InventoryIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Compiles a plan's intents into a host-by-host rollout: one canary host, then waves bounded by
 * {@code maxWaveHosts}, {@code maxWavePercent} of each cluster and HA capacity (never more hosts of
 * a cluster in maintenance than {@code haHostFailuresTolerated}), the vCenter appliance's host
 * alone and last, a gate after every wave. Hosts share a wave only when their step lists are
 * identical, since a wave's steps run on each of its hosts.
 *
 * <p>The stager proves its own output: the staged plan is checked with the same rules as any plan,
 * and a rollout that does not check clean of block findings is refused, never returned.
 *
 * <p>Switch-wide changes (upgrade-switch, set-mtu, set-teaming, set-vlan, reconfigure-lag,
 * convert-lacp) are written to every member at once by vCenter; the stager does not pretend to
 * stage them by host. Each becomes one gated switch-level wave after the host waves (hosts join a
 * switch before it changes under them, and the migrations stay reversible as long as possible), the
 * reversible ones first and the irreversible ones (upgrade-switch, convert-lacp) last; the first
 * irreversible wave is named in the notes as the point of no return. On an LACP switch with several
 * members it refuses, as lag-global-change does.
 */
public final class Stager {
  private final Guard guard;
  private final Parameters params;

  /** Stages under the guard's parameters, and proves its output with the same guard. */
  public Stager(Guard guard) {
    this.guard = guard;
    this.params = guard.params();
  }

  /**
   * Stages under a deadline: once it has passed, the stager stops and throws {@link
   * Deadline.Exceeded}; nothing is offered.
   */
  public StageResult stage(ChangePlan plan, Inventory inventory, Instant now, Deadline deadline) {
    return stage(
        plan,
        inventory,
        now,
        deadline,
        guard.evaluate(plan.withRollout(null), inventory, now, deadline).findings());
  }

  /**
   * {@code intentFindings}: the findings of the plan's intents (the plan without its rollout),
   * evaluated by the caller with this stager's guard, as the check of a plan without rollout has
   * just done. What they refuse is refused before anything is built.
   */
  public StageResult stage(
      ChangePlan plan,
      Inventory inventory,
      Instant now,
      Deadline deadline,
      List<Finding> intentFindings) {
    List<String> refused = refusals(plan, intentFindings, inventory);
    return refused.isEmpty()
        ? build(plan, inventory, now, deadline)
        : new StageResult.Refused(refused);
  }

  /**
   * As {@link #stage(ChangePlan, Inventory, Instant, Deadline, List)}, while the intents' findings
   * are still being worked out (on another thread): the stager builds and proves its rollout
   * meanwhile and asks for them only at the end. The answer is the one given in order: what they
   * refuse is still refused, and an error of the building is reported only when they refuse nothing
   * (it may well be their consequence).
   */
  public StageResult stageMeanwhile(
      ChangePlan plan,
      Inventory inventory,
      Instant now,
      Deadline deadline,
      Supplier<List<Finding>> intentFindings) {
    StageResult built;
    try {
      built = build(plan, inventory, now, deadline);
    } catch (RuntimeException e) {
      List<String> refused = refusals(plan, intentFindings.get(), inventory);
      if (refused.isEmpty()) {
        throw e;
      }
      return new StageResult.Refused(refused);
    }
    List<String> refused = refusals(plan, intentFindings.get(), inventory);
    return refused.isEmpty() ? built : new StageResult.Refused(refused);
  }

  /**
   * What refuses a plan before anything is staged: names that do not resolve, hosts that are not
   * connected, and switch-wide changes of a multi-member LACP switch.
   */
  private static List<String> refusals(ChangePlan plan, List<Finding> base, Inventory inventory) {
    List<String> reasons = new ArrayList<>();
    base.stream()
        .filter(f -> f.rule().equals("unknown-reference") || f.rule().equals("host-not-connected"))
        .forEach(f -> reasons.add(f.message() + " (" + f.rule() + ")"));
    InventoryIndex idx = null;
    for (Change c : plan.spec().changes()) {
      if (c.switchWide()) {
        if (idx == null) {
          idx = new InventoryIndex(inventory);
        }
        idx.distributedSwitch(c.distributedSwitches().get(0))
            .filter(LagGlobalChange::blocks)
            .ifPresent(sw -> reasons.add(lacpSwitchWideReason(c, sw)));
      }
    }
    return reasons;
  }

  /** The rollout of a plan that nothing refuses up front, proven by the guard, or why not. */
  private StageResult build(ChangePlan plan, Inventory inventory, Instant now, Deadline deadline) {
    ChangePlan intents = plan.withRollout(null);
    InventoryIndex idx = new InventoryIndex(inventory);
    List<String> reasons = new ArrayList<>();
    List<Change> switchWide = plan.spec().changes().stream().filter(Change::switchWide).toList();
    AffectedHosts affected = AffectedHosts.of(intents, idx);
    // The hosts to stage are those of the per-host changes; a switch-wide change reaches its
    // members at switch level.
    java.util.SortedSet<String> hosts = new java.util.TreeSet<>();
    plan.spec().changes().stream()
        .filter(c -> !c.switchWide())
        .forEach(c -> hosts.addAll(affected.of(c.id())));
    if (hosts.isEmpty() && switchWide.isEmpty()) {
      return new StageResult.Refused(
          List.of("no host is affected by this plan; there is nothing to stage"));
    }
    Map<String, List<Step>> steps = new LinkedHashMap<>();
    // Hosts staged without maintenance mode, per cluster (DRS off, allowWithoutMaintenance).
    Map<String, Integer> risks = new java.util.TreeMap<>();
    for (String host : hosts) {
      deadline.check();
      Host h = idx.host(host).orElseThrow();
      if (h.connectionState() != ConnectionState.CONNECTED) {
        reasons.add(
            host
                + " is "
                + h.connectionState().wire()
                + "; reconnect it or leave it out of the plan");
        continue;
      }
      List<Step> list = new ArrayList<>();
      for (Change c : plan.spec().changes()) {
        if (!c.switchWide() && affected.affects(c.id(), host)) {
          HostSteps.Result r = HostSteps.forChange(c, h, idx);
          if (c instanceof Change.MigrateHosts m
              && r.problem() == null
              && h.vmCount() > 0
              && !h.maintenanceMode()) {
            boolean evacuable =
                !WithoutMaintenance.applies(params.allowWithoutMaintenance(), h, idx);
            if (!evacuable) {
              risks.merge(h.cluster(), 1, Integer::sum);
            }
            // A host that keeps its VMs through the change takes their adapters with it.
            if (!evacuable
                || r.steps().stream().noneMatch(Step.EnterMaintenance.class::isInstance)) {
              r = WithoutMaintenance.rewrite(m, h, idx, r.steps());
            }
          }
          if (r.problem() != null) {
            reasons.add(r.problem());
          }
          list.addAll(r.steps());
        }
      }
      List<Step> merged = mergeMaintenance(list);
      if (merged.size() > Limits.STEPS_PER_WAVE) {
        // What stage writes, check must read: a wave is one host's steps at least.
        reasons.add(
            host
                + " needs "
                + merged.size()
                + " steps for this plan, over the "
                + Limits.STEPS_PER_WAVE
                + " a wave may hold (docs/spec/formats.md, Limits); split the plan into smaller ones");
      }
      steps.put(host, merged);
    }
    if (!reasons.isEmpty()) {
      return new StageResult.Refused(reasons);
    }
    List<Rollout.Wave> waves = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String problem = steps.isEmpty() ? null : pack(steps, idx, affected, waves, notes, deadline);
    risks.forEach(
        (cluster, n) ->
            notes.add(
                "without maintenance mode: "
                    + n
                    + (n == 1 ? " host" : " hosts")
                    + " of cluster "
                    + cluster
                    + " (DRS is off): their VMs keep running and their adapters move with the host"
                    + " (move-vm-adapters); VM traffic pauses while a port channel renegotiates, and the check warns"
                    + " (maintenance-required)"));
    notes.addAll(manualEvacuation(steps, idx));
    if (problem != null) {
      return new StageResult.Refused(List.of(problem));
    }
    addSwitchWaves(switchWide, idx, waves, notes);
    if (waves.size() > Limits.WAVES) {
      return new StageResult.Refused(
          List.of(
              "the rollout needs "
                  + waves.size()
                  + " waves, over the "
                  + Limits.WAVES
                  + " a plan may hold (docs/spec/formats.md, Limits); split the plan into smaller ones"));
    }
    ChangePlan staged = plan.withRollout(new Rollout(waves));
    List<Finding> blocking =
        guard.evaluate(staged, inventory, now, deadline).findings().stream()
            .filter(f -> f.counts() && f.severity() == Severity.BLOCK)
            .toList();
    if (!blocking.isEmpty()) {
      List<String> why = new ArrayList<>();
      why.add("the staged rollout would still be blocked, so it is not offered:");
      blocking.forEach(
          f ->
              why.add(
                  f.rule()
                      + (f.subject().host() == null ? "" : " on " + f.subject().host())
                      + ": "
                      + f.message()));
      return new StageResult.Refused(why);
    }
    return new StageResult.Staged(staged, notes);
  }

  private static String lacpSwitchWideReason(Change c, DistributedSwitch sw) {
    return c.id()
        + " ("
        + c.action()
        + " on "
        + sw.name()
        + ") is written to all "
        + sw.members().size()
        + " member hosts at once by vCenter and re-pushes their LACP configuration together ("
        + LagGlobalChange.INFO.id()
        + "); no rollout can stage it host by host. Build a new switch with the target "
        + "configuration and migrate hosts to it in waves (migrate-hosts, which vsguard stages), or apply it in a "
        + "maintenance window under a policy exemption, outside vsguard stage";
  }

  /**
   * One gated switch-level wave per switch-wide change, after the host waves: the reversible
   * changes in plan order, then the irreversible ones; the first irreversible one is the point of
   * no return.
   */
  private void addSwitchWaves(
      List<Change> switchWide, InventoryIndex idx, List<Rollout.Wave> waves, List<String> notes) {
    List<Change> ordered =
        new ArrayList<>(switchWide.stream().filter(c -> !irreversible(c)).toList());
    ordered.addAll(switchWide.stream().filter(Stager::irreversible).toList());
    boolean noReturnNamed = false;
    java.util.Set<String> names = new java.util.HashSet<>();
    waves.forEach(w -> names.add(w.name()));
    for (Change c : ordered) {
      String sw = c.distributedSwitches().get(0);
      String name = c.id() + "-" + c.action();
      for (int i = 2; !names.add(name); i++) {
        name = c.id() + "-" + c.action() + "-" + i;
      }
      Rollout.Gate gate = new Rollout.Gate(params.soakMinutes(), params.gateChecks());
      waves.add(Rollout.Wave.ofSwitch(name, sw, List.of(new Step.ReconfigureSwitch(c.id())), gate));
      int members = idx.distributedSwitch(sw).map(s -> s.members().size()).orElse(0);
      notes.add(
          "switch-wide: "
              + c.id()
              + " ("
              + c.action()
              + " on "
              + sw
              + ") is wave "
              + name
              + ", one step that vCenter writes to all "
              + members
              + " member hosts at once");
      if (irreversible(c) && !noReturnNamed) {
        noReturnNamed = true;
        notes.add(
            "point of no return: wave "
                + name
                + " ("
                + c.action()
                + " "
                + c.id()
                + " on "
                + sw
                + ") cannot be rolled back; every wave before it can. Export a configuration backup of "
                + sw
                + " before it");
      }
    }
  }

  /**
   * Switch-wide changes vCenter cannot undo: a switch version upgrade, and the LACP API-version
   * conversion.
   */
  private static boolean irreversible(Change c) {
    return c instanceof Change.UpgradeSwitch || c instanceof Change.ConvertLacp;
  }

  /**
   * Clusters whose hosts enter maintenance mode with DRS off: nothing evacuates them, so the step
   * waits until someone moves the VMs by hand (allowWithoutMaintenance is the other path).
   */
  private static List<String> manualEvacuation(Map<String, List<Step>> steps, InventoryIndex idx) {
    java.util.Set<String> clusters = new java.util.TreeSet<>();
    steps.forEach(
        (host, list) -> {
          Host h = idx.host(host).orElseThrow();
          if (h.vmCount() > 0
              && !h.maintenanceMode()
              && list.stream().anyMatch(Step.EnterMaintenance.class::isInstance)
              && idx.clusterOf(host)
                  .flatMap(idx::cluster)
                  .map(c -> !c.drsEnabled())
                  .orElse(false)) {
            clusters.add(h.cluster());
          }
        });
    return clusters.stream()
        .map(
            c ->
                "DRS is off for cluster "
                    + c
                    + ": enter-maintenance waits until its hosts'"
                    + " VMs are moved off by hand (or set allowWithoutMaintenance to move their adapters with the host)")
        .toList();
  }

  /** Two changes on one host each entering maintenance mode make one maintenance window. */
  private static List<Step> mergeMaintenance(List<Step> steps) {
    long enters = steps.stream().filter(Step.EnterMaintenance.class::isInstance).count();
    if (enters <= 1) {
      return List.copyOf(steps);
    }
    List<Step> out = new ArrayList<>();
    out.add(new Step.EnterMaintenance());
    steps.stream()
        .filter(s -> !(s instanceof Step.EnterMaintenance) && !(s instanceof Step.ExitMaintenance))
        .forEach(out::add);
    out.add(new Step.ExitMaintenance());
    return out;
  }

  /** Greedy packing under the bounds; returns a reason when a bound cannot be met at all. */
  private String pack(
      Map<String, List<Step>> steps,
      InventoryIndex idx,
      AffectedHosts affected,
      List<Rollout.Wave> waves,
      List<String> notes,
      Deadline deadline) {
    Optional<String> vcHost = idx.vcenterHost().filter(steps::containsKey);
    Map<String, List<String>> critical = idx.criticalVmsByHost(params.criticalVms());
    List<String> order =
        steps.keySet().stream()
            .filter(h -> vcHost.map(v -> !v.equals(h)).orElse(true))
            .sorted(
                Comparator.comparingInt((String h) -> idx.host(h).orElseThrow().vmCount())
                    .thenComparing(h -> h))
            .toList();
    // Hosts of critical VMs (DNS, directory, backup) go after every other host, before vCenter's.
    List<String> ordinary =
        new ArrayList<>(order.stream().filter(h -> !critical.containsKey(h)).toList());
    List<String> late = new ArrayList<>(order.stream().filter(critical::containsKey).toList());
    List<List<String>> groups = new ArrayList<>();
    List<String> first = ordinary.isEmpty() ? late : ordinary;
    if (!first.isEmpty()) {
      // The canary: the affected host with the fewest VMs, so a failure hurts least.
      groups.add(new ArrayList<>(List.of(first.remove(0))));
      notes.add(
          "canary: " + groups.get(0).get(0) + " (fewest running VMs among the affected hosts)");
    }
    Map<String, Integer> capacity = new HashMap<>();
    for (String h : steps.keySet()) {
      String cluster = idx.clusterOf(h).orElse(null);
      if (cluster == null || capacity.containsKey(cluster)) {
        continue;
      }
      int ftt =
          idx.cluster(cluster).map(c -> c.haHostFailuresTolerated()).orElse(null) == null
              ? params.defaultHostFailuresTolerated()
              : idx.cluster(cluster).get().haHostFailuresTolerated();
      long down =
          idx.hostsOfCluster(cluster).stream()
              .filter(x -> idx.host(x).map(Host::maintenanceMode).orElse(false))
              .count();
      capacity.put(cluster, (int) (ftt - down));
    }
    WavePacker packer = new WavePacker(steps, idx, affected, capacity, params, deadline);
    String problem = packer.pack(ordinary, groups);
    if (problem == null) {
      problem = packer.pack(late, groups);
    }
    if (problem != null) {
      return problem;
    }
    if (!late.isEmpty() || (ordinary.isEmpty() && !critical.isEmpty())) {
      critical.keySet().stream()
          .filter(steps::containsKey)
          .filter(h -> vcHost.map(v -> !v.equals(h)).orElse(true))
          .sorted()
          .forEach(
              h ->
                  notes.add(
                      "late: " + h + " runs critical VMs " + String.join(", ", critical.get(h))));
    }
    if (vcHost.isPresent()) {
      if (!packer.fitsAlone(vcHost.get())) {
        return "cluster "
            + idx.clusterOf(vcHost.get()).orElse("?")
            + " can take no host into maintenance mode";
      }
      groups.add(List.of(vcHost.get()));
      notes.add("last: " + vcHost.get() + ", which runs the vCenter appliance, alone");
    }
    for (int i = 0; i < groups.size(); i++) {
      List<String> g = groups.get(i);
      String name =
          i == 0
              ? "canary"
              : vcHost.isPresent() && i == groups.size() - 1 ? "vcenter-host" : "wave-" + (i + 1);
      Rollout.Gate gate = new Rollout.Gate(params.soakMinutes(), params.gateChecks());
      waves.add(new Rollout.Wave(name, g, steps.get(g.get(0)), gate));
    }
    return null;
  }
}
