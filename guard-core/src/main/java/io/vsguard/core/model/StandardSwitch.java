package io.vsguard.core.model;

import java.util.List;

/** A host-local vSphere Standard Switch (vSwitch). */
public record StandardSwitch(String name, List<String> pnics, List<String> portgroups) {
  public StandardSwitch {
    pnics = Lists.copy(pnics);
    portgroups = Lists.copy(portgroups);
  }
}
