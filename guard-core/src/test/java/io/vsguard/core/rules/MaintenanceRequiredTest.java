package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class MaintenanceRequiredTest {
  private final RuleTester tester = RuleTester.of(new MaintenanceRequired());

  @Test
  void blocksMovingLacpPnicsUnderRunningVms() {
    tester
        .plan(Plans.NAIVE_MIGRATION.replace("{cluster: prod}", "[esx-01]"))
        .expectFinding("esx-01", "step 1: pnic vmnic0 of esx-01 moves off LACP switch DVS-LACP")
        .check();
  }

  @Test
  void blocksWhenMaintenanceModeComesTooLate() {
    tester
        .plan(
            Plans.stagedWith(
                Plans.steps(
                    s ->
                        s.replace("- {op: enter-maintenance}\n", "")
                            .replace("- {op: verify}", "- {op: enter-maintenance}")),
                "[esx-01]",
                null,
                "esx-01"))
        .expectFinding(
            "esx-01",
            "step 2: pnic vmnic1 of esx-01 moves off LACP switch DVS-LACP at wave w1, step 2")
        .check();
  }

  @Test
  void allowsTheSameMovesInMaintenanceMode() {
    tester.plan(Plans.SAFE_ROLLOUT).expectNone();
  }

  @Test
  void allowsAHostWithoutVms() {
    tester
        .inventory(s -> s.replace("vmCount: 11", "vmCount: 0"))
        .plan(Plans.NAIVE_MIGRATION.replace("{cluster: prod}", "[esx-01]"))
        .expectNone();
  }

  @Test
  void warnsInsteadWhenDrsIsOffAndThePolicyAllowsIt() {
    tester
        .inventory(io.vsguard.core.VmSites::drsOff)
        .params(io.vsguard.core.rule.Parameters.DEFAULTS.withAllowWithoutMaintenance(true))
        .plan(Plans.NAIVE_MIGRATION.replace("{cluster: prod}", "[esx-01]"))
        .expectFinding(
            "esx-01",
            "step 1: pnic vmnic0 of esx-01 moves off LACP switch DVS-LACP at step 1 of the"
                + " all-at-once push (move-pnic vmnic0 -> DVS-New (uplink2)) while 11 VMs are running on it (not in"
                + " maintenance mode); accepted by allowWithoutMaintenance because DRS is off")
        .check()
        .forEach(
            f ->
                org.assertj.core.api.Assertions.assertThat(f.severity())
                    .isEqualTo(io.vsguard.core.rule.Severity.WARN));
  }

  @Test
  void stillBlocksWhenDrsIsOnOrThePolicyDoesNotAllowIt() {
    tester
        .params(io.vsguard.core.rule.Parameters.DEFAULTS.withAllowWithoutMaintenance(true))
        .plan(Plans.NAIVE_MIGRATION.replace("{cluster: prod}", "[esx-01]"))
        .expectFinding("esx-01", "(not in maintenance mode)")
        .check()
        .forEach(
            f ->
                org.assertj.core.api.Assertions.assertThat(f.severity())
                    .isEqualTo(io.vsguard.core.rule.Severity.BLOCK));
    tester
        .inventory(io.vsguard.core.VmSites::drsOff)
        .params(io.vsguard.core.rule.Parameters.DEFAULTS)
        .plan(Plans.NAIVE_MIGRATION.replace("{cluster: prod}", "[esx-01]"))
        .expectFinding("esx-01", "(not in maintenance mode)")
        .check()
        .forEach(
            f ->
                org.assertj.core.api.Assertions.assertThat(f.severity())
                    .isEqualTo(io.vsguard.core.rule.Severity.BLOCK));
  }
}
