package io.vsguard.core.sim;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Lists;
import io.vsguard.core.model.Portgroup;
import io.vsguard.core.model.StandardSwitch;
import io.vsguard.core.plan.SwitchRef;
import java.util.List;
import java.util.Optional;

/**
 * The layer-2 network a vmkernel or VM adapter is on: the VLAN its portgroup tags (or the trunk it
 * passes) and the MTU frames may have. Either part is null when the snapshot or the plan does not
 * say, and an unknown part is never compared: continuity is judged only on what is known
 * (docs/spec/rules.md, section 2).
 */
public record Segment(Integer vlan, List<Portgroup.VlanRange> trunk, Integer mtu) {
  /** ESXi's "every VLAN" id on a standard portgroup (VGT). */
  public static final int ALL_VLANS = StandardSwitch.PortgroupSettings.ALL_VLANS;

  public Segment {
    trunk = Lists.copy(trunk);
  }

  /** The one VLAN it tags (0 untagged); null for a trunk, every VLAN, or unknown. */
  public Integer singleVlan() {
    return vlan != null && vlan != ALL_VLANS ? vlan : null;
  }

  /** Whether frames of {@code id} pass; null when the VLAN is unknown. */
  public Boolean carries(int id) {
    if (vlan != null) {
      return vlan == id || vlan == ALL_VLANS;
    }
    if (!trunk.isEmpty()) {
      for (Portgroup.VlanRange r : trunk) {
        if (r.start() <= id && id <= r.end()) {
          return true;
        }
      }
      return false;
    }
    return null;
  }

  /** "VLAN 10", "a trunk of VLANs 0-4094", "every VLAN", "an unknown VLAN". */
  public String describeVlan() {
    if (vlan != null) {
      return vlan == ALL_VLANS ? "every VLAN (4095)" : "VLAN " + vlan;
    }
    if (!trunk.isEmpty()) {
      return "a trunk of VLANs "
          + String.join(
              ",",
              trunk.stream()
                  .map(
                      r ->
                          r.start() == r.end()
                              ? String.valueOf(r.start())
                              : r.start() + "-" + r.end())
                  .toList());
    }
    return "an unknown VLAN";
  }

  // The three lookups below run for every adapter of every simulated step: plain branches, no
  // capturing lambdas (each would be an allocation through a method handle under the client
  // compiler the one-shot commands run on).

  /**
   * Where a portgroup is in the simulation now: the switch's live configuration, the host's
   * standard portgroups.
   */
  public static Optional<Segment> of(NetworkState net, HostNet h, SwitchRef sw, String portgroup) {
    if (sw.distributed()) {
      Optional<DistributedSwitch> d = net.distributedSwitch(sw.name());
      return d.isPresent() ? distributed(d.get(), portgroup) : Optional.empty();
    }
    Optional<HostNet.StandardPortgroup> p = h.standardPortgroup(sw.name(), portgroup);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    Integer mtu = p.get().mtu() != null ? p.get().mtu() : h.standardMtu(sw.name()).orElse(null);
    return Optional.of(new Segment(p.get().vlan(), List.of(), mtu));
  }

  /** Where a portgroup is in the snapshot, before any step. */
  public static Optional<Segment> ofInventory(
      InventoryIndex index, Host h, SwitchRef sw, String portgroup) {
    if (sw.distributed()) {
      Optional<DistributedSwitch> d = index.distributedSwitch(sw.name());
      return d.isPresent() ? distributed(d.get(), portgroup) : Optional.empty();
    }
    Optional<StandardSwitch> s = h.standardSwitch(sw.name());
    if (s.isEmpty() || !s.get().portgroups().contains(portgroup)) {
      return Optional.empty();
    }
    Optional<StandardSwitch.PortgroupSettings> settings = s.get().settings(portgroup);
    return Optional.of(
        new Segment(settings.isPresent() ? settings.get().vlan() : null, List.of(), s.get().mtu()));
  }

  private static Optional<Segment> distributed(DistributedSwitch d, String portgroup) {
    Optional<Portgroup> p = d.portgroup(portgroup);
    if (p.isEmpty() || p.get().uplinkPortgroup()) {
      return Optional.empty();
    }
    return Optional.of(new Segment(p.get().vlan(), p.get().vlanTrunk(), d.mtu()));
  }
}
