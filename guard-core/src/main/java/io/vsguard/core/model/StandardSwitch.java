package io.vsguard.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/**
 * A host-local vSphere Standard Switch (vSwitch). {@code portgroups} names its portgroups; {@code
 * portgroupSettings} says, for those the snapshot knows, which VLAN they tag and which pnics carry
 * them. {@code mtu} is the switch's MTU. Anything absent is unknown: a portgroup without settings
 * has no VLAN or teaming the guard may assume, a switch without {@code mtu} no MTU.
 */
@JsonPropertyOrder({"name", "pnics", "portgroups", "mtu", "portgroupSettings"})
public record StandardSwitch(
    String name,
    List<String> pnics,
    List<String> portgroups,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer mtu,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PortgroupSettings> portgroupSettings) {

  public StandardSwitch {
    pnics = Lists.copy(pnics);
    portgroups = Lists.copy(portgroups);
    portgroupSettings = Lists.copy(portgroupSettings);
  }

  /** A switch whose MTU and portgroup settings the snapshot does not know. */
  public StandardSwitch(String name, List<String> pnics, List<String> portgroups) {
    this(name, pnics, portgroups, null, List.of());
  }

  /** The settings of one of its portgroups; empty when the snapshot does not know them. */
  public Optional<PortgroupSettings> settings(String portgroup) {
    for (PortgroupSettings s : portgroupSettings) {
      if (s.name().equals(portgroup)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * A standard portgroup's VLAN and effective NIC teaming (its own failover order, or the switch's
   * it inherits). {@code vlan}: 0 untagged, 1–4094 that VLAN, 4095 every VLAN (the guest tags,
   * VGT); {@code teaming.active}/{@code standby} name the host's pnics ({@code vmnic0}). Either is
   * null when unknown.
   */
  @JsonPropertyOrder({"name", "vlan", "teaming"})
  public record PortgroupSettings(
      String name,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer vlan,
      @JsonInclude(JsonInclude.Include.NON_NULL) Portgroup.Teaming teaming) {

    /** ESXi's VLAN id for "all VLANs": the portgroup passes tagged frames to the guest. */
    public static final int ALL_VLANS = 4095;
  }
}
