package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class UnknownReferenceTest {
  private final RuleTester tester = RuleTester.of(new UnknownReference());

  @Test
  void blocksAMisspeltSwitch() {
    tester
        .plan(Plans.NAIVE_MIGRATION.replace("to: DVS-New", "to: DVS-new"))
        .expectFinding(null, "no distributed switch named 'DVS-new' in the inventory")
        .check();
  }

  @Test
  void blocksAClusterThatDoesNotExistInsteadOfSelectingNothing() {
    tester
        .plan(Plans.NAIVE_MIGRATION.replace("{cluster: prod}", "{cluster: par-prod}"))
        .expectFinding(null, "no cluster named 'par-prod' in the inventory")
        .check();
  }

  @Test
  void blocksUnknownHostsAndHostsThatAreNotMembers() {
    tester
        .inventory(
            s ->
                s.replace(
                        "      - host: esx-03\n        pnics: [{device: vmnic0, uplink: lag1-0}, "
                            + "{device: vmnic1, uplink: lag1-1}]\n",
                        "")
                    .replace(
                        "      - {device: vmk0, switch: DVS-LACP, portgroup: pg-mgmt, services: [management]}\n"
                            + "      - {device: vmk1, switch: DVS-LACP, portgroup: pg-vmotion, services: [vmotion]}\n    vmCount: 13",
                        "      - {device: vmk0, switch: DVS-New, portgroup: pg-mgmt-new, services: [management]}\n    vmCount: 13"))
        .plan(Plans.NAIVE_MIGRATION.replace("{cluster: prod}", "[esx-01, esx-99, esx-03]"))
        .expectFinding("esx-99", "no host named 'esx-99' in the inventory")
        .expectFinding("esx-03", "host 'esx-03' is not a member of DVS-LACP")
        .check();
  }

  @Test
  void blocksAVmkernelTargetPortgroupTheTargetSwitchLacks() {
    tester
        .plan(
            Plans.NAIVE_MIGRATION
                .replace("{cluster: prod}", "[esx-01]")
                .replace("vmk1: pg-vmotion-new", "vmk1: pg-vmotion"))
        .expectFinding(
            "esx-01", "vmk1 would move to portgroup 'pg-vmotion', which DVS-New does not have")
        .check();
  }

  @Test
  void blocksAnUnknownLag() {
    tester
        .plan(
            """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-L}
        spec:
          changes:
            - {id: c1, action: reconfigure-lag, switch: DVS-LACP, lag: lag2, set: {uplinkCount: 4}}
        """)
        .expectFinding(null, "no LAG named 'lag2' on DVS-LACP")
        .check();
  }

  @Test
  void blocksAnUnknownHostInAWave() {
    tester
        .plan(Plans.staged("[esx-01]", null, "esx-01, esx-9"))
        .expectFinding("esx-9", "wave w1 names host 'esx-9'")
        .check();
  }

  @Test
  void allowsAPlanWhoseNamesAllResolve() {
    tester.plan(Plans.SAFE_ROLLOUT).expectNone();
    tester.plan(Plans.NAIVE_MIGRATION).expectNone();
  }
}
