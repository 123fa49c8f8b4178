package io.vsguard.vsphere.apply;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks an executor to stop before its next call (Ctrl-C, a halt elsewhere). A call already sent is
 * let finish, its task waited for: stopping between calls leaves a state that can be described.
 */
public final class Cancellation {
  private final AtomicBoolean requested = new AtomicBoolean();

  public void cancel() {
    requested.set(true);
  }

  public boolean requested() {
    return requested.get();
  }
}
