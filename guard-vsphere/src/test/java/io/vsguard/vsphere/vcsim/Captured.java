package io.vsguard.vsphere.vcsim;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.StandardSwitch;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.vsphere.CaptureOptions;
import io.vsguard.vsphere.VsphereCapture;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An inventory captured with the production client after writes, and what the write tests look up
 * in it.
 */
record Captured(Inventory inventory) {

  static Captured by(VsphereCapture capture) {
    try {
      return new Captured(
          capture.capture(VcsimRoundTripTest.USER, CaptureOptions.DEFAULTS, n -> {}));
    } catch (Exception e) {
      throw new AssertionError("capture failed: " + e.getMessage(), e);
    }
  }

  Host host(String name) {
    return inventory.hosts().stream()
        .filter(h -> h.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("captured no host " + name));
  }

  Optional<StandardSwitch> vswitch(String host, String name) {
    return host(host).standardSwitch(name);
  }

  Vmkernel vmk(String host, String device) {
    return host(host)
        .vmkernel(device)
        .orElseThrow(() -> new AssertionError("captured no " + device + " on " + host));
  }

  DistributedSwitch dvs(String name) {
    return inventory.distributedSwitches().stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("captured no switch " + name));
  }

  /** pnic → uplink of a host on a switch; empty when the host is not a member. */
  Optional<Map<String, String>> member(String dvs, String host) {
    return dvs(dvs)
        .member(host)
        .map(
            m -> {
              Map<String, String> out = new LinkedHashMap<>();
              m.pnics().forEach(p -> out.put(p.device(), p.uplink()));
              return out;
            });
  }
}
