package io.vsguard.core.rule;

import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.sim.AffectedHosts;
import io.vsguard.core.sim.Execution;
import io.vsguard.core.sim.InventoryIndex;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a rule may read; built once per check. {@code memo} holds what rules work out once and
 * share within this evaluation (never across evaluations): see {@link Memo}.
 */
public record Evaluation(
    ChangePlan plan,
    InventoryIndex index,
    Parameters params,
    AffectedHosts affected,
    Execution execution,
    Instant now,
    List<Exemption> exemptions,
    Documents documents,
    Memo memo) {

  /** The plan's changes of one action, in plan order: what a rule about that action looks at. */
  public <T extends Change> List<T> changes(Class<T> action) {
    return plan.spec().changes().stream().filter(action::isInstance).map(action::cast).toList();
  }

  /** The plan's changes of any of these actions, in plan order. */
  public List<Change> changes(Set<Class<? extends Change>> actions) {
    return plan.spec().changes().stream().filter(c -> actions.contains(c.getClass())).toList();
  }

  /**
   * Facts derived once per evaluation and shared by the rules that need them: the network a
   * vmkernel adapter had in the snapshot is asked for at every step of its host, and the adapters
   * of one step by four rules. Each owner (a rule, or a helper rules share) has its own table,
   * keyed by identity, so owners never see each other's keys. An evaluation runs on one thread, and
   * the memo is dropped with it.
   */
  public static final class Memo {
    private final IdentityHashMap<Object, Map<Object, Object>> tables = new IdentityHashMap<>();

    /** The owner's table (keys compared by identity), empty at the start of an evaluation. */
    public Map<Object, Object> of(Object owner) {
      Map<Object, Object> t = tables.get(owner);
      if (t == null) {
        t = new IdentityHashMap<>();
        tables.put(owner, t);
      }
      return t;
    }
  }
}
