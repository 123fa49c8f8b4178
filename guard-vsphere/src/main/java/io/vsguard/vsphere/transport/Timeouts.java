package io.vsguard.vsphere.transport;

import java.time.Duration;

/** How long to wait for a connection and for each response. */
public record Timeouts(Duration connect, Duration read) {
  /**
   * A vCenter under load can take tens of seconds for a large property page; connecting should not.
   */
  public static final Timeouts DEFAULTS =
      new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(120));

  public Timeouts {
    if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }
}
