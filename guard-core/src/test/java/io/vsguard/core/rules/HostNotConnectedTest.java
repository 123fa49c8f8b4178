package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class HostNotConnectedTest {
  private final RuleTester tester = RuleTester.of(new HostNotConnected());

  @Test
  void blocksAChangeThatReachesADisconnectedHost() {
    tester
        .inventory(
            s ->
                s.replaceFirst(
                    "(name: esx-03[\\s\\S]*?connectionState: )connected", "$1notResponding"))
        .plan(Plans.SAFE_ROLLOUT)
        .expectFinding("esx-03", "esx-03 is notResponding in vCenter")
        .check();
  }

  @Test
  void allowsAChangeThatLeavesTheDisconnectedHostOut() {
    tester
        .inventory(
            s ->
                s.replaceFirst(
                    "(name: esx-03[\\s\\S]*?connectionState: )connected", "$1disconnected"))
        .plan(Plans.NAIVE_MIGRATION.replace("{cluster: prod}", "[esx-01, esx-02]"))
        .expectNone();
  }
}
