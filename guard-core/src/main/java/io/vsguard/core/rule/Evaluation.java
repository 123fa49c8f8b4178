package io.vsguard.core.rule;

import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.sim.AffectedHosts;
import io.vsguard.core.sim.Execution;
import io.vsguard.core.sim.InventoryIndex;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Everything a rule may read; built once per check. */
public record Evaluation(
    ChangePlan plan,
    InventoryIndex index,
    Parameters params,
    AffectedHosts affected,
    Execution execution,
    Instant now,
    List<Exemption> exemptions,
    Documents documents) {

  /** The plan's changes of one action, in plan order: what a rule about that action looks at. */
  public <T extends Change> List<T> changes(Class<T> action) {
    return plan.spec().changes().stream().filter(action::isInstance).map(action::cast).toList();
  }

  /** The plan's changes of any of these actions, in plan order. */
  public List<Change> changes(Set<Class<? extends Change>> actions) {
    return plan.spec().changes().stream().filter(c -> actions.contains(c.getClass())).toList();
  }
}
