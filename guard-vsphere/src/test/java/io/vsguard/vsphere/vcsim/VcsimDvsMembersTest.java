package io.vsguard.vsphere.vcsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.vsphere.VsphereCapture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DistributedVirtualSwitch.ReconfigureDvs_Task on host members: add, edit (pnics onto uplink and
 * LAG ports), remove; the configVersion check; and the faults of a request vCenter refuses, which
 * change nothing. Each test works on its own host of the incident.
 */
class VcsimDvsMembersTest {

  static final String LACP = "DVS-LACP-Prod";
  static final String PROD = "DVS-Prod-v6";
  static Vcsim vcsim;
  static VsphereCapture capture;
  static VimSession vim;

  @BeforeAll
  static void start() {
    vcsim = Vcsim.start(VcsimIncidentTest.INVENTORY, VcsimIncidentTest.FAST);
    capture = VcsimRoundTripTest.pinned(vcsim);
    vim = VimSession.open(vcsim);
  }

  @AfterAll
  static void stop() throws Exception {
    if (capture != null) {
      capture.close();
    }
    if (vcsim != null) {
      vcsim.close();
    }
  }

  static Captured captured() {
    return Captured.by(capture);
  }

  /** pnic → DV port key for the named uplink or LAG ports of a host. */
  static Map<String, String> ports(String host, String dvs, String... pnicThenUplink) {
    Map<String, String> keys = vim.uplinkPorts(host, vim.dvs(dvs).uuid());
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pnicThenUplink.length; i += 2) {
      out.put(pnicThenUplink[i], keys.get(pnicThenUplink[i + 1]));
    }
    return out;
  }

  static VimSession.TaskResult edit(String dvs, String host, Map<String, String> backing) {
    return vim.await(
        vim.reconfigureDvs(
            dvs, List.of(vim.member("edit", host, VimSession.pnicBacking(backing)))));
  }

  static void assertFailed(VimSession.TaskResult result, String fault) {
    assertThat(result.state()).isEqualTo("error");
    assertThat(result.fault()).as(result.message()).isEqualTo(fault);
    assertThat(result.message()).isNotBlank();
  }

  @Test
  void editMovesAPnicToAnotherUplinkAndBumpsTheConfigVersion() {
    String host = "esx-par-01";
    int version = Integer.parseInt(vim.dvs(PROD).configVersion());

    VimSession.TaskResult result =
        edit(PROD, host, ports(host, PROD, "vmnic4", "uplink1", "vmnic5", "uplink4"));

    assertThat(result.succeeded()).as(result.message()).isTrue();
    assertThat(captured().member(PROD, host))
        .hasValue(Map.of("vmnic4", "uplink1", "vmnic5", "uplink4"));
    assertThat(Integer.parseInt(vim.dvs(PROD).configVersion())).isEqualTo(version + 1);
    assertThat(vim.backing(host, vim.dvs(PROD).uuid()).keySet())
        .containsExactly("vmnic4", "vmnic5");
  }

  @Test
  void aStaleConfigVersionIsConcurrentAccessAndChangesNothing() {
    String host = "esx-par-02";
    VimSession.Switch prod = vim.dvs(PROD);
    String stale = String.valueOf(Integer.parseInt(prod.configVersion()) - 1);
    String member =
        vim.member("edit", host, VimSession.pnicBacking(ports(host, PROD, "vmnic4", "uplink3")));

    assertFailed(vim.await(vim.reconfigureDvs(PROD, stale, member)), "ConcurrentAccess");
    assertFailed(vim.await(vim.reconfigureDvs(PROD, "", member)), "InvalidArgument");

    assertThat(captured().member(PROD, host))
        .hasValue(Map.of("vmnic4", "uplink1", "vmnic5", "uplink2"));
    assertThat(vim.dvs(PROD).configVersion()).isEqualTo(prod.configVersion());
  }

  @Test
  void aHostLeavesAndRejoinsWithItsPnics() {
    String host = "esx-par-03";
    VimSession.TaskResult left =
        vim.await(vim.reconfigureDvs(PROD, List.of(vim.member("remove", host, null))));
    assertThat(left.succeeded()).as(left.message()).isTrue();
    assertThat(captured().member(PROD, host)).isEmpty();
    assertThat(vim.uplinkPorts(host, vim.dvs(PROD).uuid())).isEmpty();

    assertFailed(edit(PROD, host, Map.of()), "NotFound");
    VimSession.TaskResult joined =
        vim.await(vim.reconfigureDvs(PROD, List.of(vim.member("add", host, null))));
    assertThat(joined.succeeded()).as(joined.message()).isTrue();
    assertThat(vim.uplinkPorts(host, vim.dvs(PROD).uuid()).keySet())
        .containsExactly("uplink1", "uplink2", "uplink3", "uplink4");
    assertThat(captured().member(PROD, host)).hasValue(Map.of());
    assertFailed(
        vim.await(vim.reconfigureDvs(PROD, List.of(vim.member("add", host, null)))),
        "AlreadyExists");

    assertThat(
            edit(PROD, host, ports(host, PROD, "vmnic4", "uplink1", "vmnic5", "uplink2"))
                .succeeded())
        .isTrue();
    assertThat(captured().member(PROD, host))
        .hasValue(Map.of("vmnic4", "uplink1", "vmnic5", "uplink2"));
  }

  @Test
  void aHostWhoseVmkernelUsesTheSwitchCannotLeaveIt() {
    String host = "esx-par-04";
    assertFailed(
        vim.await(vim.reconfigureDvs("DVS-Storage", List.of(vim.member("remove", host, null)))),
        "ResourceInUse");
    assertThat(captured().member("DVS-Storage", host))
        .hasValue(Map.of("vmnic0", "uplink1", "vmnic1", "uplink2"));
  }

  @Test
  void pnicsGoOnLagPortsAndAPlainUplinkTakesAPnicFromAnotherSwitch() {
    String host = "esx-par-05";
    // vmnic3 leaves the LAG for a plain uplink of the same switch, vmnic4 (DVS-Prod-v6) joins the
    // LAG
    VimSession.TaskResult result =
        edit(
            LACP,
            host,
            ports(host, LACP, "vmnic2", "lag1-0", "vmnic4", "lag1-1", "vmnic3", "uplink1"));

    assertThat(result.succeeded()).as(result.message()).isTrue();
    Captured after = captured();
    assertThat(after.member(LACP, host))
        .hasValue(Map.of("vmnic2", "lag1-0", "vmnic4", "lag1-1", "vmnic3", "uplink1"));
    assertThat(after.member(PROD, host)).hasValue(Map.of("vmnic5", "uplink2"));
    assertThat(vcsim.control().host(host).crashed()).isFalse();
  }

  @Test
  void requestsVcenterRefusesChangeNothing() {
    String host = "esx-par-06";
    String uplinkPg = vim.dvs(PROD).uplinkPortgroupKey();
    String port1 = ports(host, PROD, "x", "uplink1").get("x");
    assertFailed(edit(PROD, host, Map.of("vmnic9", port1)), "NotFound");
    assertFailed(edit(PROD, host, Map.of("vmnic4", "no-such-port")), "InvalidArgument");
    assertFailed(
        edit(PROD, host, ports(host, PROD, "vmnic4", "uplink1", "vmnic5", "uplink1")),
        "InvalidArgument");
    assertFailed(
        vim.await(
            vim.reconfigureDvs(
                PROD,
                List.of(
                    vim.member(
                        "edit",
                        host,
                        "<backing xsi:type=\"DistributedVirtualSwitchHostMemberPnicBacking\"><pnicSpec><pnicDevice>vmnic4"
                            + "</pnicDevice><uplinkPortKey>"
                            + port1
                            + "</uplinkPortKey><uplinkPortgroupKey>dvportgroup-0"
                            + "</uplinkPortgroupKey></pnicSpec></backing>")))),
        "InvalidArgument");
    assertFailed(
        vim.await(vim.reconfigureDvs(PROD, List.of(vim.member("merge", host, null)))),
        "InvalidArgument");
    assertFailed(
        vim.await(
            vim.reconfigureDvs(
                PROD, List.of(vim.member("edit", host, null), vim.member("edit", host, null)))),
        "InvalidArgument");
    assertFailed(
        vim.await(
            vim.reconfigureDvs(
                PROD,
                List.of(
                    "<host><operation>edit</operation>"
                        + "<host type=\"HostSystem\">host-99999</host></host>"))),
        "ManagedObjectNotFound");
    VimSession.Switch prod = vim.dvs(PROD);
    assertFailed(
        vim.await(vim.reconfigureDvs(PROD, prod.configVersion(), "<maxMtu>9000</maxMtu>")),
        "NotSupported");
    // a valid host change next to an invalid one: neither is applied
    String other = "esx-par-09";
    assertFailed(
        vim.await(
            vim.reconfigureDvs(
                PROD,
                List.of(
                    vim.member(
                        "edit",
                        other,
                        VimSession.pnicBacking(ports(other, PROD, "vmnic4", "uplink3"))),
                    vim.member("edit", host, VimSession.pnicBacking(Map.of("vmnic9", port1)))))),
        "NotFound");

    Captured after = captured();
    assertThat(after.member(PROD, host)).hasValue(Map.of("vmnic4", "uplink1", "vmnic5", "uplink2"));
    assertThat(after.member(PROD, other))
        .hasValue(Map.of("vmnic4", "uplink1", "vmnic5", "uplink2"));
    assertThat(vim.dvs(PROD).configVersion()).isEqualTo(prod.configVersion());
    assertThat(uplinkPg).isNotBlank();
  }

  @Test
  void anInjectedFaultFailsOneHostOfABulkChangeAndTheOthersKeepTheirs() {
    String failing = "esx-par-10";
    String fine = "esx-par-11";
    vcsim.control().failNextTask(failing, "HostConfigFault");

    VimSession.TaskResult result =
        vim.await(
            vim.reconfigureDvs(
                PROD,
                List.of(
                    vim.member(
                        "edit",
                        failing,
                        VimSession.pnicBacking(ports(failing, PROD, "vmnic4", "uplink3"))),
                    vim.member(
                        "edit",
                        fine,
                        VimSession.pnicBacking(ports(fine, PROD, "vmnic4", "uplink3"))))));

    assertFailed(result, "DvsOperationBulkFault");
    assertThat(result.hostFaults()).containsExactly(Map.entry(failing, "HostConfigFault"));
    Captured after = captured();
    assertThat(after.member(PROD, failing))
        .hasValue(Map.of("vmnic4", "uplink1", "vmnic5", "uplink2"));
    assertThat(after.member(PROD, fine)).hasValue(Map.of("vmnic4", "uplink3"));
    // the fault was for one task only
    assertThat(edit(PROD, failing, ports(failing, PROD, "vmnic4", "uplink3")).succeeded()).isTrue();
  }
}
