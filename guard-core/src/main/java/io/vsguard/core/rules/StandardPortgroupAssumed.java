package io.vsguard.core.rules;

import io.vsguard.core.plan.Step;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.rule.StepRule;
import io.vsguard.core.sim.HostNet;
import io.vsguard.core.sim.StepEvent;
import java.util.List;

/**
 * A vmkernel adapter moved to a standard portgroup the plan does not describe (a {@code
 * create-standard-switch} without {@code portgroups}, the form written before they existed). The
 * simulation assumes the portgroup mirrors the one the adapter leaves; whoever carries out the plan
 * has to know that and set the VLAN and MTU by hand, or the adapter lands on VLAN 0 with MTU 1500.
 */
public final class StandardPortgroupAssumed implements StepRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "standard-portgroup-assumed",
          Severity.WARN,
          "A vmkernel moves to a standard portgroup whose VLAN and MTU the plan does not give",
          "Name the portgroups in the create-standard-switch step (portgroups with name, vlan, uplink; and mtu), "
              + "or run vsguard stage again, which writes them",
          "docs/spec/formats.md, section 2 (create-standard-switch)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkStep(Evaluation ev, StepEvent e) {
    if (!(e.step() instanceof Step.MoveVmkernel m) || m.to().distributed() || e.wasRejected()) {
      return List.of();
    }
    HostNet h = e.hostAfter();
    return h.standardPortgroup(m.to().name(), m.portgroup())
        .filter(HostNet.StandardPortgroup::assumed)
        .map(
            pg ->
                List.of(
                    INFO.finding(
                        e.where(),
                        m.to().name(),
                        e.host(),
                        "at "
                            + e.describeStep()
                            + " on "
                            + e.host()
                            + ", the plan does not say what portgroup "
                            + m.portgroup()
                            + " of "
                            + m.to().name()
                            + " carries; assumed "
                            + (pg.vlan() == null ? "its VLAN unknown" : "VLAN " + pg.vlan())
                            + (pg.mtu() == null ? "" : ", MTU " + pg.mtu())
                            + ", as the portgroup "
                            + m.vmk()
                            + " leaves")))
        .orElse(List.of());
  }
}
