package io.vsguard.core.rules;

import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class TeamingLagMixTest {
  private final RuleTester tester = RuleTester.of(new TeamingLagMix());

  private static String teaming(String t) {
    return """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-T}
        spec:
          changes:
            - {id: c1, action: set-teaming, switch: DVS-LACP, portgroup: pg-mgmt, teaming: %s}
        """
        .formatted(t);
  }

  @Test
  void blocksALagMixedWithStandaloneUplinks() {
    tester
        .plan(teaming("{policy: loadbalance_ip, active: [lag1, uplink1], standby: []}"))
        .expectFinding(null, "mixes LAG lag1 with standalone uplinks in active")
        .check();
  }

  @Test
  void blocksStandbyUplinksWhileALagIsActive() {
    tester
        .plan(teaming("{policy: loadbalance_ip, active: [lag1], standby: [uplink1]}"))
        .expectFinding(null, "has standby uplinks (uplink1) while LAG lag1 is active")
        .check();
  }

  @Test
  void blocksTwoActiveLags() {
    tester
        .inventory(
            s ->
                s.replace(
                    "lags: [{name: lag1, mode: active, uplinkCount: 2, loadBalancing: srcDestIpTcpUdpPortVlan}]",
                    "lags: [{name: lag1, mode: active, uplinkCount: 2}, {name: lag2, mode: active, uplinkCount: 2}]"))
        .plan(teaming("{policy: loadbalance_ip, active: [lag1, lag2], standby: []}"))
        .expectFinding(null, "has 2 active LAGs (lag1, lag2)")
        .check();
  }

  @Test
  void allowsOneLagAloneAndAStandbyLagAsTheIntermediateState() {
    tester.plan(teaming("{policy: loadbalance_ip, active: [lag1], standby: []}")).expectNone();
    tester
        .plan(teaming("{policy: failover_explicit, active: [uplink1, uplink2], standby: [lag1]}"))
        .expectNone();
  }
}
