package io.vsguard.vsphere;

import java.util.Arrays;

/**
 * A password that never prints: toString is redacted, so it cannot leak through logs or messages.
 */
public final class Secret {
  private final char[] value;

  public Secret(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("empty secret");
    }
    this.value = value.toCharArray();
  }

  /** The clear text, for the one place that needs it: the Login request body. */
  public String reveal() {
    return new String(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && Arrays.equals(value, s.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "******";
  }
}
