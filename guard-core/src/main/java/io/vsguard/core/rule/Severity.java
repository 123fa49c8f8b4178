package io.vsguard.core.rule;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much a finding weighs in the verdict; policy packs may override it per rule. */
public enum Severity {
  BLOCK,
  WARN,
  INFO;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
