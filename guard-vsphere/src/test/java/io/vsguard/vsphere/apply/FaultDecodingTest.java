package io.vsguard.vsphere.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vsguard.vsphere.Fixtures;
import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlNode;
import io.vsguard.vsphere.transport.HttpStatusException;
import io.vsguard.vsphere.vim.Mor;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Faults decoded from answers recorded from the simulated vCenter (src/test/resources/vim25/apply)
 * and from vCenter's own NoPermission: typed, with the fields an administrator reads.
 */
class FaultDecodingTest {

  static VimCallException fault(String fixture) {
    return catchThrowableOfType(
        () -> Soap.decode("X", "X on esx-par-01", 500, Fixtures.bytes(fixture)),
        VimCallException.class);
  }

  /** The {@code info.error} value of a recorded RetrievePropertiesEx answer about a task. */
  static Fault taskError(String fixture) throws Exception {
    XmlNode response = Soap.decode("RetrievePropertiesEx", "read", 200, Fixtures.bytes(fixture));
    return Fault.ofLocalized(response.path("returnval.objects.propSet.val").orElseThrow());
  }

  @Test
  void synchronousFaultsAreTypedWithTheirFields() {
    VimCallException exists = fault("apply/fault-already-exists.xml");
    assertThat(exists.fault())
        .isEqualTo(
            new Fault.AlreadyExists(
                "vSwitch-empty", "standard switch vSwitch-empty already exists on esx-par-01"));
    assertThat(exists.faultType()).isEqualTo("AlreadyExists");
    assertThat(exists.getMessage())
        .isEqualTo(
            "X on esx-par-01 failed: AlreadyExists (name=vSwitch-empty): standard"
                + " switch vSwitch-empty already exists on esx-par-01");

    assertThat(fault("apply/fault-invalid-argument.xml").fault())
        .isEqualTo(
            new Fault.InvalidArgument(
                "portgroup[0].spec.vlanId", "expected a VLAN id of 0..4095, got 5000"));
    assertThat(fault("apply/fault-resource-in-use.xml").fault())
        .isEqualTo(
            new Fault.ResourceInUse(
                "HostVirtualNic",
                "vmk1",
                "VMkernel adapter vmk1 is connected to portgroup pg-mgmt; move it before removing the portgroup or"
                    + " its switch"));
    Fault rolledBack = fault("apply/fault-network-rolled-back.xml").fault();
    assertThat(rolledBack)
        .isEqualTo(
            new Fault.NetworkRolledBack(
                "esx-par-01",
                "the change to esx-par-01 would leave management adapter vmk0 without an uplink; vCenter rolled it back"));
    assertThat(rolledBack.summary())
        .startsWith("NetworkDisruptedAndConfigRolledBack (host=esx-par-01): ");
    assertThat(fault("fault-no-permission.xml").fault())
        .isEqualTo(
            new Fault.NoPermission(
                "System.View",
                "Folder:group-d1",
                "Permission to perform this operation was denied."));
    assertThat(fault("fault-not-authenticated.xml").fault())
        .isInstanceOf(Fault.NotAuthenticated.class);
  }

  @Test
  void taskErrorsAreTypedAndABulkFaultSaysWhichHostFailedAndWhy() throws Exception {
    assertThat(taskError("apply/task-error-concurrent-access.xml"))
        .isEqualTo(
            new Fault.ConcurrentAccess(
                "DVS-Prod-v6 was changed by another operation: spec.configVersion is 0, the switch is at 1"));

    Fault bulk = taskError("apply/task-error-bulk-host-not-reachable.xml");
    assertThat(bulk).isInstanceOf(Fault.DvsOperationBulkFault.class);
    Fault.DvsOperationBulkFault b = (Fault.DvsOperationBulkFault) bulk;
    assertThat(b.hosts()).hasSize(1);
    Fault onHost = b.on(new Mor("HostSystem", "host-24")).orElseThrow();
    assertThat(onHost).isInstanceOf(Fault.HostNotReachable.class);
    assertThat(onHost.message())
        .contains("vmnic2 left an LACP LAG of DVS-LACP-Prod")
        .contains("attached directly to DVS-Prod-v6");
    assertThat(b.on(new Mor("HostSystem", "host-17"))).isEmpty();
    assertThat(bulk.summary())
        .startsWith(
            "DvsOperationBulkFault (host-24: HostNotReachable): the operation failed on"
                + " 1 of 1 hosts");
  }

  @Test
  void aTaskAnswersItsTaskAndAnUnknownFaultKeepsItsName() throws Exception {
    XmlNode r =
        Soap.decode(
            "ReconfigureDvs_Task", "x", 200, Fixtures.bytes("apply/reconfigure-dvs-task.xml"));
    assertThat(Soap.returnedRef(r, "ReconfigureDvs_Task").type()).isEqualTo("Task");

    String xml =
        "<soapenv:Envelope xmlns:soapenv=\""
            + Soap.SOAP_ENV
            + "\"><soapenv:Body><soapenv:Fault>"
            + "<faultcode>ServerFaultCode</faultcode><faultstring>line one\nline\u009btwo</faultstring><detail>"
            + "<DvsApplyOperationFaultFault xmlns=\"urn:vim25\"/></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>";
    VimCallException e =
        catchThrowableOfType(
            () -> Soap.decode("X", "X on h", 500, xml.getBytes(StandardCharsets.UTF_8)),
            VimCallException.class);
    assertThat(e.fault())
        .isEqualTo(new Fault.Other("DvsApplyOperationFault", "line one\nline\u009btwo"));
    assertThat(e.getMessage())
        .isEqualTo("X on h failed: DvsApplyOperationFault: line one\\u000Aline\\u009Btwo");
  }

  @Test
  void anAnswerThatIsNotVim25IsAnHttpOrAMalformedResponseError() throws Exception {
    assertThat(
            catchThrowableOfType(
                () ->
                    Soap.decode(
                        "X", "x", 503, "<html>busy</html>".getBytes(StandardCharsets.UTF_8)),
                HttpStatusException.class))
        .hasMessageContaining("HTTP 503");
    assertThat(
            catchThrowableOfType(
                () ->
                    Soap.decode(
                        "AddPortGroup", "x", 200, Fixtures.bytes("apply/reconfigure-dvs-task.xml")),
                MalformedResponseException.class))
        .hasMessageContaining("expected AddPortGroupResponse");
    assertThat(
            catchThrowableOfType(
                () -> Soap.decode("X", "x", 200, "<a>".getBytes(StandardCharsets.UTF_8)),
                MalformedResponseException.class))
        .hasMessageContaining("malformed response to X");
  }
}
