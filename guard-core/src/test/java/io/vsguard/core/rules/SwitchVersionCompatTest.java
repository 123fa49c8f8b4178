package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class SwitchVersionCompatTest {
  private final RuleTester tester = RuleTester.of(new SwitchVersionCompat());

  private static final String UPGRADE =
      """
      apiVersion: vsguard/v1
      kind: ChangePlan
      metadata: {id: CHG-U}
      spec:
        changes:
          - {id: c1, action: upgrade-switch, switch: DVS-New, version: 6.5.0}
      """;

  @Test
  void blocksAnUpgradePastTheMembersEsxiVersion() {
    tester
        .inventory(s -> s.replaceFirst("version: 6.0.0\n    build", "version: 6.5.0\n    build"))
        .plan(UPGRADE)
        .expectFinding(
            "esx-02", "esx-02 runs ESXi 6.0.0 and is a member of DVS-New at version 6.5.0")
        .expectFinding("esx-03", "runs ESXi 6.0.0")
        .expectFinding("esx-04", "runs ESXi 6.0.0")
        .check();
  }

  @Test
  void blocksJoiningASwitchNewerThanTheHost() {
    tester
        .inventory(
            s ->
                s.replace(
                    "name: DVS-New\n    datacenter: Paris\n    version: 6.0.0",
                    "name: DVS-New\n    datacenter: Paris\n    version: 6.5.0"))
        .plan(Plans.NAIVE_MIGRATION.replace("{cluster: prod}", "[esx-01]"))
        .expectFinding("esx-01", "esx-01 runs ESXi 6.0.0 and would join DVS-New at version 6.5.0")
        .check();
  }

  @Test
  void allowsAnUpgradeEveryMemberSupports() {
    tester
        .inventory(s -> s.replace("version: 6.0.0\n    build", "version: 6.7.0\n    build"))
        .plan(UPGRADE)
        .expectNone();
  }

  @Test
  void blocksWhenTheSnapshotDoesNotSayWhichEsxiAHostRuns() {
    tester
        .inventory(
            s ->
                s.replace("version: 6.0.0\n    build", "version: 6.7.0\n    build")
                    .replaceFirst("version: 6.7.0\n    build", "build"))
        .plan(UPGRADE)
        .expectFinding(
            "esx-01",
            "the snapshot gives no version for host esx-01, so it cannot show that esx-01 supports"
                + " DVS-New at version 6.5.0")
        .check();
  }
}
