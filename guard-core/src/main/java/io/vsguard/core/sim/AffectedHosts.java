package io.vsguard.core.sim;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.HostSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which hosts each change touches. Names that do not resolve are left out here and reported by the
 * unknown-reference rule; they never shrink a selection silently into a pass, because that rule
 * blocks.
 *
 * <ul>
 *   <li>migrate-hosts / remove-hosts: the selected hosts that are members of the switch;
 *   <li>add-hosts: the selected hosts not yet members ({@code all: true} means every host of the
 *       switch's datacenter);
 *   <li>switch-wide changes: every member of the switch.
 * </ul>
 */
public final class AffectedHosts {
  private final Map<String, List<String>> byChange;
  // Lookups beside the lists, so "is this host affected (by that change)?" is constant time.
  private final Map<String, Set<String>> setByChange = new HashMap<>();
  private final Set<String> any = new HashSet<>();
  private final List<String> all;

  private AffectedHosts(Map<String, List<String>> byChange) {
    this.byChange = byChange;
    byChange.forEach(
        (c, hosts) -> {
          setByChange.put(c, new HashSet<>(hosts));
          any.addAll(hosts);
        });
    all = any.stream().sorted().toList();
  }

  public static AffectedHosts of(ChangePlan plan, InventoryIndex index) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Change c : plan.spec().changes()) {
      out.put(c.id(), List.copyOf(resolve(c, index)));
    }
    return new AffectedHosts(out);
  }

  private static Set<String> resolve(Change c, InventoryIndex index) {
    Set<String> hosts = new LinkedHashSet<>();
    String dvsName =
        c instanceof Change.MigrateHosts m ? m.from().name() : c.distributedSwitches().get(0);
    DistributedSwitch dvs = index.distributedSwitch(dvsName).orElse(null);
    if (dvs == null) {
      return hosts;
    }
    if (c.switchWide()) {
      hosts.addAll(sorted(dvs.members().stream().map(DistributedSwitch.Member::host).toList()));
      return hosts;
    }
    HostSelector sel = c.hostSelector().orElseThrow();
    List<String> selected = select(sel, index, dvs, c instanceof Change.AddHosts);
    for (String h : selected) {
      boolean member = index.isMember(dvs.name(), h);
      if (c instanceof Change.AddHosts ? !member : member) {
        hosts.add(h);
      }
    }
    return hosts;
  }

  static List<String> select(
      HostSelector sel, InventoryIndex index, DistributedSwitch dvs, boolean joining) {
    List<String> out = new ArrayList<>();
    if (sel instanceof HostSelector.Named n) {
      n.hosts().stream().filter(h -> index.host(h).isPresent()).forEach(out::add);
    } else if (sel instanceof HostSelector.InCluster c) {
      out.addAll(index.hostsOfCluster(c.cluster()));
    } else if (sel instanceof HostSelector.InDatacenter d) {
      out.addAll(index.hostsOfDatacenter(d.datacenter()));
    } else if (joining) {
      out.addAll(dvs.datacenter() == null ? List.of() : index.hostsOfDatacenter(dvs.datacenter()));
    } else {
      dvs.members().forEach(m -> out.add(m.host()));
    }
    return sel instanceof HostSelector.Named ? out : sorted(out);
  }

  private static List<String> sorted(List<String> names) {
    return names.stream().distinct().sorted().toList();
  }

  public List<String> of(String changeId) {
    return byChange.getOrDefault(changeId, List.of());
  }

  /** Every affected host, ordered by name. */
  public List<String> all() {
    return all;
  }

  public boolean contains(String host) {
    return any.contains(host);
  }

  /**
   * Whether change {@code changeId} affects {@code host}: {@code of(changeId).contains(host)}, in
   * constant time.
   */
  public boolean affects(String changeId, String host) {
    Set<String> s = setByChange.get(changeId);
    return s != null && s.contains(host);
  }
}
