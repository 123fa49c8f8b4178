package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import io.vsguard.core.VmSites;
import org.junit.jupiter.api.Test;

class VmNetworkLostTest {
  private final RuleTester tester = RuleTester.of(new VmNetworkLost());

  @Test
  void blocksTheNaivePushThatTakesTheLagFromUnderRunningVms() {
    tester
        .inventory(s -> VmSites.withVms(s, 100))
        .plan(Plans.NAIVE_MIGRATION.replace("{cluster: prod}", "[esx-01]"))
        .expectFinding(
            "esx-01",
            "step 2: after step 2 of the all-at-once push (move-pnic vmnic1 -> DVS-New (uplink3)) on"
                + " esx-01, running VMs of esx-01 lose their network: 2 adapters on DVS-LACP / pg-web (web-01 Network"
                + " adapter 1, ...) have no pnic that can carry them")
        .check();
  }

  @Test
  void blocksAdaptersLeftOnTheSwitchTheHostLeaves() {
    // Without maintenance mode and without moving the VMs' adapters: the host leaves DVS-LACP under
    // them.
    tester
        .inventory(s -> VmSites.withVms(s, 100))
        .plan(
            Plans.stagedWith(
                Plans.steps(
                    s ->
                        s.replace("- {op: enter-maintenance}\n", "")
                            .replace("- {op: exit-maintenance}\n", "")),
                "[esx-01]",
                null,
                "esx-01"))
        .expectFinding(
            "esx-01",
            "wave w1 step 5: after wave w1, step 5 (move-pnic vmnic0 -> standard:vSwitch-mig)")
        .check();
  }

  @Test
  void allowsTheMigrationInMaintenanceMode() {
    tester.inventory(s -> VmSites.withVms(s, 100)).plan(Plans.SAFE_ROLLOUT).expectNone();
  }

  @Test
  void allowsAdaptersMovedWithTheHost() {
    tester
        .inventory(s -> VmSites.withVms(s, 100))
        .plan(VmNetworkMismatchTest.MOVED_WITH_THE_HOST)
        .expectNone();
  }
}
