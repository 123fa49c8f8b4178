package io.vsguard.vsphere.apply;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.vsphere.CaptureOptions;
import io.vsguard.vsphere.Credentials;
import io.vsguard.vsphere.Secret;
import io.vsguard.vsphere.VcenterTarget;
import io.vsguard.vsphere.VsphereCapture;
import io.vsguard.vsphere.transport.Thumbprints;
import io.vsguard.vsphere.transport.Timeouts;
import io.vsguard.vsphere.transport.TlsPolicy;
import io.vsguard.vsphere.vcsim.Vcsim;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The simulated vCenter for the apply client's tests: the incident's inventory, fast tasks, TLS
 * pinned.
 */
final class Harness {
  static final Path ROOT = repositoryRoot();
  static final Path INVENTORY = ROOT.resolve("examples/incident/inventory.json");
  static final Vcsim.Options FAST =
      Vcsim.Options.defaults().withTaskTimes(Duration.ofMillis(10), Duration.ofMillis(30));
  static final Credentials ADMIN =
      new Credentials("administrator@vsphere.local", new Secret("Adm1n-Pa55"));
  static final String LACP = "DVS-LACP-Prod";
  static final String TARGET = "DVS-Prod-v6";

  private Harness() {}

  static VcenterTarget target(Vcsim vcsim) {
    return new VcenterTarget(
        vcsim.url(),
        new TlsPolicy.Pinned(Thumbprints.parse(vcsim.thumbprint())),
        Timeouts.DEFAULTS);
  }

  static ApplyClient client(Vcsim vcsim) throws Exception {
    return ApplyClient.open(target(vcsim), ADMIN);
  }

  static Inventory capture(Vcsim vcsim) {
    try (VsphereCapture capture = VsphereCapture.open(target(vcsim))) {
      return capture.capture(ADMIN, CaptureOptions.DEFAULTS, n -> {});
    } catch (Exception e) {
      throw new AssertionError("capture failed: " + e.getMessage(), e);
    }
  }

  static Host host(Inventory inv, String name) {
    return inv.hosts().stream()
        .filter(h -> h.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("captured no host " + name));
  }

  static DistributedSwitch dvs(Inventory inv, String name) {
    return inv.distributedSwitches().stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("captured no switch " + name));
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (dir.resolve(".ci/vcsim-setup.sh").toFile().isFile()) {
        return dir;
      }
    }
    throw new AssertionError(
        "cannot find the repository root (.ci/vcsim-setup.sh) above "
            + Path.of("").toAbsolutePath());
  }
}
