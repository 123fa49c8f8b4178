package io.vsguard.core.sim;

import io.vsguard.core.plan.SwitchRef;

/**
 * What a step did to one pnic or vmkernel adapter. {@code from} is null when the device was
 * detached before the step; {@code origin} is then the last switch it was on. {@code to} is null
 * when the step detaches it. The LACP flags describe the switches as they were before the step.
 */
public record Move(
    Device device,
    String name,
    SwitchRef from,
    SwitchRef origin,
    SwitchRef to,
    boolean originUsesLacp,
    boolean targetUsesLacp) {

  public enum Device {
    PNIC,
    VMKERNEL
  }

  /** The switch the device effectively comes from, looking through a detached interval. */
  public SwitchRef source() {
    return from != null ? from : origin;
  }
}
