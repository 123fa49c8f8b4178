package io.vsguard.core.rules;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.Where;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.RolloutRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.sim.Execution.ExecWave;
import io.vsguard.core.sim.InventoryIndex;
import io.vsguard.core.sim.NetworkState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The 2016 change reached every host of the LACP switch at once, so one bad interaction took down
 * the whole site. A wave of more than one host is "all at once" when it holds every host of a
 * cluster (or datacenter) that is on the changed switches, or more hosts than the site's {@code
 * maxWaveHosts} / {@code maxWavePercent} of a cluster. A one-host wave never is: it is the smallest
 * step there is.
 */
public final class AllHostsAtOnce implements RolloutRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "all-hosts-at-once",
          Severity.BLOCK,
          "A wave touches every host of a cluster or datacenter on the changed switch, or more hosts than the site allows",
          "Stage the change: one canary host, then small gated waves (vsguard stage writes them)",
          "The 2016 incident: a change pushed to all hosts reached 95 % of them, then crashed every LACP host at once");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkRollout(Evaluation ev, NetworkState end) {
    List<Finding> out = new ArrayList<>();
    Set<String> onChangedSwitches = hostsOnChangedSwitches(ev);
    InventoryIndex idx = ev.index();
    // Per cluster and per datacenter, the hosts on the changed switches: worked out once, read by
    // every wave.
    Map<String, OnSwitch> clusters = new HashMap<>();
    Map<String, OnSwitch> datacenters = new HashMap<>();
    for (ExecWave w : ev.execution().waves()) {
      if (w.hosts().size() < 2) {
        continue;
      }
      List<String> reasons = new ArrayList<>();
      TreeMap<String, List<String>> byCluster = new TreeMap<>();
      TreeMap<String, List<String>> byDc = new TreeMap<>();
      for (String h : w.hosts()) {
        idx.clusterOf(h)
            .ifPresent(c -> byCluster.computeIfAbsent(c, k -> new ArrayList<>()).add(h));
        idx.host(h)
            .map(x -> x.datacenter())
            .ifPresent(d -> byDc.computeIfAbsent(d, k -> new ArrayList<>()).add(h));
      }
      byCluster.forEach(
          (cluster, inWave) -> {
            OnSwitch onSwitch =
                clusters.computeIfAbsent(
                    cluster,
                    c ->
                        new OnSwitch(
                            idx.hostsOfCluster(c).stream()
                                .filter(onChangedSwitches::contains)
                                .toList()));
            int size = idx.hostsOfCluster(cluster).size();
            if (inWave.size() >= 2 && onSwitch.allIn(inWave)) {
              reasons.add(
                  "all "
                      + onSwitch.hosts().size()
                      + " hosts of cluster "
                      + cluster
                      + " on the changed switch");
            } else if (inWave.size() > ev.params().maxHostsOfCluster(size)) {
              reasons.add(
                  inWave.size()
                      + " of the "
                      + size
                      + " hosts of cluster "
                      + cluster
                      + " (the limit is "
                      + ev.params().maxWavePercent()
                      + " %, "
                      + ev.params().maxHostsOfCluster(size)
                      + " hosts)");
            }
          });
      if (byCluster.isEmpty() || reasons.isEmpty()) {
        byDc.forEach(
            (dc, inWave) -> {
              OnSwitch onSwitch =
                  datacenters.computeIfAbsent(
                      dc,
                      d ->
                          new OnSwitch(
                              idx.hostsOfDatacenter(d).stream()
                                  .filter(onChangedSwitches::contains)
                                  .toList()));
              if (inWave.size() >= 2 && onSwitch.allIn(inWave)) {
                reasons.add(
                    "all "
                        + onSwitch.hosts().size()
                        + " hosts of datacenter "
                        + dc
                        + " on the changed switch");
              }
            });
      }
      if (w.hosts().size() > ev.params().maxWaveHosts()) {
        reasons.add(
            w.hosts().size()
                + " hosts in one wave (maxWaveHosts is "
                + ev.params().maxWaveHosts()
                + ")");
      }
      if (!reasons.isEmpty()) {
        String label =
            w.name() == null
                ? "The change is pushed to " + w.hosts().size() + " hosts at once"
                : "Wave " + w.name() + " changes " + w.hosts().size() + " hosts at once";
        out.add(
            INFO.finding(
                new Where(null, w.name(), null),
                changedSwitchLabel(ev),
                null,
                label + ": " + String.join("; ", reasons)));
      }
    }
    return out;
  }

  /**
   * The hosts of a cluster or datacenter that are on the changed switches, in the inventory's
   * order.
   */
  private record OnSwitch(List<String> hosts, Set<String> distinct) {
    OnSwitch(List<String> hosts) {
      this(hosts, new HashSet<>(hosts));
    }

    /** {@code inWave.containsAll(hosts)}, in time bounded by the wave's size. */
    boolean allIn(List<String> inWave) {
      return distinct.size() <= inWave.size() && new HashSet<>(inWave).containsAll(distinct);
    }
  }

  /** Hosts that are members of a changed switch, plus the hosts the plan adds to one. */
  static Set<String> hostsOnChangedSwitches(Evaluation ev) {
    Set<String> out = new LinkedHashSet<>(ev.affected().all());
    for (Change c : ev.plan().spec().changes()) {
      for (String s : c.distributedSwitches()) {
        ev.index()
            .distributedSwitch(s)
            .ifPresent(
                sw -> sw.members().stream().map(DistributedSwitch.Member::host).forEach(out::add));
      }
    }
    return out;
  }

  private static String changedSwitchLabel(Evaluation ev) {
    List<String> names =
        ev.plan().spec().changes().stream()
            .flatMap(
                c ->
                    c instanceof Change.MigrateHosts m
                        ? java.util.stream.Stream.of(m.from().name())
                        : c.distributedSwitches().stream())
            .distinct()
            .toList();
    return names.size() == 1 ? names.get(0) : null;
  }
}
