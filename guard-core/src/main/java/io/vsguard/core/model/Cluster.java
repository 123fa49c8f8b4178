package io.vsguard.core.model;

import java.util.List;

/**
 * A vSphere cluster; {@code haHostFailuresTolerated} is null when HA admission control is unknown.
 */
public record Cluster(
    String name,
    String datacenter,
    boolean drsEnabled,
    boolean haEnabled,
    Integer haHostFailuresTolerated,
    List<String> hosts) {

  public Cluster {
    hosts = Lists.copy(hosts);
  }
}
