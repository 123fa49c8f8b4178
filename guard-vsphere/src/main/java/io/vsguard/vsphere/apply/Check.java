package io.vsguard.vsphere.apply;

/** A read a step ends with (verify): the host's connection state must be {@code expected}. */
public record Check(HostRef host, String expected) {
  public String describe() {
    return "read runtime.connectionState of " + host.show() + ": expect " + expected;
  }
}
