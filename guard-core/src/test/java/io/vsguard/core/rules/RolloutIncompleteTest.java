package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class RolloutIncompleteTest {
  private final RuleTester tester = RuleTester.of(new RolloutIncomplete());

  @Test
  void blocksARolloutThatSkipsAnAffectedHost() {
    tester
        .plan(Plans.staged("{cluster: prod}", Plans.GATE, "esx-01", "esx-02", "esx-04"))
        .expectFinding("esx-03", "esx-03 is affected by c1 but is in no wave")
        .check();
  }

  @Test
  void blocksAHostInTwoWaves() {
    tester
        .plan(Plans.staged("[esx-01, esx-02]", Plans.GATE, "esx-01", "esx-02", "esx-02"))
        .expectFinding("esx-02", "esx-02 is in 2 waves")
        .check();
  }

  @Test
  void blocksARolloutThatNeverFinishesTheMigration() {
    tester
        .plan(
            Plans.stagedWith(
                Plans.steps(
                    s ->
                        s.replace(
                                "- {op: move-pnic, pnic: vmnic0, to: \"standard:vSwitch-mig\"}\n",
                                "")
                            .replace("- {op: remove-from-switch, switch: DVS-LACP}\n", "")
                            .replace(
                                "- {op: move-pnic, pnic: vmnic0, to: DVS-New, uplink: uplink2}\n",
                                "")),
                "[esx-01]",
                null,
                "esx-01"))
        .expectFinding("esx-01", "after the rollout, vmnic0 of esx-01 are still on DVS-LACP")
        .check();
  }

  @Test
  void blocksAHostThatNoChangeAffects() {
    tester
        .plan(Plans.staged("[esx-01]", Plans.GATE, "esx-01", "esx-02"))
        .expectFinding("esx-02", "esx-02 is in a wave but no change of the plan affects it")
        .check();
  }

  @Test
  void allowsACompleteRollout() {
    tester.plan(Plans.SAFE_ROLLOUT).expectNone();
  }

  @Test
  void doesNotApplyToPlansWithoutRollout() {
    tester.plan(Plans.NAIVE_MIGRATION).expectNone();
  }
}
