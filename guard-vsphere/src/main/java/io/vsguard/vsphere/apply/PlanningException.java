package io.vsguard.vsphere.apply;

/**
 * A step cannot be turned into vim25 calls from the state vCenter reports (the switch it names is
 * not there, the host is not a member, no free uplink port, …) or is not something apply carries
 * out. Nothing was written; the message names the host, the step and what is missing.
 */
public final class PlanningException extends Exception {
  public PlanningException(String message) {
    super(message);
  }
}
