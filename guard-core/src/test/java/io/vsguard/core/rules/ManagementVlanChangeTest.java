package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class ManagementVlanChangeTest {
  private final RuleTester tester = RuleTester.of(new ManagementVlanChange());

  /** The target's management portgroup is on VLAN 999; vmk0's address lives on VLAN 10. */
  private static String vlan999(String inventory) {
    return inventory.replace(
        "{name: pg-mgmt-new, key: dvportgroup-11, vlan: 10,",
        "{name: pg-mgmt-new, key: dvportgroup-11, vlan: 999,");
  }

  @Test
  void blocksAStagedRolloutThatMovesManagementToAnotherVlan() {
    tester
        .inventory(ManagementVlanChangeTest::vlan999)
        .plan(Plans.staged("[esx-01, esx-02]", Plans.GATE, "esx-01", "esx-02"))
        .expectFinding(
            "esx-01",
            "wave w1 step 8: after wave w1, step 8 (move-vmkernel vmk0 -> DVS-New / pg-mgmt-new)"
                + " on esx-01, management vmkernel vmk0 of esx-01 is on DVS-New / pg-mgmt-new, VLAN 999, but its address"
                + " is on VLAN 10; the host drops off vCenter")
        .expectFinding("esx-02", "wave w2 step 8:")
        .check();
  }

  @Test
  void blocksAReaddressToAnotherVlanThanTheOneItLandsOn() {
    tester
        .inventory(ManagementVlanChangeTest::vlan999)
        .plan(
            Plans.staged("[esx-01]", null, "esx-01")
                .replace(
                    "vmkernels: {vmk0: pg-mgmt-new, vmk1: pg-vmotion-new}",
                    "vmkernels: {vmk0: pg-mgmt-new, vmk1: pg-vmotion-new}\n      readdress: {vmk0: {vlan: 998}}"))
        .expectFinding("esx-01", "and the plan re-addresses it to VLAN 998")
        .check();
  }

  @Test
  void allowsTheSameVlan() {
    tester.plan(Plans.SAFE_ROLLOUT).expectNone();
  }

  @Test
  void allowsADeclaredReaddressing() {
    tester
        .inventory(ManagementVlanChangeTest::vlan999)
        .plan(
            Plans.staged("[esx-01]", null, "esx-01")
                .replace(
                    "vmkernels: {vmk0: pg-mgmt-new, vmk1: pg-vmotion-new}",
                    "vmkernels: {vmk0: pg-mgmt-new, vmk1: pg-vmotion-new}\n"
                        + "      readdress: {vmk0: {vlan: 999, subnet: 10.9.99.0/24}}"))
        .expectNone();
  }

  @Test
  void allowsATrunkThatCarriesTheVlan() {
    tester
        .inventory(
            s ->
                s.replace(
                    "{name: pg-mgmt-new, key: dvportgroup-11, vlan: 10,",
                    "{name: pg-mgmt-new, key: dvportgroup-11, vlanTrunk: [{start: 1, end: 100}],"))
        .plan(Plans.staged("[esx-01]", null, "esx-01"))
        .expectNone();
  }
}
