package io.vsguard.core.rules;

import io.vsguard.core.model.DistributedSwitch;
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
 * Basic LACP (singleLag) allows one LAG per switch, is deprecated since vSphere API 7.0u1 and
 * blocks vCenter upgrades and migrations until converted. Touching such a switch for another reason
 * is the moment to plan the conversion, in its own gated change.
 */
public final class SinglelagDeprecated implements PlanRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "singlelag-deprecated",
          Severity.WARN,
          "A switch still on basic LACP (singleLag) is touched",
          "Convert the switch to enhanced LACP first (convert-lacp), in its own gated change",
          "VMware KB 318706 (https://knowledge.broadcom.com/external/article/318706)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkPlan(Evaluation ev) {
    List<Finding> out = new ArrayList<>();
    for (Change c : ev.plan().spec().changes()) {
      if (c instanceof Change.ConvertLacp) {
        continue;
      }
      for (String name : c.distributedSwitches()) {
        DistributedSwitch sw = ev.index().distributedSwitch(name).orElse(null);
        if (sw != null && isBasic(sw)) {
          out.add(
              INFO.finding(
                  Where.change(c.id()),
                  name,
                  null,
                  c.id()
                      + " touches "
                      + name
                      + ", which still uses basic LACP (singleLag), deprecated since vSphere 7.0 Update 1"));
        }
      }
    }
    return out;
  }

  static boolean isBasic(DistributedSwitch sw) {
    boolean onPortgroup =
        sw.portgroups().stream().anyMatch(p -> p.lacp() != null && p.lacp().enabled());
    return onPortgroup
        || (sw.lacp() != null
            && DistributedSwitch.Lacp.SINGLE_LAG.equals(sw.lacp().apiVersion())
            && sw.usesLacp());
  }
}
