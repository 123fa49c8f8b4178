package io.vsguard.vsphere.apply;

/**
 * One entry of a proxy switch's pnic backing: the pnic, the DV port it backs and that port's uplink
 * or LAG port name (shown, not sent). {@code portKey} is null only in a predicted state, for a host
 * that joins a switch in an earlier step: vCenter assigns the keys then.
 */
public record PnicOnPort(String pnic, String portKey, String portName, String uplinkPortgroupKey) {
  /** {@code vmnic2 uplink3 (port 14)}. */
  String show() {
    return Text.visible(pnic)
        + " "
        + (portName == null ? "?" : Text.visible(portName))
        + " (port "
        + (portKey == null ? "assigned when the host joins" : Text.visible(portKey))
        + ")";
  }
}
