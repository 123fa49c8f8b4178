package io.vsguard.core.rules;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.HostSelector;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.Where;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.PlanRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.sim.ExecutionBuilder;
import io.vsguard.core.sim.InventoryIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every name in the plan must exist in the inventory. A name that matches nothing is never read as
 * an empty selection: evaluating a change against a guessed object is how a typo becomes an ALLOW
 * for a change that was never checked.
 */
public final class UnknownReference implements PlanRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "unknown-reference",
          Severity.BLOCK,
          "The plan names a switch, host, cluster, portgroup, LAG or pnic absent from the inventory",
          "Fix the name to match the inventory exactly (names are case-sensitive); never evaluate against a guessed object",
          "docs/spec/formats.md, section 2 (host selectors and affected hosts)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkPlan(Evaluation ev) {
    List<Finding> out = new ArrayList<>();
    InventoryIndex idx = ev.index();
    for (Change c : ev.plan().spec().changes()) {
      Where at = Where.change(c.id());
      for (String dvs : c.distributedSwitches()) {
        if (idx.distributedSwitch(dvs).isEmpty()) {
          out.add(
              INFO.finding(
                  at, dvs, null, "no distributed switch named '" + dvs + "' in the inventory"));
        }
      }
      Optional<DistributedSwitch> sw =
          idx.distributedSwitch(
              c instanceof Change.MigrateHosts m
                  ? m.from().name()
                  : c.distributedSwitches().get(0));
      c.hostSelector().ifPresent(sel -> selector(sel, c, sw, idx, at, out));
      sw.ifPresent(s -> details(c, s, ev, at, out));
    }
    Rollout rollout = ev.plan().spec().rollout();
    if (rollout != null) {
      for (Rollout.Wave w : rollout.waves()) {
        Where at = Where.wave(w.name());
        for (String h : w.hosts()) {
          if (idx.host(h).isEmpty()) {
            out.add(
                INFO.finding(
                    at,
                    null,
                    h,
                    "wave " + w.name() + " names host '" + h + "', which is not in the inventory"));
          }
        }
        for (Step s : w.steps()) {
          s.distributedSwitch()
              .filter(n -> idx.distributedSwitch(n).isEmpty())
              .ifPresent(
                  n ->
                      out.add(
                          INFO.finding(
                              at,
                              n,
                              null,
                              "wave "
                                  + w.name()
                                  + " step '"
                                  + s.describe()
                                  + "' names distributed switch '"
                                  + n
                                  + "', which is not in the inventory")));
        }
      }
    }
    return out;
  }

  private static void selector(
      HostSelector sel,
      Change c,
      Optional<DistributedSwitch> sw,
      InventoryIndex idx,
      Where at,
      List<Finding> out) {
    String swName = sw.map(DistributedSwitch::name).orElse(null);
    if (sel instanceof HostSelector.Named n) {
      for (String h : n.hosts()) {
        if (idx.host(h).isEmpty()) {
          out.add(INFO.finding(at, swName, h, "no host named '" + h + "' in the inventory"));
        } else if (sw.isPresent() && !(c instanceof Change.AddHosts) && !idx.isMember(swName, h)) {
          out.add(
              INFO.finding(
                  at,
                  swName,
                  h,
                  "host '"
                      + h
                      + "' is not a member of "
                      + swName
                      + ", so "
                      + c.action()
                      + " cannot apply to it"));
        }
      }
    } else if (sel instanceof HostSelector.InCluster cl) {
      if (idx.cluster(cl.cluster()).isEmpty()) {
        out.add(
            INFO.finding(
                at, swName, null, "no cluster named '" + cl.cluster() + "' in the inventory"));
      } else if (sw.isPresent()
          && !(c instanceof Change.AddHosts)
          && idx.hostsOfCluster(cl.cluster()).stream().noneMatch(h -> idx.isMember(swName, h))) {
        out.add(
            INFO.finding(
                at,
                swName,
                null,
                "no host of cluster '"
                    + cl.cluster()
                    + "' is a member of "
                    + swName
                    + "; the selection is empty"));
      }
    } else if (sel instanceof HostSelector.InDatacenter dc && !idx.hasDatacenter(dc.datacenter())) {
      out.add(
          INFO.finding(
              at, swName, null, "no datacenter named '" + dc.datacenter() + "' in the inventory"));
    }
  }

  /** Portgroups, LAGs, uplinks, pnics and vmkernel targets a change names. */
  private static void details(
      Change c, DistributedSwitch sw, Evaluation ev, Where at, List<Finding> out) {
    InventoryIndex idx = ev.index();
    if (c instanceof Change.MigrateHosts m) {
      Optional<DistributedSwitch> target =
          m.to().distributed() ? idx.distributedSwitch(m.to().name()) : Optional.empty();
      for (Map.Entry<String, String> e : m.uplinks().entrySet()) {
        if (target.isPresent()
            && !target.get().hasUplinkPort(e.getValue())
            && target.get().lag(e.getValue()).isEmpty()) {
          out.add(
              INFO.finding(
                  at,
                  target.get().name(),
                  null,
                  "uplinks maps "
                      + e.getKey()
                      + " to '"
                      + e.getValue()
                      + "', which is neither an uplink nor a LAG of "
                      + target.get().name()));
        }
      }
      for (String host : ev.affected().of(c.id())) {
        Host h = idx.host(host).orElseThrow();
        for (String pnic : m.uplinks().keySet()) {
          if (!h.pnics().contains(pnic)
              && idx.member(sw.name(), host).stream()
                  .flatMap(mem -> mem.pnics().stream())
                  .noneMatch(p -> p.device().equals(pnic))) {
            out.add(
                INFO.finding(
                    at,
                    sw.name(),
                    host,
                    "uplinks names pnic '" + pnic + "', which " + host + " does not have"));
          }
        }
        for (Vmkernel v : ExecutionBuilder.vmksOn(h, m.from(), idx)) {
          String pg = ExecutionBuilder.targetPortgroup(m, v, idx);
          if (target.isPresent()
              && target.get().portgroup(pg).filter(p -> !p.uplinkPortgroup()).isEmpty()) {
            out.add(
                INFO.finding(
                    at,
                    target.get().name(),
                    host,
                    v.device()
                        + " would move to portgroup '"
                        + pg
                        + "', which "
                        + target.get().name()
                        + " does not have; name its target in vmkernels"));
          }
        }
      }
      for (String vmk : m.vmkernels().keySet()) {
        boolean anyHas =
            ev.affected().of(c.id()).stream()
                .anyMatch(h -> idx.host(h).flatMap(x -> x.vmkernel(vmk)).isPresent());
        if (!anyHas && !ev.affected().of(c.id()).isEmpty()) {
          out.add(
              INFO.finding(
                  at,
                  sw.name(),
                  null,
                  "vmkernels names '" + vmk + "', which no selected host has"));
        }
      }
    } else if (c instanceof Change.AddHosts a) {
      a.pnics()
          .forEach(
              (pnic, uplink) -> {
                if (!sw.hasUplinkPort(uplink) && sw.lag(uplink).isEmpty()) {
                  out.add(
                      INFO.finding(
                          at,
                          sw.name(),
                          null,
                          "pnics maps "
                              + pnic
                              + " to '"
                              + uplink
                              + "', which is neither an uplink nor a LAG of "
                              + sw.name()));
                }
                for (String host : ev.affected().of(c.id())) {
                  if (!idx.host(host).orElseThrow().pnics().contains(pnic)) {
                    out.add(
                        INFO.finding(
                            at,
                            sw.name(),
                            host,
                            "pnics names '" + pnic + "', which " + host + " does not have"));
                  }
                }
              });
    } else if (c instanceof Change.ReconfigureLag r && sw.lag(r.lag()).isEmpty()) {
      out.add(INFO.finding(at, sw.name(), null, "no LAG named '" + r.lag() + "' on " + sw.name()));
    } else if (c instanceof Change.SetTeaming t) {
      if (sw.portgroup(t.portgroup()).isEmpty()) {
        out.add(
            INFO.finding(
                at, sw.name(), null, "no portgroup named '" + t.portgroup() + "' on " + sw.name()));
      }
      List<String> names = new ArrayList<>(t.teaming().active());
      names.addAll(t.teaming().standby());
      for (String u : names) {
        if (!sw.uplinks().contains(u) && sw.lag(u).isEmpty()) {
          out.add(
              INFO.finding(
                  at,
                  sw.name(),
                  null,
                  "teaming names '"
                      + u
                      + "', which is neither an uplink nor a LAG of "
                      + sw.name()));
        }
      }
    }
  }
}
