package io.vsguard.core.rules;

import io.vsguard.core.model.ConnectionState;
import io.vsguard.core.model.Host;
import io.vsguard.core.plan.Where;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.PlanRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * vCenter cannot push configuration to a host it cannot talk to; the host's proxy switch goes out
 * of sync and reconnects later with a configuration nobody checked.
 */
public final class HostNotConnected implements PlanRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "host-not-connected",
          Severity.BLOCK,
          "An affected host is disconnected or not responding",
          "Reconnect or repair the host first, or exclude it from the change and handle it separately",
          "vSphere Networking, Managing Networking on Multiple Hosts on a vSphere Distributed Switch");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkPlan(Evaluation ev) {
    List<Finding> out = new ArrayList<>();
    for (var c : ev.plan().spec().changes()) {
      for (String name : ev.affected().of(c.id())) {
        Host h = ev.index().host(name).orElseThrow();
        if (h.connectionState() != ConnectionState.CONNECTED) {
          out.add(
              INFO.finding(
                  Where.change(c.id()),
                  c.distributedSwitches().get(0),
                  name,
                  name
                      + " is "
                      + h.connectionState().wire()
                      + " in vCenter; the change cannot be applied or verified on it"));
        }
      }
    }
    return out;
  }
}
