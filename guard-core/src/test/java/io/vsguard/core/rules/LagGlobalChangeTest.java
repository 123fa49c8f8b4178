package io.vsguard.core.rules;

import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class LagGlobalChangeTest {
  private final RuleTester tester = RuleTester.of(new LagGlobalChange());

  private static String plan(String change) {
    return """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-LAG}
        spec:
          changes:
            - %s
        """
        .formatted(change);
  }

  @Test
  void blocksALagEditOnASharedLacpSwitch() {
    tester
        .plan(
            plan(
                "{id: c1, action: reconfigure-lag, switch: DVS-LACP, lag: lag1, set: {mode: passive}}"))
        .expectFinding(
            null,
            "reconfigure-lag on DVS-LACP is applied to the LACP configuration of all 4 member hosts")
        .check();
  }

  @Test
  void blocksASwitchUpgradeOfAnLacpSwitch() {
    tester
        .plan(plan("{id: c1, action: upgrade-switch, switch: DVS-LACP, version: 6.5.0}"))
        .expectFinding(null, "upgrade-switch on DVS-LACP")
        .check();
  }

  @Test
  void blocksEverySwitchWideChangeOfAnLacpSwitch() {
    tester
        .plan(plan("{id: c1, action: set-mtu, switch: DVS-LACP, mtu: 9000}"))
        .expectFinding(null, "set-mtu on DVS-LACP")
        .check();
    tester
        .plan(plan("{id: c1, action: set-vlan, switch: DVS-LACP, portgroup: pg-vmotion, vlan: 21}"))
        .expectFinding(null, "set-vlan on DVS-LACP")
        .check();
    tester
        .plan(
            plan(
                "{id: c1, action: set-teaming, switch: DVS-LACP, portgroup: pg-vmotion,"
                    + " teaming: {policy: loadbalance_ip, active: [lag1], standby: []}}"))
        .expectFinding(null, "set-teaming on DVS-LACP")
        .check();
  }

  @Test
  void allowsAnUpgradeOfASwitchWithoutLacp() {
    tester
        .plan(plan("{id: c1, action: upgrade-switch, switch: DVS-New, version: 6.5.0}"))
        .expectNone();
  }

  @Test
  void allowsALagEditWhenOnlyOneHostIsAMember() {
    tester
        .inventory(
            s ->
                s.replaceAll(
                        "(?m)^      - host: esx-0[234]\\n        pnics: \\[\\{device: vmnic0, uplink: lag1-0\\}, \\{device: vmnic1, uplink: lag1-1\\}\\]\\n",
                        "")
                    .replaceAll("(?m)^      - \\{device: vmk[01], switch: DVS-LACP.*\\n", ""))
        .plan(
            plan(
                "{id: c1, action: reconfigure-lag, switch: DVS-LACP, lag: lag1, set: {mode: passive}}"))
        .expectNone();
  }
}
