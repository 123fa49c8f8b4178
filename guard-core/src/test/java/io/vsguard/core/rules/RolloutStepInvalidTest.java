package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class RolloutStepInvalidTest {
  private final RuleTester tester = RuleTester.of(new RolloutStepInvalid());

  @Test
  void blocksMovingAPnicToASwitchTheHostHasNotJoined() {
    tester.inventory(s -> s.replace("      - host: esx-01\n        pnics: [{device: vmnic2, uplink: uplink1}]\n", ""))
        .plan(Plans.staged("[esx-01]", null, "esx-01"))
        .expectFinding("esx-01", "step 8: cannot apply wave w1, step 8 (move-vmkernel vmk0 -> DVS-New / pg-mgmt-new) on esx-01:"
            + " esx-01 is not a member of DVS-New; it must join the switch (add-to-switch)")
        .check();
  }

  @Test
  void blocksRemovingAStandardSwitchThatStillCarriesAVmkernel() {
    tester.plan(Plans.stagedWith(Plans.steps(s -> s.replace("- {op: move-vmkernel, vmk: vmk1, to: DVS-New, portgroup: pg-vmotion-new}\n", "")
            .replace("- {op: remove-from-switch, switch: DVS-LACP}\n", "")), "[esx-01]", null, "esx-01"))
        .expectFinding("esx-01", "ESXi refuses to remove vSwitch-mig while vmk1 are connected to it")
        .check();
  }

  @Test
  void blocksAPnicTheHostDoesNotHave() {
    tester.plan(Plans.stagedWith(Plans.steps(s -> s.replace("pnic: vmnic1, to: \"standard", "pnic: vmnic7, to: \"standard")),
            "[esx-01]", null, "esx-01"))
        .expectFinding("esx-01", "step 3: cannot apply wave w1, step 3 (move-pnic vmnic7 -> standard:vSwitch-mig) on esx-01: esx-01 has no pnic vmnic7")
        .check();
  }

  @Test
  void allowsASequenceWhosePreconditionsAllHold() {
    tester.plan(Plans.SAFE_ROLLOUT).expectNone();
  }
}
