package io.vsguard.core.rules;

import io.vsguard.core.model.Cluster;
import io.vsguard.core.model.Host;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.Where;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.RolloutRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.sim.Execution.ExecWave;
import io.vsguard.core.sim.NetworkState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * HA admission control reserves capacity for {@code haHostFailuresTolerated} hosts. A wave that
 * puts more hosts of a cluster in maintenance mode than that (counting hosts already in
 * maintenance) leaves the cluster unable to restart VMs if one more host fails mid-change.
 */
public final class ClusterCapacity implements RolloutRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "cluster-capacity",
          Severity.BLOCK,
          "A wave puts more hosts of a cluster in maintenance mode than HA tolerates",
          "Use smaller waves: at most haHostFailuresTolerated hosts of a cluster in maintenance at once "
              + "(vsguard stage sizes them)",
          "vSphere Availability, Admission Control (Host Failures Cluster Tolerates)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkRollout(Evaluation ev, NetworkState end) {
    List<Finding> out = new ArrayList<>();
    // Per cluster, its hosts already in maintenance mode in the snapshot (looked up once, not per
    // wave).
    Map<String, List<String>> down = new HashMap<>();
    for (ExecWave w : ev.execution().waves()) {
      TreeMap<String, Integer> entering = new TreeMap<>();
      for (String h : w.hosts()) {
        boolean maint =
            w.stepsOf(h).stream().anyMatch(ps -> ps.step() instanceof Step.EnterMaintenance);
        if (maint) {
          ev.index().clusterOf(h).ifPresent(c -> entering.merge(c, 1, Integer::sum));
        }
      }
      Set<String> inWave = entering.isEmpty() ? Set.of() : new HashSet<>(w.hosts());
      entering.forEach(
          (cluster, n) -> {
            Cluster c = ev.index().cluster(cluster).orElse(null);
            int ftt =
                c == null || c.haHostFailuresTolerated() == null
                    ? ev.params().defaultHostFailuresTolerated()
                    : c.haHostFailuresTolerated();
            long already =
                down
                    .computeIfAbsent(
                        cluster,
                        k ->
                            ev.index().hostsOfCluster(k).stream()
                                .filter(
                                    h ->
                                        ev.index().host(h).map(Host::maintenanceMode).orElse(false))
                                .toList())
                    .stream()
                    .filter(h -> !inWave.contains(h))
                    .count();
            if (n + already > ftt) {
              out.add(
                  INFO.finding(
                      new Where(null, w.name(), null),
                      null,
                      null,
                      (w.name() == null ? "the push" : "wave " + w.name())
                          + " puts "
                          + n
                          + " hosts of cluster "
                          + cluster
                          + " in maintenance mode"
                          + (already > 0 ? " (" + already + " already are)" : "")
                          + "; HA tolerates "
                          + ftt));
            }
          });
    }
    return out;
  }
}
