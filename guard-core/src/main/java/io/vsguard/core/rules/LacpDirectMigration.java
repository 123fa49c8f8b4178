package io.vsguard.core.rules;

import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.rule.StepRule;
import io.vsguard.core.sim.Move;
import io.vsguard.core.sim.StepEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A pnic or vmkernel adapter that leaves a switch using LACP must pass through a standard switch on
 * its host before it lands on another distributed switch. This is the 2016 incident: moved
 * directly, every ESXi host on the LACP switch crashed at once; VMware's guidance is the
 * transitional standard-switch step. The simulation remembers where a detached pnic came from, so
 * detaching first and attaching later does not hide a direct migration.
 */
public final class LacpDirectMigration implements StepRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "lacp-direct-migration",
          Severity.BLOCK,
          "A host's pnics or vmkernels move from a switch that uses LACP straight to another distributed switch",
          "Per host: enter maintenance mode, create a temporary standard switch, move the management vmkernel "
              + "and one pnic to it, then the rest; leave the LACP switch, join the target, move vmkernels and "
              + "pnics to it, remove the temporary switch (vsguard stage writes this rollout)",
          "VMware KB 321425 (https://knowledge.broadcom.com/external/article/321425); vSphere Networking, "
              + "LACP Support on a vSphere Distributed Switch");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkStep(Evaluation ev, StepEvent e) {
    List<Finding> out = new ArrayList<>();
    for (Move m : e.moves()) {
      if (m.to() == null
          || m.to().standard()
          || m.source() == null
          || !m.originUsesLacp()
          || m.source().equals(m.to())) {
        continue;
      }
      String what =
          m.device() == Move.Device.PNIC ? "pnic " + m.name() : "vmkernel adapter " + m.name();
      String via =
          m.from() == null ? " (detached from it earlier, never on a standard switch since)" : "";
      out.add(
          INFO.finding(
              e.where(),
              m.source().name(),
              e.host(),
              what
                  + " moves from LACP switch "
                  + m.source().name()
                  + via
                  + " straight to "
                  + m.to().name()
                  + " on "
                  + e.host()
                  + " at "
                  + e.describeStep()
                  + "; without a transitional standard switch this is the migration that crashed every LACP host in 2016"));
    }
    return out;
  }
}
