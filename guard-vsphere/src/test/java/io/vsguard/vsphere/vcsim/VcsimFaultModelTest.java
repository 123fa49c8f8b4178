package io.vsguard.vsphere.vcsim;

import static io.vsguard.vsphere.vcsim.RawSoap.childText;
import static io.vsguard.vsphere.vcsim.RawSoap.children;
import static io.vsguard.vsphere.vcsim.VcsimHostNetworkTest.assertFault;
import static io.vsguard.vsphere.vcsim.VcsimHostNetworkTest.assertOk;
import static io.vsguard.vsphere.vcsim.VimSession.proxyEdit;
import static io.vsguard.vsphere.vcsim.VimSession.vswitchConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.model.ConnectionState;
import io.vsguard.vsphere.VsphereCapture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The fault model: the 2016 crash (a pnic from an LACP LAG straight onto another distributed
 * switch), management loss with vCenter's network rollback on and off, and the faults injected
 * through the control endpoint (drop a host now or later, raise an alarm, expire sessions).
 */
class VcsimFaultModelTest {

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

  static Map<String, String> backingWith(String host, String dvs, String pnic, String uplink) {
    String uuid = vim.dvs(dvs).uuid();
    Map<String, String> backing = new java.util.LinkedHashMap<>(vim.backing(host, uuid));
    backing.put(pnic, vim.uplinkPorts(host, uuid).get(uplink));
    return backing;
  }

  static VimSession.TaskResult edit(String dvs, String host, Map<String, String> backing) {
    return vim.await(
        vim.reconfigureDvs(
            dvs, List.of(vim.member("edit", host, VimSession.pnicBacking(backing)))));
  }

