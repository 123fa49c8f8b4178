package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class LagPnicFitTest {
  private final RuleTester tester = RuleTester.of(new LagPnicFit());

  private static final String ONTO_LAG =
      Plans.NAIVE_MIGRATION
          .replace("from: DVS-LACP", "from: DVS-New")
          .replace("to: DVS-New", "to: DVS-LACP")
          .replace("{cluster: prod}", "[esx-01]")
          .replace("vmkernels: {vmk0: pg-mgmt-new, vmk1: pg-vmotion-new}", "vmkernels: {}");

  /** esx-01 without its two pnics on DVS-LACP's lag1. */
  private static final java.util.function.UnaryOperator<String> NEW_TO_THE_SWITCH =
      s ->
          s.replace(
              "      - host: esx-01\n        pnics: [{device: vmnic0, uplink: lag1-0}, {device: vmnic1, uplink: lag1-1}]\n",
              "");

  @Test
  void warnsWhenALagGetsFewerPnicsThanItsPorts() {
    tester
        .inventory(NEW_TO_THE_SWITCH)
        .plan(
            ONTO_LAG.replace(
                "uplinks: {vmnic0: uplink2, vmnic1: uplink3}", "uplinks: {vmnic2: lag1}"))
        .expectFinding("esx-01", "on esx-01, LAG lag1 of DVS-LACP gets only 1 pnic, no aggregation")
        .check();
  }

  @Test
  void warnsOnALagResizedBelowTwo() {
    tester
        .plan(
            """
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
  void warnsOnALagLeftPartlyFilled() {
    // esx-01 already has vmnic0 and vmnic1 on lag1-0 and lag1-1; one more pnic leaves a 4-port LAG
    // at 3.
    tester
        .inventory(
            s ->
                s.replace(
                    "lags: [{name: lag1, mode: active, uplinkCount: 2",
                    "lags: [{name: lag1, mode: active, uplinkCount: 4"))
        .plan(
            ONTO_LAG.replace(
                "uplinks: {vmnic0: uplink2, vmnic1: uplink3}", "uplinks: {vmnic2: lag1-2}"))
        .expectFinding(
            "esx-01", "on esx-01, LAG lag1 of DVS-LACP gets 3 pnics for a LAG of 4 ports")
        .check();
  }

  @Test
  void allowsAChangeThatCompletesAHalfFilledLag() {
    tester
        .inventory(
            s ->
                s.replace(
                    "lags: [{name: lag1, mode: active, uplinkCount: 2",
                    "lags: [{name: lag1, mode: active, uplinkCount: 4"))
        .plan(
            ONTO_LAG.replace(
                "uplinks: {vmnic0: uplink2, vmnic1: uplink3}",
                "uplinks: {vmnic2: lag1-2, vmnic3: lag1-3}"))
        .expectNone();
  }

  @Test
  void allowsAFullLagOnAHostNewToTheSwitch() {
    tester
        .inventory(NEW_TO_THE_SWITCH)
        .plan(
            ONTO_LAG.replace(
                "uplinks: {vmnic0: uplink2, vmnic1: uplink3}",
                "uplinks: {vmnic2: lag1-0, vmnic3: lag1-1}"))
        .expectNone();
  }

  private static io.vsguard.core.rule.Parameters maxLags(int n) {
    io.vsguard.core.rule.Parameters p = io.vsguard.core.rule.Parameters.DEFAULTS;
    return new io.vsguard.core.rule.Parameters(
        p.maxWaveHosts(),
        p.maxWavePercent(),
        p.soakMinutes(),
        p.maxInventoryAgeMinutes(),
        p.defaultHostFailuresTolerated(),
        n,
        p.maxPortsPerLag(),
        p.requireWindow(),
        p.gateChecks());
  }

  @Test
  void warnsWhenHostsJoinASwitchWithMoreLagsThanTheSiteAllows() {
    tester
        .params(maxLags(0))
        .plan(
            ONTO_LAG.replace(
                "uplinks: {vmnic0: uplink2, vmnic1: uplink3}",
                "uplinks: {vmnic2: uplink2, vmnic3: uplink3}"))
        .expectFinding(
            null,
            "hosts join DVS-LACP, which has 1 LAGs, over the site's maximum of 0 (maxLagsPerSwitch)")
        .check();
  }

  @Test
  void allowsJoiningASwitchWithinTheLagLimit() {
    tester
        .params(maxLags(1))
        .plan(
            ONTO_LAG.replace(
                "uplinks: {vmnic0: uplink2, vmnic1: uplink3}",
                "uplinks: {vmnic2: uplink2, vmnic3: uplink3}"))
        .expectNone();
  }
}
