package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.vim.Mor;
import java.util.List;
import java.util.Optional;

/**
 * A distributed switch as a write needs it. {@code configVersion} is the optimistic lock
 * ReconfigureDvs_Task must quote; it is null in a predicted state once a call before has changed
 * the switch (vCenter will have moved it on; it is read again when the step runs).
 */
public record LiveSwitch(
    Mor ref,
    String name,
    String uuid,
    String configVersion,
    String uplinkPortgroupKey,
    List<String> uplinkNames,
    List<DvPortgroup> portgroups) {

  public LiveSwitch {
    uplinkNames = List.copyOf(uplinkNames);
    portgroups = List.copyOf(portgroups);
  }

  /**
   * A distributed portgroup; {@code vlanId} is null when it is not a single VLAN (a trunk, a
   * private VLAN).
   */
  public record DvPortgroup(String key, String name, Integer vlanId) {}

  public Optional<DvPortgroup> portgroup(String portgroupName) {
    return portgroups.stream().filter(p -> p.name().equals(portgroupName)).findFirst();
  }

  public Optional<DvPortgroup> portgroupByKey(String key) {
    return portgroups.stream().filter(p -> p.key().equals(key)).findFirst();
  }

  public DvsRef dvsRef() {
    return new DvsRef(ref, name, uuid);
  }

  LiveSwitch withConfigVersion(String version) {
    return new LiveSwitch(ref, name, uuid, version, uplinkPortgroupKey, uplinkNames, portgroups);
  }
}
