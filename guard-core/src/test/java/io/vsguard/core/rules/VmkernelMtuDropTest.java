package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class VmkernelMtuDropTest {
  private final RuleTester tester = RuleTester.of(new VmkernelMtuDrop());

  /**
   * Jumbo frames on the LACP switch and on vmk1 (vMotion); the target switch's MTU is {@code
   * target}.
   */
  static String jumbo(String inventory, String services, int target) {
    return inventory
        .replace(
            "{device: vmk1, switch: DVS-LACP, portgroup: pg-vmotion, services: [vmotion]}",
            "{device: vmk1, switch: DVS-LACP, portgroup: pg-vmotion, services: "
                + services
                + ", mtu: 9000}")
        .replace(
            "    version: 6.0.0\n    uplinks: [uplink1, uplink2]\n",
            "    version: 6.0.0\n    mtu: 9000\n    uplinks: [uplink1, uplink2]\n")
        .replace(
            "    version: 6.0.0\n    uplinks: [uplink1, uplink2, uplink3]\n",
            "    version: 6.0.0\n    mtu: "
                + target
                + "\n    uplinks: [uplink1, uplink2, uplink3]\n");
  }

  @Test
  void warnsWhenVmotionMovesToA1500Switch() {
    tester
        .inventory(s -> jumbo(s, "[vmotion]", 1500))
        .plan(Plans.staged("[esx-01]", null, "esx-01"))
        .expectFinding(
            "esx-01",
            "wave w1 step 9: after wave w1, step 9 (move-vmkernel vmk1 -> DVS-New / pg-vmotion-new)"
                + " on esx-01, vmkernel vmk1 (vmotion) of esx-01 uses MTU 9000 but DVS-New / pg-vmotion-new has MTU 1500")
        .check();
  }

  @Test
  void warnsWhenTheTemporarySwitchIsGivenASmallerMtu() {
    tester
        .inventory(s -> jumbo(s, "[vmotion]", 9000))
        .plan(
            Plans.staged("[esx-01]", null, "esx-01")
                .replace(
                    Plans.CREATE_TRANSIT,
                    "{op: create-standard-switch, switch: vSwitch-mig, mtu: 1500,"
                        + " portgroups: [{name: mgmt, vlan: 10}, {name: vmotion, vlan: 20}]}"))
        .expectFinding(
            "esx-01",
            "wave w1 step 5: after wave w1, step 5 (move-vmkernel vmk1 -> standard:vSwitch-mig / vmotion)")
        .check();
  }

  @Test
  void allowsTheSameMtuAndLeavesVsanToItsOwnRule() {
    tester
        .inventory(s -> jumbo(s, "[vmotion]", 9000))
        .plan(Plans.staged("[esx-01]", null, "esx-01"))
        .expectNone();
    tester
        .inventory(s -> jumbo(s, "[vsan]", 1500))
        .plan(Plans.staged("[esx-01]", null, "esx-01"))
        .expectNone();
  }
}
