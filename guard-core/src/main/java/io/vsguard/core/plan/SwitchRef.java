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

  @JsonValue
  @Override
  public String toString() {
    return standard ? STANDARD_PREFIX + name : name;
  }
}
