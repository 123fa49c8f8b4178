package io.vsguard.core.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A switch as a plan names it: a distributed switch by name, or a host's standard switch as {@code
 * standard:<vSwitch name>}.
 */
public record SwitchRef(String name, boolean standard) {
  public static final String STANDARD_PREFIX = "standard:";

  public SwitchRef {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("switch name must not be blank");
    }
  }

  @JsonCreator
  public static SwitchRef parse(String text) {
    if (text.startsWith(STANDARD_PREFIX)) {
      return new SwitchRef(text.substring(STANDARD_PREFIX.length()), true);
    }
    return new SwitchRef(text, false);
  }

  public static SwitchRef distributed(String name) {
    return new SwitchRef(name, false);
  }

  public static SwitchRef standard(String name) {
    return new SwitchRef(name, true);
  }

  public boolean distributed() {
    return !standard;
  }

  // Written out: a record's generated equals and hashCode go through method handles, which the
  // client compiler of the one-shot commands does not inline, and switches are compared for every
  // pnic and adapter of every simulated step.
  @Override
  public boolean equals(Object o) {
    return o instanceof SwitchRef r && standard == r.standard && name.equals(r.name);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + (standard ? 1 : 0);
  }

  @JsonValue
  @Override
  public String toString() {
    return standard ? STANDARD_PREFIX + name : name;
  }
}
