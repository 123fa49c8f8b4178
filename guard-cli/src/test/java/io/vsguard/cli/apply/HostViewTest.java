package io.vsguard.cli.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Drift is any difference between the prediction and vCenter's report, one line each, in a stable
 * order.
 */
class HostViewTest {
  static final HostView PREDICTED =
      new HostView(
          false,
          Map.of(
              "vmnic2",
              new HostView.Where("DVS-LACP-Prod", "lag1-0"),
              "vmnic4",
              new HostView.Where("DVS-Prod-v6", null)),
          Map.of("vmk0", new HostView.Where("DVS-LACP-Prod", "pg-mgmt")),
          Set.of("DVS-LACP-Prod", "DVS-Prod-v6"),
          Set.of());

  @Test
  void aHostAsPredictedHasNoDriftAndAnUplinkThePredictionDoesNotNameMatchesAny() {
    HostView live =
        new HostView(
            false,
            Map.of(
                "vmnic2",
                new HostView.Where("DVS-LACP-Prod", "lag1-0"),
                "vmnic4",
                new HostView.Where("DVS-Prod-v6", "uplink1")),
            Map.of("vmk0", new HostView.Where("DVS-LACP-Prod", "pg-mgmt")),
            Set.of("DVS-Prod-v6", "DVS-LACP-Prod"),
            Set.of());
    assertThat(PREDICTED.differences(live)).isEmpty();
  }

  @Test
  void everyDifferenceIsALine() {
    HostView live =
        new HostView(
            true,
            Map.of(
                "vmnic2",
                new HostView.Where("standard:vSwitch0", null),
                "vmnic5",
                new HostView.Where("DVS-Prod-v6", "uplink2")),
            Map.of("vmk0", new HostView.Where("standard:vSwitch0", "Management Network")),
            Set.of("DVS-Prod-v6"),
            Set.of("vSwitch0"));
    assertThat(PREDICTED.differences(live))
        .containsExactly(
            "maintenance mode: expected not in, vCenter reports in",
            "vmnic2: expected on DVS-LACP-Prod lag1-0, vCenter reports on standard:vSwitch0",
            "vmnic4: expected on DVS-Prod-v6, vCenter reports on no switch",
            "vmnic5: expected on no switch, vCenter reports on DVS-Prod-v6 uplink2",
            "vmk0: expected on DVS-LACP-Prod pg-mgmt, vCenter reports on standard:vSwitch0 Management Network",
            "member of: expected [DVS-LACP-Prod, DVS-Prod-v6], vCenter reports [DVS-Prod-v6]",
            "standard switches: expected [], vCenter reports [vSwitch0]");
  }
}
