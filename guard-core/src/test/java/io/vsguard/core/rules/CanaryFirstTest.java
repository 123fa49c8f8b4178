package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class CanaryFirstTest {
  private final RuleTester tester = RuleTester.of(new CanaryFirst());

  @Test
  void blocksAPushWithNoCanary() {
    tester
        .plan(Plans.NAIVE_MIGRATION)
        .expectFinding(null, "all 4 hosts change together; there is no canary host")
        .check();
  }

  @Test
  void blocksAFirstWaveOfSeveralHosts() {
    tester
        .plan(Plans.staged("{cluster: prod}", Plans.GATE, "esx-01, esx-02", "esx-03", "esx-04"))
        .expectFinding(null, "the first wave, w1, has 2 hosts")
        .check();
  }

  @Test
  void blocksWavesWithoutGates() {
    tester
        .plan(Plans.staged("{cluster: prod}", null, "esx-01", "esx-02", "esx-03", "esx-04"))
        .expectFinding(null, "wave w1 is followed by wave w2 with no gate")
        .expectFinding(null, "wave w2 is followed by wave w3 with no gate")
        .expectFinding(null, "wave w3 is followed by wave w4 with no gate")
        .check();
  }

  @Test
  void blocksAGateWithoutSoakTime() {
    tester
        .plan(
            Plans.staged(
                "[esx-01, esx-02]",
                "{soakMinutes: 0, checks: [host-connected]}",
                "esx-01",
                "esx-02"))
        .expectFinding(null, "wave w1 is followed by wave w2 with no gate")
        .check();
  }

  @Test
  void allowsACanaryThenGatedWaves() {
    tester.plan(Plans.SAFE_ROLLOUT).expectNone();
  }
}
