package io.vsguard.vsphere.vcsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.VmAdapter;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.vsphere.CaptureOptions;
import io.vsguard.vsphere.Credentials;
import io.vsguard.vsphere.Secret;
import io.vsguard.vsphere.VcenterTarget;
import io.vsguard.vsphere.VsphereCapture;
import io.vsguard.vsphere.soap.InvalidLoginException;
import io.vsguard.vsphere.transport.Thumbprints;
import io.vsguard.vsphere.transport.Timeouts;
import io.vsguard.vsphere.transport.TlsPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vim25 client against the independent peer: a fixture served by vcsim over TLS, captured with
 * the harness's certificate pinned, comes back equal to the fixture modulo generated ids ({@link
 * ModuloGeneratedIds} says exactly what is ignored).
 */
class VcsimRoundTripTest {
  static final Credentials USER =
      new Credentials("vsguard-ro@vsphere.local", new Secret("ro-Pa55word"));
  static final Path INCIDENT = Vcsim.repositoryRoot().resolve("examples/incident/inventory.json");

  static VsphereCapture pinned(Vcsim vcsim) {
    TlsPolicy pin = new TlsPolicy.Pinned(Thumbprints.parse(vcsim.thumbprint()));
    return VsphereCapture.open(new VcenterTarget(vcsim.url(), pin, Timeouts.DEFAULTS));
  }

  static void assertRoundTrip(Inventory captured, Inventory fixture) {
    assertThat(ModuloGeneratedIds.normalise(captured, fixture))
        .usingRecursiveComparison()
        .isEqualTo(ModuloGeneratedIds.normalise(fixture, fixture));
  }

  @Test
  void theIncidentComesBackAsItWasServed() throws Exception {
    Inventory fixture = InventoryLoader.load(INCIDENT);
    try (Vcsim vcsim = Vcsim.start(INCIDENT);
        VsphereCapture capture = pinned(vcsim)) {
      assertThat(vcsim.url().getScheme()).isEqualTo("https");
      Inventory captured = capture.capture(USER, CaptureOptions.DEFAULTS, n -> {});

      assertRoundTrip(captured, fixture);
      assertThat(captured.source().tls()).isEqualTo("pinned");
      assertThat(captured.source().url()).isEqualTo(vcsim.url().toString());
      // the appliance is found by the address it answers on (guest.ipAddress), not by name
      assertThat(captured.vcenter())
          .isEqualTo(new Inventory.VcenterPlacement("vcsa01", "esx-par-07"));
      assertThat(captured.hosts())
          .allSatisfy(h -> assertThat(h.vms()).hasSize(h.vmCount()).isSorted());
      assertThat(captured.hosts())
          .filteredOn(h -> h.name().equals("esx-par-07"))
          .singleElement()
          .satisfies(h -> assertThat(h.vms()).contains("vcsa01"));
      // the network facts, besides being equal to the fixture's: the appliance on the management
      // portgroup, jumbo frames for vMotion and NFS, every VM adapter placed
      assertThat(captured.hosts())
          .filteredOn(h -> h.name().equals("esx-par-07"))
          .singleElement()
          .satisfies(
              h -> {
                assertThat(h.vmAdapters())
                    .contains(
                        new VmAdapter("vcsa01", "Network adapter 1", "DVS-LACP-Prod", "pg-mgmt"));
                assertThat(h.vmkernels())
                    .extracting(Vmkernel::mtu)
                    .containsExactly(1500, 9000, 9000);
              });
      assertThat(captured.hosts())
          .flatExtracting(Host::vmAdapters)
          .hasSize(fixture.hosts().stream().mapToInt(h -> h.vmAdapters().size()).sum())
          .isNotEmpty();
    }
  }

  @Test
  void aThousandHostsComeBackThroughSeveralPages(@TempDir Path dir) throws Exception {
    int hosts = 1_000;
    Path file = LargeInventory.write(dir.resolve("large.json"), hosts);
    Inventory fixture = InventoryLoader.load(file);
    try (Vcsim vcsim =
            Vcsim.start(
                file,
                Vcsim.Options.defaults()
                    .withPageSize(1_000)
                    .withStartupTimeout(Duration.ofMinutes(5)));
        VsphereCapture capture = pinned(vcsim)) {
      // the client's page (maxObjects) is what limits the pages here: the server allows 1,000
      Inventory captured =
          capture.capture(USER, CaptureOptions.DEFAULTS.withPageSize(250), n -> {});

      assertRoundTrip(captured, fixture);
      Map<String, Long> ops = capture.counter().perOperation();
      long objects = 1 + hosts / LargeInventory.CLUSTER_SIZE + 2L * hosts;
      assertThat(ops.get("RetrievePropertiesEx")).isEqualTo(1);
      assertThat(ops.get("ContinueRetrievePropertiesEx"))
          .isGreaterThan(1)
          .isGreaterThanOrEqualTo(objects / 250);
      // the fixture's VM names where it has them (even hosts), generated ones elsewhere
      Host even =
          captured.hosts().stream()
              .filter(h -> h.name().equals(LargeInventory.hostName(2)))
              .findFirst()
              .orElseThrow();
      assertThat(even.vms()).containsExactly("app-00002-a", "app-00002-b");
      assertThat(captured.distributedSwitches())
          .filteredOn(d -> d.name().equals("DVS-Storage"))
          .singleElement()
          .satisfies(d -> assertThat(d.mtu()).isEqualTo(9000));
      assertThat(even.vmAdapters())
          .contains(
              new VmAdapter("app-00002-b", "Network adapter 2", "DVS-Prod", "pg-guest-trunk"));
      System.out.printf(
          "vcsim round trip: %d hosts, %s, %d bytes received%n",
          captured.hosts().size(), ops, capture.counter().bytesReceived());
    }
  }

  @Test
  void aRefusedPasswordIsInvalidLoginAndNeverEchoed() throws Exception {
    String wrong = "Wr0ng-Pa55word-x7";
    try (Vcsim vcsim = Vcsim.start(INCIDENT, Vcsim.Options.defaults().rejecting(wrong));
        VsphereCapture capture = pinned(vcsim)) {
      Credentials bad = new Credentials("vsguard-ro@vsphere.local", new Secret(wrong));
      assertThatThrownBy(() -> capture.capture(bad, CaptureOptions.DEFAULTS, n -> {}))
          .isInstanceOf(InvalidLoginException.class)
          .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain(wrong));
      // any other password still logs in: the refusal is the harness's, not a broken login
      assertThat(capture.capture(USER, CaptureOptions.DEFAULTS, n -> {}).hosts()).hasSize(12);
    }
  }
}
