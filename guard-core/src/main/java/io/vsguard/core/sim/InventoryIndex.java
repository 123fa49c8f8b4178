package io.vsguard.core.sim;

import io.vsguard.core.model.Cluster;
import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.DistributedSwitch.Member;
import io.vsguard.core.model.DistributedSwitch.MemberPnic;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.plan.SwitchRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Name lookups over one inventory, built once per evaluation so rules stay linear in size. */
public final class InventoryIndex {
  private final Inventory inventory;
  private final Map<String, Host> hosts = new LinkedHashMap<>();
  private final Map<String, DistributedSwitch> switches = new LinkedHashMap<>();
  private final Map<String, Cluster> clusters = new LinkedHashMap<>();
  private final Map<String, List<String>> hostsByDatacenter = new HashMap<>();
  private final Map<String, List<String>> hostsByCluster = new HashMap<>();
  // For hosts that do not name their cluster: the first cluster (by name) that lists them.
  private final Map<String, String> listedIn = new HashMap<>();
  // Switch name -> host -> its member entries, in the switch's order (a host listed twice keeps
  // both).
  private final Map<String, Map<String, List<Member>>> members = new HashMap<>();

  public InventoryIndex(Inventory inventory) {
    this.inventory = inventory;
    inventory.hosts().forEach(h -> hosts.put(h.name(), h));
    inventory.distributedSwitches().forEach(s -> switches.put(s.name(), s));
    inventory.clusters().forEach(c -> clusters.put(c.name(), c));
    for (Host h : inventory.hosts()) {
      if (h.datacenter() != null) {
        hostsByDatacenter.computeIfAbsent(h.datacenter(), k -> new ArrayList<>()).add(h.name());
      }
    }
    for (Cluster c : inventory.clusters()) {
      hostsByCluster.put(c.name(), List.copyOf(c.hosts()));
    }
    // A host may name its cluster without the cluster listing it; both directions count.
    Map<String, List<String>> added = new HashMap<>();
    Map<String, java.util.Set<String>> listed = new HashMap<>();
    for (Host h : inventory.hosts()) {
      if (h.cluster() != null) {
        java.util.Set<String> names =
            listed.computeIfAbsent(
                h.cluster(),
                c -> new java.util.HashSet<>(hostsByCluster.getOrDefault(c, List.of())));
        if (names.add(h.name())) {
          added.computeIfAbsent(h.cluster(), c -> new ArrayList<>()).add(h.name());
        }
      }
    }
    added.forEach(
        (c, extra) -> {
          List<String> list = new ArrayList<>(hostsByCluster.getOrDefault(c, List.of()));
          list.addAll(extra);
          hostsByCluster.put(c, List.copyOf(list));
        });
    hostsByCluster.keySet().stream()
        .sorted()
        .forEach(c -> hostsByCluster.get(c).forEach(h -> listedIn.putIfAbsent(h, c)));
    for (DistributedSwitch s : switches.values()) {
      Map<String, List<Member>> byHost = members.computeIfAbsent(s.name(), k -> new HashMap<>());
      for (Member m : s.members()) {
        byHost.computeIfAbsent(m.host(), k -> new ArrayList<>(1)).add(m);
      }
    }
  }

  public Inventory inventory() {
    return inventory;
  }

  public Optional<Host> host(String name) {
    return Optional.ofNullable(hosts.get(name));
  }

  public Optional<DistributedSwitch> distributedSwitch(String name) {
    return Optional.ofNullable(switches.get(name));
  }

  public Optional<Cluster> cluster(String name) {
    return Optional.ofNullable(clusters.get(name));
  }

  public boolean hasDatacenter(String name) {
    return inventory.datacenters().stream().anyMatch(d -> d.name().equals(name))
        || hostsByDatacenter.containsKey(name);
  }

  public List<String> hostsOfCluster(String cluster) {
    return hostsByCluster.getOrDefault(cluster, List.of());
  }

  public List<String> hostsOfDatacenter(String dc) {
    return hostsByDatacenter.getOrDefault(dc, List.of());
  }

  /** The cluster a host belongs to, from either side of the relation. */
  public Optional<String> clusterOf(String host) {
    Host h = hosts.get(host);
    if (h != null && h.cluster() != null) {
      return Optional.of(h.cluster());
    }
    return Optional.ofNullable(listedIn.get(host));
  }

  /**
   * A host's membership of a switch as the inventory lists it (the first entry, as {@link
   * DistributedSwitch#member}).
   */
  public Optional<Member> member(String dvs, String host) {
    List<Member> m = members.getOrDefault(dvs, Map.of()).get(host);
    return m == null ? Optional.empty() : Optional.of(m.get(0));
  }

  public boolean isMember(String dvs, String host) {
    return members.getOrDefault(dvs, Map.of()).containsKey(host);
  }

  /** The pnics of every member entry of {@code host} on the switch, in the switch's order. */
  public List<MemberPnic> memberPnics(String dvs, String host) {
    List<Member> m = members.getOrDefault(dvs, Map.of()).get(host);
    if (m == null) {
      return List.of();
    }
    if (m.size() == 1) {
      return m.get(0).pnics();
    }
    List<MemberPnic> out = new ArrayList<>();
    m.forEach(x -> out.addAll(x.pnics()));
    return out;
  }

  /**
   * Hosts that run any of the named VMs, each with those VMs in name order; hosts in name order.
   */
  public java.util.Map<String, List<String>> criticalVmsByHost(List<String> criticalVms) {
    java.util.Map<String, List<String>> out = new java.util.TreeMap<>();
    if (criticalVms.isEmpty()) {
      return out;
    }
    java.util.Set<String> names = new java.util.HashSet<>(criticalVms);
    for (Host h : inventory.hosts()) {
      List<String> on = h.vms().stream().filter(names::contains).sorted().toList();
      if (!on.isEmpty()) {
        out.put(h.name(), on);
      }
    }
    return out;
  }

  public Optional<String> vcenterHost() {
    return inventory.vcenter() == null
        ? Optional.empty()
        : Optional.ofNullable(inventory.vcenter().host());
  }

  /** Which switch a vmkernel adapter is on; the loader has already rejected ambiguous names. */
  public SwitchRef switchOf(Host host, Vmkernel vmk) {
    return switchOf(host, vmk.switchName());
  }

  /** A switch name as a vmkernel or VM adapter of {@code host} writes it, resolved. */
  public SwitchRef switchOf(Host host, String switchName) {
    SwitchRef ref = SwitchRef.parse(switchName);
    if (ref.standard()) {
      return ref;
    }
    if (host.standardSwitch(ref.name()).isPresent() && !switches.containsKey(ref.name())) {
      return SwitchRef.standard(ref.name());
    }
    return ref;
  }
}
