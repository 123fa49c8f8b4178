package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class ClusterCapacityTest {
  private final RuleTester tester = RuleTester.of(new ClusterCapacity());

  @Test
  void blocksTwoHostsInMaintenanceWhenHaToleratesOne() {
    tester
        .plan(Plans.staged("{cluster: prod}", Plans.GATE, "esx-01", "esx-02, esx-03", "esx-04"))
        .expectFinding(
            null, "wave w2 puts 2 hosts of cluster prod in maintenance mode; HA tolerates 1")
        .check();
  }

  @Test
  void countsHostsAlreadyInMaintenance() {
    tester
        .inventory(s -> s.replaceFirst("(name: esx-03[\\s\\S]*?maintenanceMode: )false", "$1true"))
        .plan(Plans.staged("[esx-01]", null, "esx-01"))
        .expectFinding(
            null,
            "wave w1 puts 1 hosts of cluster prod in maintenance mode (1 already are); HA tolerates 1")
        .check();
  }

  @Test
  void allowsOneHostAtATime() {
    tester.plan(Plans.SAFE_ROLLOUT).expectNone();
  }

  @Test
  void allowsTwoHostsWhenHaToleratesTwo() {
    tester
        .inventory(s -> s.replace("haHostFailuresTolerated: 1", "haHostFailuresTolerated: 2"))
        .plan(Plans.staged("{cluster: prod}", Plans.GATE, "esx-01", "esx-02, esx-03", "esx-04"))
        .expectNone();
  }
}
