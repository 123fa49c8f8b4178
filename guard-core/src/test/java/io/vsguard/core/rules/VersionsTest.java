package io.vsguard.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VersionsTest {
  @Test
  void comparesPartByPartNumerically() {
    assertEquals(0, Versions.compare("6.5", "6.5.0"));
    assertEquals(1, Integer.signum(Versions.compare("6.10", "6.9")));
    assertEquals(-1, Integer.signum(Versions.compare("6.0.0", "6.5")));
    assertEquals(1, Integer.signum(Versions.compare("7.0.3", "7.0")));
  }

  @Test
  void readsOnlyTheLeadingDigitsOfAPart() {
    // "0b" is 0 and "u3" has none (0): a build suffix or an update tag does not reorder versions
    assertEquals(0, Versions.compare("7.0b", "7.0"));
    assertEquals(0, Versions.compare("7.0.u3", "7.0"));
    assertEquals(1, Integer.signum(Versions.compare("7.12rc1", "7.9")));
  }
}
