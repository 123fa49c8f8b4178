package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class SinglelagDeprecatedTest {
  private final RuleTester tester = RuleTester.of(new SinglelagDeprecated());

  @Test
  void warnsWhenABasicLacpSwitchIsTouched() {
    tester
        .inventory(
            s ->
                s.replace(
                    "{name: DVS-LACP-DVUplinks, key: dvportgroup-3, uplinkPortgroup: true}",
                    "{name: DVS-LACP-DVUplinks, key: dvportgroup-3, uplinkPortgroup: true, lacp: {enabled: true, mode: active}}"))
        .plan(Plans.NAIVE_MIGRATION)
        .expectFinding(null, "c1 touches DVS-LACP, which still uses basic LACP (singleLag)")
        .check();
  }

  @Test
  void allowsEnhancedLacpAndTheConversionItself() {
    tester.plan(Plans.NAIVE_MIGRATION).expectNone();
    tester
        .inventory(
            s ->
                s.replace(
                    "apiVersion: multipleLag\n      lags: [{name: lag1",
                    "apiVersion: singleLag\n      lags: [{name: lag1"))
        .plan(
            """
            apiVersion: vsguard/v1
            kind: ChangePlan
            metadata: {id: CHG-C}
            spec:
              changes:
                - {id: c1, action: convert-lacp, switch: DVS-LACP, to: multipleLag}
            """)
        .expectNone();
  }
}
