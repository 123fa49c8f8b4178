package io.vsguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.rule.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutsideWindowTest {
  private static final String WINDOWED =
      Plans.NAIVE_MIGRATION.replace(
          "spec:\n",
          """
      spec:
        window: {start: "2016-11-22T11:42:00+01:00", end: "2016-11-22T18:00:00+01:00"}
      """);

  @Test
  void warnsOutsideTheWindowByDefault() {
    var f =
        RuleTester.of(new OutsideWindow())
            .plan(WINDOWED)
            .now(Instant.parse("2016-11-22T09:00:00Z"))
            .expectFinding(null, "is outside the change window")
            .check();
    assertThat(f.get(0).severity()).isEqualTo(Severity.WARN);
  }

  @Test
  void blocksWhenTheSiteRequiresWindows() {
    var f =
        RuleTester.of(new OutsideWindow())
            .params(Parameters.DEFAULTS.withRequireWindow(true))
            .plan(WINDOWED)
            .now(Instant.parse("2016-11-22T18:30:00Z"))
            .expectFinding(null, "is outside the change window")
            .check();
    assertThat(f.get(0).severity()).isEqualTo(Severity.BLOCK);
    RuleTester.of(new OutsideWindow())
        .params(Parameters.DEFAULTS.withRequireWindow(true))
        .plan(Plans.NAIVE_MIGRATION)
        .expectFinding(null, "the site requires a change window and the plan has none")
        .check();
  }

  @Test
  void allowsInsideTheWindowAndPlansWithoutOneByDefault() {
    RuleTester.of(new OutsideWindow())
        .plan(WINDOWED)
        .now(Instant.parse("2016-11-22T12:00:00Z"))
        .expectNone();
    RuleTester.of(new OutsideWindow()).plan(Plans.NAIVE_MIGRATION).expectNone();
  }

  private static Parameters freeze() {
    Parameters p = Parameters.DEFAULTS;
    return new Parameters(
        p.maxWaveHosts(),
        p.maxWavePercent(),
        p.soakMinutes(),
        p.maxInventoryAgeMinutes(),
        p.defaultHostFailuresTolerated(),
        p.maxLagsPerSwitch(),
        p.maxPortsPerLag(),
        p.requireWindow(),
        p.gateChecks(),
        java.util.List.of(),
        java.util.List.of(
            new Parameters.Freeze(
                Instant.parse("2016-11-22T00:00:00Z"),
                Instant.parse("2016-11-23T00:00:00Z"),
                "trading-day freeze")));
  }

  @Test
  void blocksInsideAFreezeEvenInsideThePlansWindow() {
    var f =
        RuleTester.of(new OutsideWindow())
            .params(freeze())
            .plan(WINDOWED)
            .now(Instant.parse("2016-11-22T12:00:00Z"))
            .expectFinding(
                null,
                "is inside the freeze 2016-11-22T00:00:00Z to 2016-11-23T00:00:00Z: trading-day freeze")
            .check();
    assertThat(f.get(0).severity()).isEqualTo(Severity.BLOCK);
  }

  @Test
  void allowsAfterTheFreeze() {
    RuleTester.of(new OutsideWindow())
        .params(freeze())
        .plan(Plans.NAIVE_MIGRATION)
        .now(Instant.parse("2016-11-23T00:00:00Z"))
        .expectNone();
  }
}
