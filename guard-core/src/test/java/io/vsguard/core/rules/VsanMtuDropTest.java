package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class VsanMtuDropTest {
  private final RuleTester tester = RuleTester.of(new VsanMtuDrop());

  @Test
  void blocksWhenVsanMovesToA1500Switch() {
    tester
        .inventory(s -> VmkernelMtuDropTest.jumbo(s, "[vsan]", 1500))
        .plan(Plans.staged("[esx-01]", null, "esx-01"))
        .expectFinding(
            "esx-01",
            "vmkernel vmk1 (vsan) of esx-01 uses MTU 9000 but DVS-New / pg-vmotion-new has MTU 1500")
        .check();
  }

  @Test
  void allowsTheSameMtuAndLeavesVmotionToItsOwnRule() {
    tester
        .inventory(s -> VmkernelMtuDropTest.jumbo(s, "[vsan]", 9000))
        .plan(Plans.staged("[esx-01]", null, "esx-01"))
        .expectNone();
    tester
        .inventory(s -> VmkernelMtuDropTest.jumbo(s, "[vmotion]", 1500))
        .plan(Plans.staged("[esx-01]", null, "esx-01"))
        .expectNone();
  }
}
