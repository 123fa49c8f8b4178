package io.vsguard.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** vCenter's HostSystemConnectionState, spelled as the vim25 API spells it. */
public enum ConnectionState {
  CONNECTED("connected"),
  DISCONNECTED("disconnected"),
  NOT_RESPONDING("notResponding");

  private final String wire;

  ConnectionState(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }
}
