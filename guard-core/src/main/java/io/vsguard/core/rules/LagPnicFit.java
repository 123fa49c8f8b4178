package io.vsguard.core.rules;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.DistributedSwitch.Lag;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.Where;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.PlanRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A LAG expects {@code uplinkCount} member links; fewer pnics leave LAG ports empty (and the
 * physical port channel degraded), a single link is no aggregation at all, and more than the
 * platform's per-LAG maximum cannot be configured.
 */
public final class LagPnicFit implements PlanRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "lag-pnic-fit",
          Severity.WARN,
          "On a host, the pnics mapped to a LAG do not match its uplink count, are fewer than 2, or exceed the maximum;"
              + " or hosts join a switch with more LAGs than the site allows",
          "Map exactly uplinkCount pnics of each host to the LAG (at least 2, at most maxPortsPerLag)",
          "vSphere Networking, LACP Support on a vSphere Distributed Switch (LAG limits)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkPlan(Evaluation ev) {
    List<Finding> out = new ArrayList<>();
    int max = ev.params().maxPortsPerLag();
    for (Change c : ev.plan().spec().changes()) {
      Where at = Where.change(c.id());
      Map<String, String> mapping;
      String target;
      if (c instanceof Change.MigrateHosts m && m.to().distributed()) {
        mapping = m.uplinks();
        target = m.to().name();
      } else if (c instanceof Change.AddHosts a) {
        mapping = a.pnics();
        target = a.switchName();
      } else {
        if (c instanceof Change.ReconfigureLag r
            && r.set().uplinkCount() != null
            && (r.set().uplinkCount() < 2 || r.set().uplinkCount() > max)) {
          out.add(
              INFO.finding(
                  at,
                  r.switchName(),
                  null,
                  "LAG "
                      + r.lag()
                      + " set to "
                      + r.set().uplinkCount()
                      + " ports; a LAG needs at least 2 and at most "
                      + max));
        }
        continue;
      }
      DistributedSwitch sw = ev.index().distributedSwitch(target).orElse(null);
      if (sw == null) {
        continue;
      }
      // Every LAG of a switch is created on each member's proxy switch: a host joining a switch
      // with more LAGs than the site allows (hosts take 32 to 64) cannot take them all.
      int lags = sw.lacp() == null ? 0 : sw.lacp().lags().size();
      if (lags > ev.params().maxLagsPerSwitch()) {
        out.add(
            INFO.finding(
                at,
                target,
                null,
                "hosts join "
                    + target
                    + ", which has "
                    + lags
                    + " LAGs, over the"
                    + " site's maximum of "
                    + ev.params().maxLagsPerSwitch()
                    + " (maxLagsPerSwitch)"));
      }
      for (String host : ev.affected().of(c.id())) {
        // The LAG ports a host fills once the change is done: its pnics already on the switch that
        // the change does not remap, plus the ones it maps. A change may complete a half-filled
        // LAG.
        TreeMap<String, java.util.Set<String>> perLag = new TreeMap<>();
        ev.index().memberPnics(sw.name(), host).stream()
            .filter(p -> !mapping.containsKey(p.device()))
            .forEach(
                p ->
                    sw.lagOfUplink(p.uplink())
                        .ifPresent(
                            l ->
                                perLag
                                    .computeIfAbsent(l.name(), k -> new java.util.TreeSet<>())
                                    .add(p.uplink())));
        java.util.Set<String> mappedLags = new java.util.TreeSet<>();
        mapping.forEach(
            (pnic, u) ->
                sw.lag(u)
                    .or(() -> sw.lagOfUplink(u))
                    .ifPresent(
                        l -> {
                          mappedLags.add(l.name());
                          // A bare LAG name stands for one port of it, named by the pnic mapped
                          // there.
                          perLag
                              .computeIfAbsent(l.name(), k -> new java.util.TreeSet<>())
                              .add(u.equals(l.name()) ? u + "/" + pnic : u);
                        }));
        for (String lagName : mappedLags) {
          int n = perLag.get(lagName).size();
          Lag lag = sw.lag(lagName).orElseThrow();
          String problem =
              n < 2
                  ? "only " + n + " pnic, no aggregation"
                  : n > max
                      ? n + " pnics, over the maximum of " + max
                      : n != lag.uplinkCount()
                          ? n + " pnics for a LAG of " + lag.uplinkCount() + " ports"
                          : null;
          if (problem != null) {
            out.add(
                INFO.finding(
                    at,
                    target,
                    host,
                    "on " + host + ", LAG " + lagName + " of " + target + " gets " + problem));
          }
        }
      }
    }
    return out;
  }
}
