package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RolloutStepInvalidTest {
  private final RuleTester tester = RuleTester.of(new RolloutStepInvalid());

  @Test
  void blocksMovingAPnicToASwitchTheHostHasNotJoined() {
    tester
        .inventory(
            s ->
                s.replace(
                    "      - host: esx-01\n        pnics: [{device: vmnic2, uplink: uplink1}]\n",
                    ""))
        .plan(Plans.staged("[esx-01]", null, "esx-01"))
        .expectFinding(
            "esx-01",
            "step 8: cannot apply wave w1, step 8 (move-vmkernel vmk0 -> DVS-New / pg-mgmt-new) on esx-01"
                + " as written: esx-01 is not a member of DVS-New; it must join the switch (add-to-switch) before vmk0 can"
                + " move there. The simulation assumes the join was meant and goes on")
        .check();
  }

  /**
   * The forgotten join is taken as done, so the direct move off the LACP switch after it is still
   * found.
   */
  @Test
  void goesOnPastAForgottenJoinAndReportsTheHazardAfterIt() {
    UnaryOperator<String> notJoined =
        s ->
            s.replace(
                "      - host: esx-01\n        pnics: [{device: vmnic2, uplink: uplink1}]\n", "");
    String forgot =
        Plans.stagedWith(
            """
                  - {op: enter-maintenance}
                  - {op: move-pnic, pnic: vmnic1, to: DVS-New, uplink: uplink3}
                  - {op: move-vmkernel, vmk: vmk0, to: DVS-New, portgroup: pg-mgmt-new}
                  - {op: move-vmkernel, vmk: vmk1, to: DVS-New, portgroup: pg-vmotion-new}
                  - {op: move-pnic, pnic: vmnic0, to: DVS-New, uplink: uplink2}
                  - {op: remove-from-switch, switch: DVS-LACP}
                  - {op: exit-maintenance}
        """,
            "[esx-01]",
            null,
            "esx-01");
    tester
        .inventory(notJoined)
        .plan(forgot)
        .expectFinding(
            "esx-01",
            "step 2 (move-pnic vmnic1 -> DVS-New (uplink3)) on esx-01 as written: esx-01 is not a"
                + " member of DVS-New; it must join the switch (add-to-switch) before vmnic1 can move there. The simulation"
                + " assumes the join was meant and goes on")
        .check();
    RuleTester.of(new LacpDirectMigration())
        .inventory(notJoined)
        .plan(forgot)
        .expectFinding("esx-01", "pnic vmnic1 moves from LACP switch DVS-LACP straight to DVS-New")
        .check();
  }

  @Test
  void aSwitchLevelWaveNamingAChangeOfAnotherSwitchIsInvalid() {
    tester
        .plan(
            """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-T}
        spec:
          changes:
          - {id: c1, action: set-mtu, switch: DVS-New, mtu: 9000}
          rollout:
            waves:
            - name: mtu
              switch: DVS-LACP
              steps:
              - {op: reconfigure-switch, change: c1}
        """)
        .expectFinding(null, "c1 changes DVS-New, not DVS-LACP")
        .check();
  }

  @Test
  void blocksRemovingAStandardSwitchThatStillCarriesAVmkernel() {
    tester
        .plan(
            Plans.stagedWith(
                Plans.steps(
                    s ->
                        s.replace(
                                "- {op: move-vmkernel, vmk: vmk1, to: DVS-New, portgroup: pg-vmotion-new}\n",
                                "")
                            .replace("- {op: remove-from-switch, switch: DVS-LACP}\n", "")),
                "[esx-01]",
                null,
                "esx-01"))
        .expectFinding(
            "esx-01", "ESXi refuses to remove vSwitch-mig while vmk1 are connected to it")
        .check();
  }

  @Test
  void blocksAPnicTheHostDoesNotHave() {
    tester
        .plan(
            Plans.stagedWith(
                Plans.steps(
                    s -> s.replace("pnic: vmnic1, to: \"standard", "pnic: vmnic7, to: \"standard")),
                "[esx-01]",
                null,
                "esx-01"))
        .expectFinding(
            "esx-01",
            "step 3: cannot apply wave w1, step 3 (move-pnic vmnic7 -> standard:vSwitch-mig) on esx-01: esx-01 has no pnic vmnic7")
        .check();
  }

  @Test
  void allowsASequenceWhosePreconditionsAllHold() {
    tester.plan(Plans.SAFE_ROLLOUT).expectNone();
  }
}
