package io.vsguard.core.rules;

import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class LacpDirectMigrationTest {
  private final RuleTester tester = RuleTester.of(new LacpDirectMigration());

  @Test
  void blocksTheIncidentPushToEveryHost() {
    tester
        .plan(
            """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-1}
        spec:
          changes:
            - id: c1
              action: migrate-hosts
              from: DVS-LACP
              to: DVS-New
              hosts: {cluster: prod}
              uplinks: {vmnic0: uplink2, vmnic1: uplink3}
              vmkernels: {vmk0: pg-mgmt-new, vmk1: pg-vmotion-new}
        """)
        .expectFinding("esx-01", "step 1: pnic vmnic0 moves from LACP switch DVS-LACP")
        .expectFinding("esx-02", "step 1: pnic vmnic0")
        .expectFinding("esx-03", "step 1: pnic vmnic0")
        .expectFinding("esx-04", "step 1: pnic vmnic0")
        .check();
  }

  @Test
  void blocksAHandWrittenRolloutThatMovesPnicsStraightToTheTarget() {
    tester
        .plan(
            """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-2}
        spec:
          changes:
            - {id: c1, action: migrate-hosts, from: DVS-LACP, to: DVS-New, hosts: [esx-01]}
          rollout:
            waves:
              - name: canary
                hosts: [esx-01]
                steps:
                  - {op: enter-maintenance}
                  - {op: move-pnic, pnic: vmnic1, to: DVS-New, uplink: uplink2}
                  - {op: move-vmkernel, vmk: vmk0, to: DVS-New, portgroup: pg-mgmt-new}
        """)
        .expectFinding(
            "esx-01",
            "wave canary step 2: pnic vmnic1 moves from LACP switch DVS-LACP straight to DVS-New")
        .check();
  }

  @Test
  void seesThroughDetachingFirstAndAttachingLater() {
    tester
        .plan(
            """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-3}
        spec:
          changes:
            - {id: c1, action: migrate-hosts, from: DVS-LACP, to: DVS-New, hosts: [esx-01]}
          rollout:
            waves:
              - name: canary
                hosts: [esx-01]
                steps:
                  - {op: enter-maintenance}
                  - {op: create-standard-switch, switch: vSwitch-mig}
                  - {op: move-vmkernel, vmk: vmk0, to: "standard:vSwitch-mig", portgroup: mgmt}
                  - {op: move-vmkernel, vmk: vmk1, to: "standard:vSwitch-mig", portgroup: vmotion}
                  - {op: remove-from-switch, switch: DVS-LACP}
                  - {op: move-pnic, pnic: vmnic0, to: DVS-New, uplink: uplink2}
        """)
        .expectFinding(
            "esx-01",
            "step 6: pnic vmnic0 moves from LACP switch DVS-LACP (detached from it earlier")
        .check();
  }

  @Test
  void allowsTheTransitionThroughAStandardSwitch() {
    tester
        .plan(
            """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-4}
        spec:
          changes:
            - {id: c1, action: migrate-hosts, from: DVS-LACP, to: DVS-New, hosts: [esx-01]}
          rollout:
            waves:
              - name: canary
                hosts: [esx-01]
                steps:
                  - {op: enter-maintenance}
                  - {op: create-standard-switch, switch: vSwitch-mig}
                  - {op: move-pnic, pnic: vmnic1, to: "standard:vSwitch-mig"}
                  - {op: move-vmkernel, vmk: vmk0, to: "standard:vSwitch-mig", portgroup: mgmt}
                  - {op: move-vmkernel, vmk: vmk1, to: "standard:vSwitch-mig", portgroup: vmotion}
                  - {op: move-pnic, pnic: vmnic0, to: "standard:vSwitch-mig"}
                  - {op: remove-from-switch, switch: DVS-LACP}
                  - {op: move-vmkernel, vmk: vmk0, to: DVS-New, portgroup: pg-mgmt-new}
                  - {op: move-vmkernel, vmk: vmk1, to: DVS-New, portgroup: pg-vmotion-new}
                  - {op: move-pnic, pnic: vmnic0, to: DVS-New, uplink: uplink2}
                  - {op: move-pnic, pnic: vmnic1, to: DVS-New, uplink: uplink3}
                  - {op: remove-standard-switch, switch: vSwitch-mig}
                  - {op: exit-maintenance}
        """)
        .expectNone();
  }

  @Test
  void allowsLeavingASwitchWithoutLacp() {
    tester
        .plan(
            """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-5}
        spec:
          changes:
            - {id: c1, action: migrate-hosts, from: DVS-New, to: DVS-LACP, hosts: [esx-01], uplinks: {vmnic2: lag1}}
        """)
        .expectNone();
  }
}
