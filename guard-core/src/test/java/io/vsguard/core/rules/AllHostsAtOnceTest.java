package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import io.vsguard.core.rule.Parameters;
import org.junit.jupiter.api.Test;

class AllHostsAtOnceTest {
  private final RuleTester tester = RuleTester.of(new AllHostsAtOnce());

  @Test
  void blocksAPlanWithoutRolloutThatPushesToTheWholeCluster() {
    tester
        .plan(Plans.NAIVE_MIGRATION)
        .expectFinding(
            null, "pushed to 4 hosts at once: all 4 hosts of cluster prod on the changed switch")
        .check();
  }

  @Test
  void blocksAWaveAboveTheSitePercentage() {
    tester
        .plan(Plans.staged("{cluster: prod}", Plans.GATE, "esx-01", "esx-02, esx-03", "esx-04"))
        .expectFinding(
            null, "wave w2 Wave w2 changes 2 hosts at once: 2 of the 4 hosts of cluster prod")
        .check();
  }

  @Test
  void blocksAWaveAboveMaxWaveHosts() {
    tester
        .params(Parameters.DEFAULTS.withMaxWaveHosts(1))
        .plan(Plans.staged("[esx-01, esx-02]", Plans.GATE, "esx-01, esx-02"))
        .inventory(s -> s.replace("maxWavePercent", "x"))
        .expectFinding(null, "2 hosts in one wave (maxWaveHosts is 1)")
        .check();
  }

  @Test
  void allowsOneHostWaves() {
    tester.plan(Plans.SAFE_ROLLOUT).expectNone();
  }

  @Test
  void allowsASingleHostChangeWithoutRollout() {
    tester.plan(Plans.NAIVE_MIGRATION.replace("{cluster: prod}", "[esx-02]")).expectNone();
  }
}
