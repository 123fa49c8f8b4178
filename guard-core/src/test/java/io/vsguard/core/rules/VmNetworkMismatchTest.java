package io.vsguard.core.rules;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import io.vsguard.core.VmSites;
import org.junit.jupiter.api.Test;

class VmNetworkMismatchTest {
  private final RuleTester tester = RuleTester.of(new VmNetworkMismatch());

  /** The VMs' adapters move with the host: to the temporary switch, then to pg-web-new. */
  static final String MOVED_WITH_THE_HOST =
      Plans.stagedWith(
          Plans.steps(
              s ->
                  s.replace("- {op: enter-maintenance}\n", "")
                      .replace("- {op: exit-maintenance}\n", "")
                      .replace(
                          Plans.CREATE_TRANSIT,
                          "{op: create-standard-switch, switch: vSwitch-mig, portgroups: [{name: mgmt, vlan: 10},"
                              + " {name: vmotion, vlan: 20}, {name: pg-web, vlan: 100}]}")
                      .replace(
                          "- {op: move-vmkernel, vmk: vmk1, to: \"standard:vSwitch-mig\", portgroup: vmotion}\n",
                          "- {op: move-vmkernel, vmk: vmk1, to: \"standard:vSwitch-mig\", portgroup: vmotion}\n"
                              + "- {op: move-vm-adapters, from: DVS-LACP, portgroup: pg-web, to: \"standard:vSwitch-mig\"}\n")
                      .replace(
                          "- {op: move-pnic, pnic: vmnic0, to: DVS-New, uplink: uplink2}\n",
                          "- {op: move-pnic, pnic: vmnic0, to: DVS-New, uplink: uplink2}\n"
                              + "- {op: move-vm-adapters, from: \"standard:vSwitch-mig\", portgroup: pg-web, to: DVS-New,"
                              + " toPortgroup: pg-web-new}\n")),
          "[esx-01]",
          null,
          "esx-01");

  @Test
  void warnsWhenTheTargetPortgroupIsOnAnotherVlan() {
    tester
        .inventory(s -> VmSites.withVms(s, 200))
        .plan(MOVED_WITH_THE_HOST)
        .expectFinding(
            "esx-01",
            "wave w1 step 11: after wave w1, step 11 (move-vm-adapters standard:vSwitch-mig / pg-web"
                + " -> DVS-New / pg-web-new) on esx-01, VM adapters of esx-01 are not on the network they were on: 2 on"
                + " DVS-LACP / pg-web (web-01 Network adapter 1) now on DVS-New / pg-web-new: VLAN 200 instead of VLAN 100")
        .check();
  }

  @Test
  void allowsTheSameVlan() {
    tester.inventory(s -> VmSites.withVms(s, 100)).plan(MOVED_WITH_THE_HOST).expectNone();
  }
}
