package io.vsguard.core.model;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A switch's portgroups in document order, indexed by name once when the switch is built: the
 * simulation and the continuity rules look a portgroup up for every adapter of every touched host,
 * and a switch may carry thousands of portgroups. Immutable; equal to any list with the same
 * portgroups, and written to documents as that list.
 */
final class Portgroups extends AbstractList<Portgroup> implements RandomAccess {
  private final List<Portgroup> list;
  private final Map<String, Portgroup> byName;
  private final Map<Integer, List<Portgroup>> byVlan;

  private Portgroups(List<Portgroup> list) {
    this.list = list;
    this.byName = new HashMap<>(list.size() * 2);
    Map<Integer, List<Portgroup>> vlans = new HashMap<>();
    for (Portgroup p : list) {
      // The first of two equal names wins, as a search of the list would find it.
      byName.putIfAbsent(p.name(), p);
      if (p.vlan() != null && !p.uplinkPortgroup()) {
        vlans.computeIfAbsent(p.vlan(), v -> new java.util.ArrayList<>()).add(p);
      }
    }
    vlans.replaceAll((v, l) -> List.copyOf(l));
    this.byVlan = vlans;
  }

  /** The portgroup named {@code name}, or null. */
  Portgroup named(String name) {
    return byName.get(name);
  }

  /** The portgroups (not the uplink portgroup) on {@code vlan}, in document order. */
  List<Portgroup> onVlan(int vlan) {
    return byVlan.getOrDefault(vlan, List.of());
  }

  static Portgroups of(List<Portgroup> portgroups) {
    return portgroups instanceof Portgroups p ? p : new Portgroups(Lists.copy(portgroups));
  }

  @Override
  public Portgroup get(int index) {
    return list.get(index);
  }

  @Override
  public int size() {
    return list.size();
  }
}
