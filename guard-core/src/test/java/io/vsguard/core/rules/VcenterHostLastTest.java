package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class VcenterHostLastTest {
  private final RuleTester tester = RuleTester.of(new VcenterHostLast());

  @Test
  void blocksTheVcenterHostBeforeTheLastWave() {
    tester.plan(Plans.staged("{cluster: prod}", Plans.GATE, "esx-01", "esx-04", "esx-02", "esx-03"))
        .expectFinding("esx-04", "the vCenter appliance (vcsa) runs on esx-04, which changes in wave w2 although wave w4")
        .check();
  }

  @Test
  void blocksTheVcenterHostSharingTheLastWave() {
    tester.plan(Plans.staged("{cluster: prod}", Plans.GATE, "esx-01", "esx-02", "esx-03, esx-04"))
        .expectFinding("esx-04", "changes together with 1 other hosts")
        .check();
  }

  @Test
  void blocksMovingItsManagementBetweenDistributedSwitchesWithoutFallback() {
    tester.plan(Plans.NAIVE_MIGRATION.replace("{cluster: prod}", "[esx-04]"))
        .expectFinding("esx-04", "the management vmkernel vmk0 of the vCenter host esx-04 moves from DVS-LACP straight to DVS-New")
        .check();
  }

  @Test
  void allowsTheVcenterHostAloneAndLastThroughAStandardSwitch() {
    tester.plan(Plans.SAFE_ROLLOUT).expectNone();
  }

  @Test
  void allowsAChangeThatDoesNotTouchTheVcenterHost() {
    tester.plan(Plans.NAIVE_MIGRATION.replace("{cluster: prod}", "[esx-01, esx-02]")).expectNone();
  }
}
