package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.soap.VimFaultException;
import io.vsguard.vsphere.vim.Mor;

/**
 * A vim25 call that vCenter answered with a fault, synchronously or as its task's error. The
 * message names the call and the fault in one line; {@link #fault()} is the typed value to act on.
 */
public final class VimCallException extends VimFaultException {
  private final String call;
  private final Mor task;
  private final Fault fault;

  VimCallException(String call, Mor task, Fault fault) {
    super(
        fault.type(),
        fault.message(),
        call
            + (task == null ? "" : " (" + Text.visible(task.value()) + ")")
            + " failed: "
            + fault.summary());
    this.call = call;
    this.task = task;
    this.fault = fault;
  }

  /** Which call, e.g. {@code ReconfigureDvs_Task on DVS-Prod-v6}. */
  public String call() {
    return call;
  }

  /** The task that ended in error, or null for a synchronous call. */
  public Mor task() {
    return task;
  }

  public Fault fault() {
    return fault;
  }
}
