package io.vsguard.core.rules;

import io.vsguard.core.RuleTester;
import org.junit.jupiter.api.Test;

class SwitchWideChangeTest {
  private final RuleTester tester = RuleTester.of(new SwitchWideChange());

  private static String plan(String change) {
    return """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-W}
        spec:
          changes:
            - %s
        """
        .formatted(change);
  }

  @Test
  void warnsOnASwitchWithoutLacpWithWhatTheChangeDoesToEveryMember() {
    tester
        .plan(plan("{id: c1, action: upgrade-switch, switch: DVS-New, version: 6.5.0}"))
        .expectFinding(
            null,
            "upgrade-switch on DVS-New is written by vCenter to all 4 member hosts at once; each"
                + " member's proxy switch is briefly disrupted (VMware KB 434420) and DVS-New cannot go back to 6.0.0."
                + " Export a configuration backup of DVS-New first")
        .check();
    tester
        .plan(plan("{id: c1, action: set-mtu, switch: DVS-New, mtu: 9000}"))
        .expectFinding(
            null, "every uplink's physical switch port must carry frames of 9000 bytes first")
        .check();
    tester
        .plan(
            plan(
                "{id: c1, action: set-vlan, switch: DVS-New, portgroup: pg-vmotion-new, vlan: 121}"))
        .expectFinding(null, "the physical trunk on every host's uplinks must carry VLAN 121 first")
        .check();
    tester
        .plan(
            plan(
                "{id: c1, action: set-teaming, switch: DVS-New, portgroup: pg-vmotion-new,"
                    + " teaming: {policy: loadbalance_srcid, active: [uplink1], standby: [uplink2]}}"))
        .expectFinding(
            null, "portgroup pg-vmotion-new fails over to the new uplink order on every member")
        .check();
  }

  @Test
  void saysLoweringTheMtuDropsJumboFrames() {
    tester
        .inventory(
            s ->
                s.replace(
                    "    name: DVS-New\n    datacenter: Paris\n    version: 6.0.0\n",
                    "    name: DVS-New\n    datacenter: Paris\n    version: 6.0.0\n    mtu: 9000\n"))
        .plan(plan("{id: c1, action: set-mtu, switch: DVS-New, mtu: 1500}"))
        .expectFinding(
            null,
            "lowering the MTU from 9000 to 1500 drops the traffic of vmkernel adapters and VMs still"
                + " sending jumbo frames")
        .check();
  }

  @Test
  void leavesAnLacpSwitchWithSeveralMembersToLagGlobalChange() {
    tester.plan(plan("{id: c1, action: set-mtu, switch: DVS-LACP, mtu: 9000}")).expectNone();
    tester
        .plan(plan("{id: c1, action: upgrade-switch, switch: DVS-LACP, version: 6.5.0}"))
        .expectNone();
  }

  @Test
  void allowsPerHostChanges() {
    tester
        .plan(plan("{id: c1, action: remove-hosts, switch: DVS-New, hosts: [esx-04]}"))
        .expectNone();
  }
}
