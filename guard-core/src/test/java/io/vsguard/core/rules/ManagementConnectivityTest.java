package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class ManagementConnectivityTest {
  private final RuleTester tester = RuleTester.of(new ManagementConnectivity());

  @Test
  void blocksTheNaivePushThatMovesPnicsBeforeTheVmkernel() {
    tester
        .plan(Plans.NAIVE_MIGRATION.replace("{cluster: prod}", "[esx-01, esx-02]"))
        .expectFinding(
            "esx-01",
            "step 2: after step 2 of the all-at-once push (move-pnic vmnic1 -> DVS-New (uplink3))"
                + " on esx-01, management vmkernel vmk0 on DVS-LACP / pg-mgmt has no pnic")
        .expectFinding("esx-02", "step 2:")
        .check();
  }

  @Test
  void blocksARolloutThatMovesTheLastPnicBeforeTheManagementVmkernel() {
    String vmksAfterLastPnic =
        Plans.steps(
            s ->
                s.replace(
                    """
        - {op: move-vmkernel, vmk: vmk0, to: "standard:vSwitch-mig", portgroup: mgmt}
        - {op: move-vmkernel, vmk: vmk1, to: "standard:vSwitch-mig", portgroup: vmotion}
        - {op: move-pnic, pnic: vmnic0, to: "standard:vSwitch-mig"}
        """,
                    """
        - {op: move-pnic, pnic: vmnic0, to: "standard:vSwitch-mig"}
        - {op: move-vmkernel, vmk: vmk0, to: "standard:vSwitch-mig", portgroup: mgmt}
        - {op: move-vmkernel, vmk: vmk1, to: "standard:vSwitch-mig", portgroup: vmotion}
        """));
    tester
        .plan(Plans.stagedWith(vmksAfterLastPnic, "[esx-01]", null, "esx-01"))
        .expectFinding(
            "esx-01",
            "wave w1 step 4: after wave w1, step 4 (move-pnic vmnic0 -> standard:vSwitch-mig)")
        .check();
  }

  @Test
  void blocksATeamingChangeThatLeavesManagementOnAnUnusedUplink() {
    tester
        .plan(
            """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-T}
        spec:
          changes:
            - id: c1
              action: set-teaming
              switch: DVS-New
              portgroup: pg-mgmt-new
              teaming: {policy: failover_explicit, active: [uplink3], standby: []}
        """)
        .inventory(
            s ->
                s.replace(
                    "{device: vmk0, switch: DVS-LACP, portgroup: pg-mgmt,",
                    "{device: vmk0, switch: DVS-New, portgroup: pg-mgmt-new,"))
        .expectFinding("esx-01", "management vmkernel vmk0 on DVS-New / pg-mgmt-new has no pnic")
        .expectFinding("esx-02", "management vmkernel vmk0 on DVS-New / pg-mgmt-new has no pnic")
        .expectFinding("esx-03", "management vmkernel vmk0 on DVS-New / pg-mgmt-new has no pnic")
        .expectFinding("esx-04", "management vmkernel vmk0 on DVS-New / pg-mgmt-new has no pnic")
        .check();
  }

  @Test
  void allowsTheStandardSwitchTransition() {
    tester.plan(Plans.SAFE_ROLLOUT).expectNone();
  }
}
