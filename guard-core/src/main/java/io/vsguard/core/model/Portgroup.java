package io.vsguard.core.model;

import java.util.List;

/** A distributed portgroup with the parts of its default port config the rules read. */
public record Portgroup(
    String name,
    String key,
    Integer vlan,
    boolean uplinkPortgroup,
    Teaming teaming,
    PortgroupLacp lacp) {

  public Portgroup withTeaming(Teaming newTeaming) {
    return new Portgroup(name, key, vlan, uplinkPortgroup, newTeaming, lacp);
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
}
