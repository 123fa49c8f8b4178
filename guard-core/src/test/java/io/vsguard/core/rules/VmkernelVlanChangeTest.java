package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class VmkernelVlanChangeTest {
  private final RuleTester tester = RuleTester.of(new VmkernelVlanChange());

  @Test
  void warnsWhenVmotionLandsOnAnotherVlan() {
    tester
        .inventory(
            s ->
                s.replace(
                    "{name: pg-vmotion-new, key: dvportgroup-12, vlan: 20}",
                    "{name: pg-vmotion-new, key: dvportgroup-12, vlan: 21}"))
        .plan(Plans.staged("[esx-01]", null, "esx-01"))
        .expectFinding(
            "esx-01",
            "wave w1 step 9: after wave w1, step 9 (move-vmkernel vmk1 -> DVS-New / pg-vmotion-new)"
                + " on esx-01, vmkernel vmk1 (vmotion) of esx-01 is on DVS-New / pg-vmotion-new, VLAN 21, instead of"
                + " VLAN 20")
        .check();
  }

  @Test
  void allowsTheSameVlanAndLeavesManagementToItsOwnRule() {
    tester.plan(Plans.SAFE_ROLLOUT).expectNone();
    tester
        .inventory(
            s ->
                s.replace(
                    "{name: pg-mgmt-new, key: dvportgroup-11, vlan: 10,",
                    "{name: pg-mgmt-new, key: dvportgroup-11, vlan: 999,"))
        .plan(Plans.staged("[esx-01]", null, "esx-01"))
        .expectNone();
  }
}
