package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import io.vsguard.core.rule.Exemption;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ExemptionExpiredTest {
  private static final Exemption UNTIL_END_OF_NOVEMBER =
      new Exemption(
          "lacp-direct-migration",
          new Exemption.Scope(null, "esx-01", null, null),
          "rehearsed in the lab",
          "cab@example.org",
          LocalDate.parse("2016-11-30"),
          "site/pack.yaml");

  private final RuleTester tester =
      RuleTester.of(new ExemptionExpired())
          .plan(Plans.NAIVE_MIGRATION)
          .exemptions(UNTIL_END_OF_NOVEMBER);

  @Test
  void reportsAnExemptionPastItsExpiry() {
    tester
        .now(java.time.Instant.parse("2016-12-01T08:00:00Z"))
        .expectFinding(
            "esx-01",
            "the exemption of lacp-direct-migration for host esx-01 (approved by cab@example.org)"
                + " expired on 2016-11-30; it no longer applies (site/pack.yaml)")
        .check();
  }

  @Test
  void staysQuietOnTheLastDayOfTheExemption() {
    tester.now(java.time.Instant.parse("2016-11-30T23:59:00Z")).expectNone();
  }
}
