package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import io.vsguard.core.rule.Parameters;
import java.util.List;
import org.junit.jupiter.api.Test;

class VcenterHostLastTest {
  private final RuleTester tester = RuleTester.of(new VcenterHostLast());

  @Test
  void blocksTheVcenterHostBeforeTheLastWave() {
    tester
        .plan(Plans.staged("{cluster: prod}", Plans.GATE, "esx-01", "esx-04", "esx-02", "esx-03"))
        .expectFinding(
            "esx-04",
            "the vCenter appliance (vcsa) runs on esx-04, which changes in wave w2 although wave w4")
        .check();
  }

  @Test
  void blocksTheVcenterHostSharingTheLastWave() {
    tester
        .plan(Plans.staged("{cluster: prod}", Plans.GATE, "esx-01", "esx-02", "esx-03, esx-04"))
        .expectFinding("esx-04", "changes together with 1 other hosts")
        .check();
  }

  @Test
  void blocksMovingItsManagementBetweenDistributedSwitchesWithoutFallback() {
    tester
        .plan(Plans.NAIVE_MIGRATION.replace("{cluster: prod}", "[esx-04]"))
        .expectFinding(
            "esx-04",
            "the management vmkernel vmk0 of the vCenter host esx-04 moves from DVS-LACP straight to DVS-New")
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

  /** The pack names dns01 critical; the snapshot places it on esx-02. */
  private RuleTester withCriticalDns() {
    Parameters p = Parameters.DEFAULTS;
    return tester
        .inventory(
            inv -> inv.replace("    vmCount: 12\n", "    vmCount: 12\n    vms: [dns01, web07]\n"))
        .params(
            new Parameters(
                p.maxWaveHosts(),
                p.maxWavePercent(),
                p.soakMinutes(),
                p.maxInventoryAgeMinutes(),
                p.defaultHostFailuresTolerated(),
                p.maxLagsPerSwitch(),
                p.maxPortsPerLag(),
                p.requireWindow(),
                p.gateChecks(),
                List.of("dns01"),
                List.of()));
  }

  @Test
  void blocksACriticalVmsHostBeforeHostsWithoutCriticalVms() {
    withCriticalDns()
        .plan(Plans.staged("{cluster: prod}", Plans.GATE, "esx-01", "esx-02", "esx-03", "esx-04"))
        .expectFinding(
            "esx-02",
            "esx-02 runs the critical VM dns01 and changes in wave w2 although 1 host without"
                + " critical VMs (esx-03) change in that wave or later")
        .check();
  }

  @Test
  void allowsACriticalVmsHostAfterTheOthersAndBeforeTheVcenterHost() {
    withCriticalDns()
        .plan(Plans.staged("{cluster: prod}", Plans.GATE, "esx-01", "esx-03", "esx-02", "esx-04"))
        .expectNone();
  }
}
