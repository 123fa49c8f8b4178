package io.vsguard.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.core.RuleTester;
import io.vsguard.core.model.ConnectionState;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.text.Json;
import org.junit.jupiter.api.Test;

class InventoryLoaderTest {
  @Test
  void readsTheFixture() throws Exception {
    Inventory inv = InventoryLoader.parse("inv.yaml", RuleTester.SMALL);
    assertThat(inv.hosts()).hasSize(4);
    assertThat(inv.hosts().get(0).connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(inv.distributedSwitches().get(0).usesLacp()).isTrue();
    assertThat(inv.distributedSwitches().get(1).usesLacp()).isFalse();
    assertThat(inv.vcenter().host()).isEqualTo("esx-04");
  }

  @Test
  void basicLacpOnAPortgroupCountsAsLacp() throws Exception {
    Inventory inv =
        InventoryLoader.parse(
            "inv.yaml",
            RuleTester.SMALL.replace(
                "{name: pg-vmotion-new, key: dvportgroup-12, vlan: 20}",
                "{name: pg-vmotion-new, key: dvportgroup-12, vlan: 20, lacp: {enabled: true, mode: active}}"));
    assertThat(inv.distributedSwitches().get(1).usesLacp()).isTrue();
  }

  @Test
  void anInconsistentMemberIsRejectedWithItsPath() {
    assertThatThrownBy(
            () ->
                InventoryLoader.parse(
                    "inv.yaml", RuleTester.SMALL.replace("uplink: lag1-1", "uplink: lag9-1")))
        .hasMessageContaining(
            "distributedSwitches[0].members[0].pnics[1].uplink: 'lag9-1' is neither an uplink");
  }

  @Test
  void anUnknownConnectionStateIsRejected() {
    assertThatThrownBy(
            () ->
                InventoryLoader.parse(
                    "inv.yaml",
                    RuleTester.SMALL.replaceFirst(
                        "connectionState: connected", "connectionState: up")))
        .hasMessageContaining(
            "hosts[0].connectionState: 'up' is not valid; expected one of connected, disconnected, notResponding");
  }

  @Test
  void aVmkernelOnAnUnknownSwitchIsRejected() {
    assertThatThrownBy(
            () ->
                InventoryLoader.parse(
                    "inv.yaml",
                    RuleTester.SMALL.replaceFirst(
                        "switch: DVS-LACP, portgroup: pg-mgmt",
                        "switch: DVS-X, portgroup: pg-mgmt")))
        .hasMessageContaining(
            "hosts[0].vmkernels[0].switch: 'DVS-X' is neither a distributed switch nor a standard switch of host 'esx-01'");
  }

  @Test
  void theWrittenInventoryReadsBackTheSame() throws Exception {
    Inventory inv = InventoryLoader.parse("inv.yaml", RuleTester.SMALL);
    assertThat(InventoryLoader.parse("again.json", Json.pretty(inv))).isEqualTo(inv);
  }
}
