package io.vsguard.core.stage;

import io.vsguard.core.model.Host;
import io.vsguard.core.plan.Step;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.sim.AffectedHosts;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.sim.InventoryIndex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Greedy packing of hosts into waves under the site's bounds, in time linear in the hosts.
 *
 * <p>The rule it implements: take the first remaining host (by name) as a new wave, then add every
 * later host, in name order, that {@linkplain #fits fits} the wave as it is then. Whether a host
 * fits depends only on its step list, its cluster, its datacenter and whether it enters maintenance
 * mode, against per-wave counters; and a host that does not fit never fits later in the same wave,
 * because adding hosts only tightens every bound. So hosts with the same (step list, cluster,
 * datacenter) are interchangeable: the packer keeps them in one queue, and fills a wave by taking
 * queue heads in name order, dropping a queue for the rest of the wave at its first refusal, and
 * stopping when the wave is full. A queue whose host could never join a wave of others (HA capacity
 * under one, the only affected host of its datacenter) only ever starts waves.
 */
final class WavePacker {
  private final Parameters params;
  private final InventoryIndex idx;
  private final Map<String, Integer> capacity;
  private final Deadline deadline;
  private final Map<String, HostFacts> facts = new HashMap<>();
  private final Map<String, Integer> clusterSize = new HashMap<>();
  private final Map<String, Long> clusterOnSwitch = new HashMap<>();
  private final Map<String, Long> dcOnSwitch = new HashMap<>();

  /** What the bounds read of a host; {@code stepClass} is equal for equal step lists. */
  private record HostFacts(
      String name, int stepClass, boolean maintenance, String cluster, String dc) {}

  WavePacker(
      Map<String, List<Step>> steps,
      InventoryIndex idx,
      AffectedHosts affected,
      Map<String, Integer> capacity,
      Parameters params,
      Deadline deadline) {
    this.params = params;
    this.idx = idx;
    this.capacity = capacity;
    this.deadline = deadline;
    Map<List<Step>, Integer> classes = new HashMap<>();
    steps.forEach(
        (host, list) -> {
          int cls = classes.computeIfAbsent(list, k -> classes.size());
          boolean maintenance = list.stream().anyMatch(Step.EnterMaintenance.class::isInstance);
          String cluster = idx.clusterOf(host).orElse(null);
          String dc = idx.host(host).map(Host::datacenter).orElse(null);
          facts.put(host, new HostFacts(host, cls, maintenance, cluster, dc));
          if (cluster != null && !clusterSize.containsKey(cluster)) {
            List<String> of = idx.hostsOfCluster(cluster);
            clusterSize.put(cluster, of.size());
            clusterOnSwitch.put(cluster, of.stream().filter(affected::contains).count());
          }
          if (dc != null && !dcOnSwitch.containsKey(dc)) {
            dcOnSwitch.put(
                dc, idx.hostsOfDatacenter(dc).stream().filter(affected::contains).count());
          }
        });
  }

  /** A wave being filled: its hosts and how many of them each cluster and datacenter has. */
  private static final class Wave {
    final List<String> hosts = new ArrayList<>();
    final Map<String, Integer> perCluster = new HashMap<>();
    final Map<String, Integer> perDc = new HashMap<>();
    int stepClass = -1;

    void add(HostFacts f) {
      if (hosts.isEmpty()) {
        stepClass = f.stepClass();
      }
      hosts.add(f.name());
      if (f.cluster() != null) {
        perCluster.merge(f.cluster(), 1, Integer::sum);
      }
      if (f.dc() != null) {
        perDc.merge(f.dc(), 1, Integer::sum);
      }
    }
  }

  /** Whether the host may join the wave without breaking a bound. */
  private boolean fits(Wave wave, HostFacts f) {
    if (!wave.hosts.isEmpty() && wave.stepClass != f.stepClass()) {
      return false;
    }
    if (wave.hosts.size() + 1 > params.maxWaveHosts()) {
      return false;
    }
    if (f.cluster() != null) {
      String c = f.cluster();
      long same = wave.perCluster.getOrDefault(c, 0) + 1L;
      if (same > 1
          && (same > params.maxHostsOfCluster(clusterSize.get(c))
              || same >= clusterOnSwitch.get(c))) {
        return false;
      }
      if (f.maintenance()
          && same > capacity.getOrDefault(c, params.defaultHostFailuresTolerated())) {
        return false;
      }
    }
    if (f.dc() != null && !wave.hosts.isEmpty()) {
      long sameDc = wave.perDc.getOrDefault(f.dc(), 0) + 1L;
      if (sameDc >= dcOnSwitch.get(f.dc())) {
        return false;
      }
    }
    return true;
  }

  /** Whether the host could start a wave of its own. */
  boolean fitsAlone(String host) {
    return fits(new Wave(), facts.get(host));
  }

  /** Hosts of one (step list, cluster, datacenter), remaining, in name order. */
  private static final class Queue {
    final ArrayDeque<Integer> positions = new ArrayDeque<>();
    final boolean joinable;
    final int stepClass;

    Queue(boolean joinable, int stepClass) {
      this.joinable = joinable;
      this.stepClass = stepClass;
    }

    int head() {
      return positions.getFirst();
    }
  }

  /**
   * Packs {@code hosts} (in name order) into new waves appended to {@code groups}; returns why a
   * host cannot be placed at all, or null.
   */
  String pack(List<String> hosts, List<List<String>> groups) {
    List<String> rest = new ArrayList<>(hosts);
    rest.sort(Comparator.naturalOrder());
    int n = rest.size();
    HostFacts[] at = new HostFacts[n];
    Queue[] queueOf = new Queue[n];
    int[] next = new int[n];
    int[] prev = new int[n];
    Map<List<Object>, Queue> queues = new HashMap<>();
    Map<Integer, TreeSet<Queue>> joinable = new HashMap<>();
    for (int i = 0; i < n; i++) {
      HostFacts f = Objects.requireNonNull(facts.get(rest.get(i)), rest.get(i));
      at[i] = f;
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
      Queue q =
          queues.computeIfAbsent(
              java.util.Arrays.asList(f.stepClass(), f.cluster(), f.dc()),
              k -> new Queue(canJoinOthers(f), f.stepClass()));
      q.positions.addLast(i);
      queueOf[i] = q;
    }
    for (Queue q : queues.values()) {
      if (q.joinable) {
        joinable
            .computeIfAbsent(q.stepClass, k -> new TreeSet<>(Comparator.comparingInt(Queue::head)))
            .add(q);
      }
    }
    int[] first = {n > 0 ? 0 : -1};
    // Takes a host out of the remaining ones; it is the head of its queue.
    java.util.function.IntConsumer take =
        i -> {
          Queue q = queueOf[i];
          TreeSet<Queue> set = q.joinable ? joinable.get(q.stepClass) : null;
          if (set != null) {
            set.remove(q);
          }
          q.positions.removeFirst();
          if (set != null && !q.positions.isEmpty()) {
            set.add(q);
          }
          if (prev[i] >= 0) {
            next[prev[i]] = next[i];
          } else {
            first[0] = next[i];
          }
          if (next[i] >= 0) {
            prev[next[i]] = prev[i];
          }
        };
    Wave current = null;
    while (first[0] >= 0) {
      deadline.check();
      int h = first[0];
      if (current != null && fits(current, at[h])) {
        current.add(at[h]);
        take.accept(h);
        continue;
      }
      current = new Wave();
      if (!fits(current, at[h])) {
        String cluster = idx.clusterOf(at[h].name()).orElse("?");
        return "cluster "
            + cluster
            + " can take no host into maintenance mode: HA tolerates "
            + (capacity.get(cluster) + hostsDown(cluster, idx))
            + " host failures and "
            + hostsDown(cluster, idx)
            + " hosts are already in maintenance mode";
      }
      current.add(at[h]);
      take.accept(h);
      groups.add(current.hosts);
      fill(current, joinable.get(current.stepClass), at, take);
    }
    return null;
  }

  /** Adds to the wave, in name order, every remaining host that fits it then. */
  private void fill(
      Wave wave, TreeSet<Queue> candidates, HostFacts[] at, java.util.function.IntConsumer take) {
    if (candidates == null) {
      return;
    }
    List<Queue> refused = new ArrayList<>();
    while (wave.hosts.size() < params.maxWaveHosts() && !candidates.isEmpty()) {
      Queue q = candidates.first();
      int h = q.head();
      if (fits(wave, at[h])) {
        wave.add(at[h]);
        take.accept(h);
      } else {
        candidates.pollFirst();
        refused.add(q);
      }
    }
    candidates.addAll(refused);
  }

  /**
   * False when the host is refused by any wave that already has another host: HA capacity under one
   * for a host entering maintenance, or the only affected host of its datacenter.
   */
  private boolean canJoinOthers(HostFacts f) {
    if (f.cluster() != null
        && f.maintenance()
        && 1 > capacity.getOrDefault(f.cluster(), params.defaultHostFailuresTolerated())) {
      return false;
    }
    return f.dc() == null || dcOnSwitch.get(f.dc()) > 1;
  }

  static int hostsDown(String cluster, InventoryIndex idx) {
    return (int)
        idx.hostsOfCluster(cluster).stream()
            .filter(x -> idx.host(x).map(Host::maintenanceMode).orElse(false))
            .count();
  }
}
