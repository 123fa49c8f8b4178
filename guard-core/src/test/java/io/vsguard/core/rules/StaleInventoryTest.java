package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StaleInventoryTest {
  private final RuleTester tester = RuleTester.of(new StaleInventory()).plan(Plans.NAIVE_MIGRATION);

  @Test
  void warnsWhenTheSnapshotIsOlderThanTheLimit() {
    tester
        .now(Instant.parse("2016-11-22T12:29:00Z"))
        .expectFinding(
            null,
            "the inventory was captured at 2016-11-22T10:30:00Z, 119 minutes ago; the limit is 60 minutes")
        .check();
  }

  @Test
  void allowsAFreshSnapshot() {
    tester.now(Instant.parse("2016-11-22T11:30:00Z")).expectNone();
  }
}
