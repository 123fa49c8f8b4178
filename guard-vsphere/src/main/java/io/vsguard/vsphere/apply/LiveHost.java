package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.vim.Mor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One host's network as a write needs it: the morefs to address it, its standard switches and
 * portgroups, its proxy switches (one per distributed switch it is a member of, with the DV port
 * key behind each uplink and LAG port name) and where each VMkernel adapter is. Read live before a
 * step, or predicted from the calls of the steps before it (for a dry run).
 */
public record LiveHost(
    Mor ref,
    String name,
    Mor networkSystem,
    String connectionState,
    boolean inMaintenanceMode,
    List<String> pnics,
    List<Vswitch> vswitches,
    List<Portgroup> portgroups,
    List<Proxy> proxies,
    List<Vnic> vnics) {

  public LiveHost {
    pnics = List.copyOf(pnics);
    vswitches = List.copyOf(vswitches);
    portgroups = List.copyOf(portgroups);
    proxies = List.copyOf(proxies);
    vnics = List.copyOf(vnics);
  }

  /** A standard switch; {@code pnics} are its bridge's, in order; {@code mtu} 0 when not set. */
  public record Vswitch(String name, int numPorts, int mtu, List<String> pnics) {
    public Vswitch {
      pnics = List.copyOf(pnics);
    }

    Vswitch withPnics(List<String> list) {
      return new Vswitch(name, numPorts, mtu, list);
    }
  }

  /**
   * A standard portgroup; {@code active}: its own failover order's active pnics, empty when it
   * inherits the switch's (every pnic of the switch).
   */
  public record Portgroup(String name, String vswitch, int vlan, List<String> active) {
    public Portgroup {
      active = List.copyOf(active);
    }

    public Portgroup(String name, String vswitch, int vlan) {
      this(name, vswitch, vlan, List.of());
    }

    /** As ESXi keeps a portgroup's own failover order: only the pnics {@code stillThere}. */
    Portgroup keepingActive(java.util.function.Predicate<String> stillThere) {
      return active.stream().allMatch(stillThere)
          ? this
          : new Portgroup(name, vswitch, vlan, active.stream().filter(stillThere).toList());
    }
  }

  /** A DV port of a proxy switch: its key and the uplink or LAG port name vCenter shows for it. */
  public record Port(String key, String name) {}

  /** A LAG of an enhanced-LACP switch and its ports on this host. */
  public record Lag(String name, List<Port> ports) {
    public Lag {
      ports = List.copyOf(ports);
    }
  }

  /**
   * The host's side of a distributed switch: every uplink and LAG port with its key, the LAGs, and
   * the pnic backing (which pnic is on which port), in vCenter's order.
   */
  public record Proxy(
      String dvsUuid,
      String dvsName,
      List<Port> uplinkPorts,
      List<Lag> lags,
      List<PnicOnPort> backing) {
    public Proxy {
      uplinkPorts = List.copyOf(uplinkPorts);
      lags = List.copyOf(lags);
      backing = List.copyOf(backing);
    }

    /** The uplink or LAG port name of a port key, or null. */
    public String portName(String key) {
      return uplinkPorts.stream()
          .filter(p -> p.key() != null && p.key().equals(key))
          .map(Port::name)
          .findFirst()
          .orElse(null);
    }

    public Optional<PnicOnPort> pnic(String device) {
      return backing.stream().filter(b -> b.pnic().equals(device)).findFirst();
    }

    Proxy withBacking(List<PnicOnPort> list) {
      return new Proxy(dvsUuid, dvsName, uplinkPorts, lags, list);
    }
  }

  /** Where a VMkernel adapter is connected. */
  public sealed interface Location {}

  /** On a standard portgroup, by name. */
  public record OnPortgroup(String portgroup) implements Location {}

  /**
   * On a distributed port; {@code portKey} null when vCenter has not assigned one yet (predicted).
   */
  public record OnDvPort(String switchUuid, String portgroupKey, String portKey)
      implements Location {}

  public record Vnic(String device, Location location) {}

  public Optional<Vswitch> vswitch(String vswitch) {
    return vswitches.stream().filter(v -> v.name().equals(vswitch)).findFirst();
  }

  public Optional<Portgroup> portgroup(String portgroup) {
    return portgroups.stream().filter(p -> p.name().equals(portgroup)).findFirst();
  }

  public Optional<Proxy> proxy(String dvsUuid) {
    return proxies.stream().filter(p -> p.dvsUuid().equals(dvsUuid)).findFirst();
  }

  public Optional<Vnic> vnic(String device) {
    return vnics.stream().filter(v -> v.device().equals(device)).findFirst();
  }

  /** The standard switch bridging {@code pnic}, if any. */
  public Optional<Vswitch> vswitchOf(String pnic) {
    return vswitches.stream().filter(v -> v.pnics().contains(pnic)).findFirst();
  }

  /** The proxy switch whose backing holds {@code pnic}, if any. */
  public Optional<Proxy> proxyOf(String pnic) {
    return proxies.stream().filter(p -> p.pnic(pnic).isPresent()).findFirst();
  }

  /** How this host is named in a call: its moref and name. */
  public HostRef hostRef() {
    return new HostRef(ref, networkSystem, name);
  }

  LiveHost with(boolean maintenance) {
    return new LiveHost(
        ref,
        name,
        networkSystem,
        connectionState,
        maintenance,
        pnics,
        vswitches,
        portgroups,
        proxies,
        vnics);
  }

  LiveHost withNetwork(List<Vswitch> vs, List<Portgroup> pgs, List<Proxy> px, List<Vnic> vn) {
    return new LiveHost(
        ref, name, networkSystem, connectionState, inMaintenanceMode, pnics, vs, pgs, px, vn);
  }

  static <T> List<T> replace(List<T> list, T old, T with) {
    List<T> out = new ArrayList<>(list);
    int i = out.indexOf(old);
    if (with == null) {
      out.remove(i);
    } else {
      out.set(i, with);
    }
    return out;
  }
}
