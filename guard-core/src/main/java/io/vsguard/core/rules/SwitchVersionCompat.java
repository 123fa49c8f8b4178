package io.vsguard.core.rules;

import io.vsguard.core.model.Host;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.Where;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.PlanRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * A host can only be a member of a distributed switch whose version it supports; upgrading a switch
 * past a member's ESXi version disconnects that host's proxy switch, and a host older than the
 * switch cannot join it.
 */
public final class SwitchVersionCompat implements PlanRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "switch-version-compat",
          Severity.BLOCK,
          "A target switch version is newer than a member or joining host supports",
          "Upgrade the hosts' ESXi first, or keep the switch at a version every member supports",
          "VMware KB 434420 (https://knowledge.broadcom.com/external/article/434420); vSphere Networking, "
              + "Upgrade a vSphere Distributed Switch to a Later Version");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkPlan(Evaluation ev) {
    List<Finding> out = new ArrayList<>();
    for (Change c : ev.plan().spec().changes()) {
      Where at = Where.change(c.id());
      if (c instanceof Change.UpgradeSwitch u) {
        ev.index()
            .distributedSwitch(u.switchName())
            .ifPresent(
                sw ->
                    sw.members()
                        .forEach(
                            m ->
                                tooOld(
                                    ev,
                                    m.host(),
                                    u.version(),
                                    u.switchName(),
                                    at,
                                    "is a member of",
                                    out)));
      } else if (c instanceof Change.MigrateHosts m && m.to().distributed()) {
        ev.index()
            .distributedSwitch(m.to().name())
            .ifPresent(
                sw ->
                    ev.affected()
                        .of(c.id())
                        .forEach(
                            h -> tooOld(ev, h, sw.version(), sw.name(), at, "would join", out)));
      } else if (c instanceof Change.AddHosts a) {
        ev.index()
            .distributedSwitch(a.switchName())
            .ifPresent(
                sw ->
                    ev.affected()
                        .of(c.id())
                        .forEach(
                            h -> tooOld(ev, h, sw.version(), sw.name(), at, "would join", out)));
      }
    }
    return out;
  }

  private static void tooOld(
      Evaluation ev,
      String host,
      String switchVersion,
      String sw,
      Where at,
      String how,
      List<Finding> out) {
    String hv = ev.index().host(host).map(Host::version).orElse(null);
    // An unknown version proves nothing: say so rather than pass (fail closed).
    if (hv == null || switchVersion == null) {
      out.add(
          INFO.finding(
              at,
              sw,
              host,
              "the snapshot gives no version for "
                  + (hv == null ? "host " + host : "switch " + sw)
                  + ", so it cannot show that "
                  + host
                  + " supports "
                  + sw
                  + (switchVersion == null ? "" : " at version " + switchVersion)
                  + "; re-capture the inventory"));
    } else if (Versions.compare(switchVersion, hv) > 0) {
      out.add(
          INFO.finding(
              at,
              sw,
              host,
              host
                  + " runs ESXi "
                  + hv
                  + " and "
                  + how
                  + " "
                  + sw
                  + " at version "
                  + switchVersion
                  + ", which it does not support"));
    }
  }
}
