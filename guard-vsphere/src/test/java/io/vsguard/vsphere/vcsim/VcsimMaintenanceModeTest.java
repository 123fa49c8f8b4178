package io.vsguard.vsphere.vcsim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vsguard.core.model.Host;
import io.vsguard.vsphere.VsphereCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HostSystem.EnterMaintenanceMode_Task / ExitMaintenanceMode_Task: DRS evacuates the host's VMs
 * (the vCenter appliance's too) to the other hosts of its cluster, and vCenter refuses when there
 * is nowhere to put them.
 */
class VcsimMaintenanceModeTest {

  static List<String> vmsOn(Map<String, String> placement, String host) {
    return placement.entrySet().stream()
        .filter(e -> e.getValue().equals(host))
        .map(Map.Entry::getKey)
        .toList();
  }

  @Test
  void enteringEvacuatesTheVmsAndExitingLeavesThemWhereDrsPutThem() throws Exception {
    String host = "esx-par-01";
    try (Vcsim vcsim = Vcsim.start(VcsimIncidentTest.INVENTORY, VcsimIncidentTest.FAST);
        VsphereCapture capture = VcsimRoundTripTest.pinned(vcsim)) {
      VimSession vim = VimSession.open(vcsim);
      Map<String, String> before = vim.vmPlacement();
      List<String> evacuated = vmsOn(before, host);
      assertThat(evacuated).hasSize(24);

      VimSession.TaskResult entered = vim.await(vim.enterMaintenanceMode(host, 0));

      assertThat(entered.succeeded()).as(entered.message()).isTrue();
      Map<String, String> after = vim.vmPlacement();
      assertThat(vmsOn(after, host)).isEmpty();
      assertThat(after).hasSameSizeAs(before);
      evacuated.forEach(vm -> assertThat(after.get(vm)).startsWith("esx-par-").isNotEqualTo(host));
      Captured captured = Captured.by(capture);
      assertThat(captured.host(host).maintenanceMode()).isTrue();
      assertThat(captured.host(host).vmCount()).isZero();
      assertThat(captured.inventory().hosts().stream().mapToInt(Host::vmCount).sum())
          .isEqualTo(before.size());

      VimSession.TaskResult again = vim.await(vim.enterMaintenanceMode(host, 0));
      assertThat(again.fault()).isEqualTo("InvalidState");

      assertThat(vim.await(vim.exitMaintenanceMode(host)).succeeded()).isTrue();
      assertThat(Captured.by(capture).host(host).maintenanceMode()).isFalse();
      assertThat(vmsOn(vim.vmPlacement(), host)).isEmpty();
      assertThat(vim.await(vim.exitMaintenanceMode(host)).fault()).isEqualTo("InvalidState");
    }
  }

  @Test
  void theApplianceLeavesItsHostWithTheOtherVms() throws Exception {
    try (Vcsim vcsim = Vcsim.start(VcsimIncidentTest.INVENTORY, VcsimIncidentTest.FAST);
        VsphereCapture capture = VcsimRoundTripTest.pinned(vcsim)) {
      VimSession vim = VimSession.open(vcsim);
      assertThat(Captured.by(capture).inventory().vcenter().host()).isEqualTo("esx-par-07");

      assertThat(vim.await(vim.enterMaintenanceMode("esx-par-07", 0)).succeeded()).isTrue();

      // still found by the address it answers on, now on another host of the cluster
      String host = Captured.by(capture).inventory().vcenter().host();
      assertThat(host).startsWith("esx-par-").isNotEqualTo("esx-par-07");
      assertThat(vim.vmPlacement()).containsEntry("vcsa01", host);
    }
  }

  @Test
  void withNowhereToGoVcenterRefusesWithNoActiveHostInCluster() throws Exception {
    String host = "esx-par-01";
    try (Vcsim vcsim = Vcsim.start(VcsimIncidentTest.INVENTORY, VcsimIncidentTest.FAST)) {
      VimSession vim = VimSession.open(vcsim);
      VcsimControl control = vcsim.control();
      for (int i = 2; i <= 12; i++) {
        control.dropHost(
            String.format("esx-par-%02d", i), i % 2 == 0 ? "notResponding" : "disconnected", 0);
      }

      int onTarget = vmsOn(vim.vmPlacement(), "esx-par-05").size();

      VimSession.TaskResult refused = vim.await(vim.enterMaintenanceMode(host, 0));

      assertThat(refused.fault()).isEqualTo("NoActiveHostInCluster");
      assertThat(refused.message()).contains("par-prod");
      assertThat(vim.inMaintenanceMode(host)).isFalse();
      assertThat(vmsOn(vim.vmPlacement(), host)).hasSize(24);

      control.resetHost("esx-par-05");
      assertThat(vim.await(vim.enterMaintenanceMode(host, 0)).succeeded()).isTrue();
      assertThat(vmsOn(vim.vmPlacement(), "esx-par-05")).hasSize(onTarget + 24);
    }
  }

  @Test
  void withDrsOffNobodyMovesTheVmsAndTheTaskTimesOut(@TempDir Path dir) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode inventory = (ObjectNode) json.readTree(VcsimIncidentTest.INVENTORY.toFile());
    ((ObjectNode) inventory.get("clusters").get(0)).put("drsEnabled", false);
    Path file = dir.resolve("drs-off.json");
    json.writeValue(file.toFile(), inventory);
    try (Vcsim vcsim = Vcsim.start(file, VcsimIncidentTest.FAST)) {
      VimSession vim = VimSession.open(vcsim);
      long start = System.nanoTime();

      VimSession.TaskResult result = vim.await(vim.enterMaintenanceMode("esx-par-02", 1));

      assertThat(result.fault()).isEqualTo("Timedout");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(vim.inMaintenanceMode("esx-par-02")).isFalse();
    }
  }

  @Test
  void aHostVcenterCannotReachCannotEnterMaintenanceMode() {
    try (Vcsim vcsim = Vcsim.start(VcsimIncidentTest.INVENTORY, VcsimIncidentTest.FAST)) {
      VimSession vim = VimSession.open(vcsim);
      vcsim.control().dropHost("esx-par-03", "disconnected", 0);
      assertThat(vim.await(vim.enterMaintenanceMode("esx-par-03", 0)).fault())
          .isEqualTo("HostNotConnected");
      vcsim.control().dropHost("esx-par-03", "notResponding", 0);
      assertThat(vim.await(vim.exitMaintenanceMode("esx-par-03")).fault())
          .isEqualTo("HostNotReachable");
    }
  }
}
