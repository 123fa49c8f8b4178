package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class StandardPortgroupAssumedTest {
  private final RuleTester tester = RuleTester.of(new StandardPortgroupAssumed());

  @Test
  void warnsOnAPlanWrittenBeforeTheSwitchNamedItsPortgroups() {
    tester
        .plan(
            Plans.staged("[esx-01]", null, "esx-01")
                .replace(Plans.CREATE_TRANSIT, Plans.CREATE_TRANSIT_OLD))
        .expectFinding(
            "esx-01",
            "wave w1 step 4: at wave w1, step 4 (move-vmkernel vmk0 -> standard:vSwitch-mig / mgmt)"
                + " on esx-01, the plan does not say what portgroup mgmt of vSwitch-mig carries; assumed VLAN 10, as the"
                + " portgroup vmk0 leaves")
        .check();
  }

  @Test
  void allowsATemporarySwitchThatNamesItsPortgroups() {
    tester.plan(Plans.staged("[esx-01]", null, "esx-01")).expectNone();
  }
}
