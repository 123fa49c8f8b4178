package io.vsguard.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A distributed portgroup with the parts of its default port config the rules read. Its VLAN is
 * {@code vlan} (one VLAN id, 0 untagged) or, for a VLAN trunk, the ranges in {@code vlanTrunk}
 * ({@code vlan} is then null); neither means the snapshot does not say (a private VLAN, or not
 * captured). Its MTU is its switch's.
 */
@JsonPropertyOrder({"name", "key", "vlan", "vlanTrunk", "uplinkPortgroup", "teaming", "lacp"})
public record Portgroup(
    String name,
    String key,
    Integer vlan,
    boolean uplinkPortgroup,
    Teaming teaming,
    PortgroupLacp lacp,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<VlanRange> vlanTrunk) {

  public Portgroup {
    vlanTrunk = Lists.copy(vlanTrunk);
  }

  /** A portgroup on one VLAN (or whose VLAN is unknown), not a trunk. */
  public Portgroup(
      String name,
      String key,
      Integer vlan,
      boolean uplinkPortgroup,
      Teaming teaming,
      PortgroupLacp lacp) {
    this(name, key, vlan, uplinkPortgroup, teaming, lacp, List.of());
  }

  public Portgroup withTeaming(Teaming newTeaming) {
    return new Portgroup(name, key, vlan, uplinkPortgroup, newTeaming, lacp, vlanTrunk);
  }

  /** The portgroup on one VLAN ({@code set-vlan}): no longer a trunk. */
  public Portgroup withVlan(int newVlan) {
    return new Portgroup(name, key, newVlan, uplinkPortgroup, teaming, lacp, List.of());
  }

  /** Failover order: {@code active}/{@code standby} name uplinks or LAGs. */
  public record Teaming(String policy, List<String> active, List<String> standby) {
    public Teaming {
      active = Lists.copy(active);
      standby = Lists.copy(standby);
    }
  }

  /** Basic LACP (singleLag) is configured on the uplink portgroup. */
  public record PortgroupLacp(boolean enabled, String mode) {}

  /** VLAN ids {@code start} to {@code end}, both included (vim25 NumericRange). */
  public record VlanRange(int start, int end) {}
}
