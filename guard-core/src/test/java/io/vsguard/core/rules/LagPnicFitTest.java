package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class LagPnicFitTest {
  private final RuleTester tester = RuleTester.of(new LagPnicFit());

  private static final String ONTO_LAG = Plans.NAIVE_MIGRATION
      .replace("from: DVS-LACP", "from: DVS-New").replace("to: DVS-New", "to: DVS-LACP")
      .replace("{cluster: prod}", "[esx-01]").replace("vmkernels: {vmk0: pg-mgmt-new, vmk1: pg-vmotion-new}", "vmkernels: {}");

  @Test
  void warnsWhenALagGetsFewerPnicsThanItsPorts() {
    tester.plan(ONTO_LAG.replace("uplinks: {vmnic0: uplink2, vmnic1: uplink3}", "uplinks: {vmnic2: lag1}"))
        .expectFinding("esx-01", "on esx-01, LAG lag1 of DVS-LACP gets only 1 pnic, no aggregation")
        .check();
  }

  @Test
  void warnsOnALagResizedBelowTwo() {
    tester.plan("""
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-R}
        spec:
          changes:
            - {id: c1, action: reconfigure-lag, switch: DVS-LACP, lag: lag1, set: {uplinkCount: 1}}
        """)
        .expectFinding(null, "LAG lag1 set to 1 ports; a LAG needs at least 2 and at most 24")
        .check();
  }

  @Test
  void warnsOnAPartlyFilledLagAndAllowsAFullOne() {
    tester.inventory(s -> s.replace("lags: [{name: lag1, mode: active, uplinkCount: 2", "lags: [{name: lag1, mode: active, uplinkCount: 4"))
        .plan(ONTO_LAG.replace("uplinks: {vmnic0: uplink2, vmnic1: uplink3}", "uplinks: {vmnic2: lag1-2, vmnic3: lag1-3}"))
        .expectFinding("esx-01", "gets 2 pnics for a LAG of 4 ports")
        .check();
    RuleTester.of(new LagPnicFit())
        .plan(ONTO_LAG.replace("uplinks: {vmnic0: uplink2, vmnic1: uplink3}", "uplinks: {vmnic2: lag1-0, vmnic3: lag1-1}"))
        .expectNone();
  }
}
