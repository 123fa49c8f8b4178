package io.vsguard.core.rules;

import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class IrreversibleUpgradeTest {
  private final RuleTester tester = RuleTester.of(new IrreversibleUpgrade());

  private static String plan(String change) {
    return """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-U}
        spec:
          changes:
            - %s
        """
        .formatted(change);
  }

  @Test
  void warnsOnEveryUpgradeAndNamesTheMulticastChange() {
    tester
        .plan(plan("{id: c1, action: upgrade-switch, switch: DVS-New, version: 6.5.0}"))
        .expectFinding(null, "upgrading DVS-New from 6.0.0 to 6.5.0 cannot be rolled back")
        .check();
    tester
        .plan(plan("{id: c1, action: upgrade-switch, switch: DVS-New, version: 7.0.0}"))
        .expectFinding(null, "crossing 7.0 changes the default multicast filtering mode")
        .check();
  }

  @Test
  void allowsChangesThatAreNotUpgrades() {
    tester.plan(plan("{id: c1, action: set-mtu, switch: DVS-New, mtu: 9000}")).expectNone();
  }
}