  @Test
  void aPnicFromTheLagStraightOntoAnotherSwitchCrashesTheHostUntilItIsReset() {
    String host = "esx-par-01";

    VimSession.TaskResult result = edit(PROD, host, backingWith(host, PROD, "vmnic2", "uplink3"));

    assertThat(result.fault()).isEqualTo("DvsOperationBulkFault");
    assertThat(result.hostFaults()).containsExactly(Map.entry(host, "HostNotReachable"));
    assertThat(result.message()).contains("vmnic2", LACP, PROD);
    VcsimControl.HostState state = vcsim.control().host(host);
    assertThat(state.crashed()).isTrue();
    assertThat(state.crash().get("pnic").asText()).isEqualTo("vmnic2");
    assertThat(state.connectionState()).isEqualTo("notResponding");
    // the host took the change, then went down
    Captured down = Captured.by(capture);
    assertThat(down.host(host).connectionState()).isEqualTo(ConnectionState.NOT_RESPONDING);
    assertThat(down.member(PROD, host))
        .hasValue(Map.of("vmnic4", "uplink1", "vmnic5", "uplink2", "vmnic2", "uplink3"));
    assertThat(down.member(LACP, host)).hasValue(Map.of("vmnic3", "lag1-1"));
    assertThat(down.host("esx-par-02").connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertFault(vim.addVirtualSwitch(host, "vSwitch-x", List.of()), "HostNotReachable");
    assertThat(vim.await(vim.enterMaintenanceMode(host, 0)).fault()).isEqualTo("HostNotReachable");

    vcsim.control().resetHost(host);
    assertThat(vcsim.control().host(host).crashed()).isFalse();
    assertThat(vim.connectionState(host)).isEqualTo("connected");
    assertOk(vim.addVirtualSwitch(host, "vSwitch-x", List.of()));
  }

  @Test
  void aPnicDetachedFromTheLagEarlierStillCrashesTheHostWhenItLandsOnAnotherSwitch() {
    String host = "esx-par-02";
    VimSession.TaskResult detached =
        edit(
            LACP,
            host,
            Map.of("vmnic3", vim.uplinkPorts(host, vim.dvs(LACP).uuid()).get("lag1-1")));
    assertThat(detached.succeeded()).as(detached.message()).isTrue();
    assertThat(vcsim.control().host(host).crashed()).isFalse();

    VimSession.TaskResult attached = edit(PROD, host, backingWith(host, PROD, "vmnic2", "uplink3"));

    assertThat(attached.hostFaults()).containsExactly(Map.entry(host, "HostNotReachable"));
    assertThat(vcsim.control().host(host).crashed()).isTrue();
    vcsim.control().resetHost(host);
  }

  @Test
  void throughAStandardSwitchTheSamePnicMovesWithoutACrash() {
    String host = "esx-par-03";
    String lacp = vim.dvs(LACP).uuid();
    assertOk(
        vim.updateNetworkConfig(
            host,
            vswitchConfig("add", "vSwitch-t", List.of("vmnic2"))
                + proxyEdit(lacp, Map.of("vmnic3", vim.uplinkPorts(host, lacp).get("lag1-1")))));

    VimSession.TaskResult result = edit(PROD, host, backingWith(host, PROD, "vmnic2", "uplink3"));

    assertThat(result.succeeded()).as(result.message()).isTrue();
    assertThat(vcsim.control().host(host).crashed()).isFalse();
    Captured after = Captured.by(capture);
    assertThat(after.member(PROD, host))
        .hasValue(Map.of("vmnic4", "uplink1", "vmnic5", "uplink2", "vmnic2", "uplink3"));
    assertThat(after.vswitch(host, "vSwitch-t").orElseThrow().pnics()).isEmpty();
  }

  @Test
  void leavingTheManagementVmkernelWithoutAnUplinkIsRolledBack() {
    String host = "esx-par-04";
    String lacp = vim.dvs(LACP).uuid();

    assertFault(
        vim.updateNetworkConfig(host, proxyEdit(lacp, Map.of())),
        "NetworkDisruptedAndConfigRolledBack");
    VimSession.TaskResult viaSwitch = edit(LACP, host, Map.of());
    assertThat(viaSwitch.hostFaults())
        .containsExactly(Map.entry(host, "NetworkDisruptedAndConfigRolledBack"));
    assertOk(vim.addVirtualSwitch(host, "vSwitch-empty", List.of()));
    assertOk(vim.addPortGroup(host, "pg-mgmt", "vSwitch-empty", 10));
    assertFault(
        vim.moveVmkToStandard(host, "vmk0", "pg-mgmt"), "NetworkDisruptedAndConfigRolledBack");
    // vmotion is not management: that one may go dark
    assertOk(vim.moveVmkToStandard(host, "vmk1", "pg-mgmt"));

    Captured after = Captured.by(capture);
    assertThat(after.member(LACP, host)).hasValue(Map.of("vmnic2", "lag1-0", "vmnic3", "lag1-1"));
    assertThat(after.vmk(host, "vmk0").switchName()).isEqualTo(LACP);
    assertThat(after.vmk(host, "vmk1").switchName()).isEqualTo("vSwitch-empty");
    assertThat(after.host(host).connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void withNetworkRollbackOffTheChangeIsAppliedAndTheHostDropsOff() throws Exception {
    String host = "esx-par-05";
    try (Vcsim noRollback =
            Vcsim.start(
                VcsimIncidentTest.INVENTORY, VcsimIncidentTest.FAST.withNetworkRollback(false));
        VsphereCapture otherCapture = VcsimRoundTripTest.pinned(noRollback)) {
      VimSession other = VimSession.open(noRollback);
      assertThat(rollbackOption(other)).isEqualTo("false");

      assertFault(
          other.updateNetworkConfig(host, proxyEdit(other.dvs(LACP).uuid(), Map.of())),
          "HostNotReachable");

      VcsimControl.HostState state = noRollback.control().host(host);
      assertThat(state.isolated()).isTrue();
      assertThat(state.crashed()).isFalse();
      Captured after = Captured.by(otherCapture);
      assertThat(after.host(host).connectionState()).isEqualTo(ConnectionState.NOT_RESPONDING);
      assertThat(after.member(LACP, host)).hasValue(Map.of());
    }
  }

  @Test
  void networkRollbackFollowsVcentersAdvancedSetting() {
    String host = "esx-par-06";
    String lacp = vim.dvs(LACP).uuid();
    assertThat(rollbackOption(vim)).isEqualTo("true");
    assertOk(setRollbackOption("false"));
    try {
      assertFault(vim.updateNetworkConfig(host, proxyEdit(lacp, Map.of())), "HostNotReachable");
      assertThat(vcsim.control().host(host).isolated()).isTrue();
    } finally {
      assertOk(setRollbackOption("true"));
    }
    vcsim.control().resetHost(host);
    assertThat(rollbackOption(vim)).isEqualTo("true");
    assertFault(
        vim.updateNetworkConfig("esx-par-11", proxyEdit(lacp, Map.of())),
        "NetworkDisruptedAndConfigRolledBack");
  }

  @Test
  void aHostDroppedNowOrLaterIsReportedSoAndItsSwitchesSeeItDisconnected() throws Exception {
    String host = "esx-par-07";
    VcsimControl control = vcsim.control();
    control.dropHost(host, "notResponding", 2);
    assertThat(vim.connectionState(host)).isEqualTo("connected");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (vim.connectionState(host).equals("connected") && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(vim.connectionState(host)).isEqualTo("notResponding");
    assertThat(memberStatus(PROD, host)).isEqualTo("disconnected");
    assertThat(Captured.by(capture).host(host).connectionState())
        .isEqualTo(ConnectionState.NOT_RESPONDING);

    control.resetHost(host);
    control.dropHost(host, "disconnected", 0);
    assertThat(Captured.by(capture).host(host).connectionState())
        .isEqualTo(ConnectionState.DISCONNECTED);
    control.resetHost(host);
    assertThat(memberStatus(PROD, host)).isEqualTo("up");
  }

  @Test
  void aRaisedAlarmIsInTheHostsTriggeredAlarmState() {
    String host = "esx-par-08";
    vcsim.control().raiseAlarm(host, "Network uplink redundancy lost");

    Element states = vim.property("HostSystem", vim.hostId(host), "triggeredAlarmState");
    List<Element> alarms = children(states, "AlarmState");
    assertThat(alarms).hasSize(1);
    assertThat(childText(alarms.get(0), "overallStatus")).isEqualTo("red");
    assertThat(childText(alarms.get(0), "entity")).isEqualTo(vim.hostId(host));
    Element info = vim.property("Alarm", childText(alarms.get(0), "alarm"), "info");
    assertThat(childText(info, "name")).isEqualTo("Network uplink redundancy lost");
    assertThat(vim.property("HostSystem", vim.hostId(host), "overallStatus").getTextContent())
        .isEqualTo("red");

    vcsim.control().clearAlarms(host);
    assertThat(vim.triggeredAlarms(host)).isZero();
    assertThat(vim.property("HostSystem", vim.hostId(host), "overallStatus").getTextContent())
        .isEqualTo("green");
  }

  @Test
  void anExpiredSessionIsNotAuthenticated() {
    VimSession session = VimSession.open(vcsim);
    assertThat(session.connectionState("esx-par-09")).isEqualTo("connected");

    assertThat(vcsim.control().expireSessions()).isGreaterThanOrEqualTo(1);

    RawSoap.Answer answer = session.call(RawSoap.createContainerView("group-d1", "HostSystem"));
    assertThat(answer.faultType()).isEqualTo("NotAuthenticated");
    assertThat(VimSession.open(vcsim).connectionState("esx-par-09")).isEqualTo("connected");
    vim = VimSession.open(vcsim);
  }

  @Test
  void theControlEndpointRefusesWhatItCannotDo() {
    VcsimControl control = vcsim.control();
    assertRefused(control.send("{\"action\":\"explode\"}"), 400, "action");
    assertRefused(
        control.send("{\"action\":\"reset-host\",\"host\":\"esx-nowhere\"}"), 404, "host");
    assertRefused(
        control.send("{\"action\":\"drop-host\",\"host\":\"esx-par-10\",\"state\":\"gone\"}"),
        400,
        "state");
    assertRefused(
        control.send("{\"action\":\"drop-host\",\"host\":\"esx-par-10\",\"afterSeconds\":-1}"),
        400,
        "afterSeconds");
    assertRefused(
        control.send("{\"action\":\"task-times\",\"running\":\"forever\"}"), 400, "running");
    assertRefused(
        control.send("{\"action\":\"fail-next-task\",\"host\":\"esx-par-10\",\"fault\":\"Boom\"}"),
        400,
        "fault");
    assertRefused(control.send("{\"action\":\"reset-host\",\"hots\":\"esx-par-10\"}"), 400, "hots");
    assertRefused(control.send("not json"), 400, "body");
    assertThat(vim.connectionState("esx-par-10")).isEqualTo("connected");
  }

  static void assertRefused(HttpResponse<String> response, int status, String mention) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).contains("\"error\"").contains(mention);
  }

  /** config.vpxd.network.rollback as vCenter's OptionManager reports it. */
  static String rollbackOption(VimSession session) {
    RawSoap.Answer a =
        session.call(
            "<QueryOptions xmlns=\"urn:vim25\"><_this type=\"OptionManager\">VpxSettings"
                + "</_this><name>config.vpxd.network.rollback</name></QueryOptions>");
    assertThat(a.status()).as(a.faultType()).isEqualTo(200);
    return a.text("value");
  }

  static RawSoap.Answer setRollbackOption(String value) {
    return vim.call(
        "<UpdateOptions xmlns=\"urn:vim25\"><_this type=\"OptionManager\">VpxSettings</_this>"
            + "<changedValue><key>config.vpxd.network.rollback</key><value xsi:type=\"xsd:string\">"
            + value
            + "</value></changedValue></UpdateOptions>");
  }

  /**
   * A host member's status in the switch's config.host (up, or disconnected for a host vCenter
   * cannot reach).
   */
  static String memberStatus(String dvs, String host) {
    Element config = vim.property("VmwareDistributedVirtualSwitch", vim.dvs(dvs).id(), "config");
    for (Element member : children(config, "host")) {
      if (childText(children(member, "config").get(0), "host").equals(vim.hostId(host))) {
        return childText(member, "status");
      }
    }
    throw new AssertionError(host + " is not a member of " + dvs);
  }
}
