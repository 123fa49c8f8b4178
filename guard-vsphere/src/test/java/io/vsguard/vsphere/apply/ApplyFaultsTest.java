package io.vsguard.vsphere.apply;

import static io.vsguard.vsphere.apply.Harness.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.SwitchRef;
import io.vsguard.vsphere.apply.VimCall.PortgroupSpec;
import io.vsguard.vsphere.apply.VimCall.VswitchSpec;
import io.vsguard.vsphere.vcsim.Vcsim;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each call's faults as the apply client types them, from the simulated vCenter's fault model: a
 * stale configVersion, an injected task failure, a change vCenter rolls back because it cuts the
 * management network off, a task that outlives its wait, refusals of the synchronous methods, a
 * host vCenter cannot reach, an expired session. Every test uses hosts of its own.
 */
class ApplyFaultsTest {
  static Vcsim vcsim;
  static ApplyClient client;
  static StepExecutor executor;

  @BeforeAll
  static void start() throws Exception {
    vcsim = Vcsim.start(Harness.INVENTORY, Harness.FAST);
    client = Harness.client(vcsim);
    executor = executor(StepExecutor.Options.DEFAULTS, new Cancellation());
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (vcsim != null) {
      vcsim.close();
    }
  }

  static StepExecutor executor(StepExecutor.Options options, Cancellation cancellation) {
    return new StepExecutor(
        client, new StepPlanner(StepPlanner.Options.DEFAULTS), options, cancellation);
  }

  static Fault faultOf(StepResult result) {
    assertThat(result).as(String.valueOf(result)).isInstanceOf(StepResult.Failed.class);
    Exception cause = ((StepResult.Failed) result).cause();
    assertThat(cause).isInstanceOf(VimCallException.class);
    return ((VimCallException) cause).fault();
  }

  static Map<String, String> member(Inventory inv, String dvs, String host) {
    return Harness.dvs(inv, dvs).member(host).orElseThrow().pnics().stream()
        .collect(
            Collectors.toMap(
                DistributedSwitch.MemberPnic::device, DistributedSwitch.MemberPnic::uplink));
  }

  @Test
  void aPlanMadeBeforeAnotherChangeToTheSwitchIsRefusedWithConcurrentAccessAndChangesNothing()
      throws Exception {
    Step toUplink3 = new Step.MovePnic("vmnic5", SwitchRef.distributed(TARGET), "uplink3");
    StepPlan stale = executor.plan("esx-par-01", toUplink3);
    assertThat(executor.run("esx-par-02", toUplink3)).isInstanceOf(StepResult.Done.class);

    StepResult result = executor.execute(stale);

    assertThat(faultOf(result)).isInstanceOf(Fault.ConcurrentAccess.class);
    VimCallException e = (VimCallException) ((StepResult.Failed) result).cause();
    assertThat(e.task()).isNotNull();
    assertThat(e.getMessage())
        .startsWith("ReconfigureDvs_Task on " + TARGET + " (task-")
        .contains("ConcurrentAccess");
    assertThat(result.done()).isEmpty();
    Inventory after = Harness.capture(vcsim);
    assertThat(member(after, TARGET, "esx-par-01")).containsEntry("vmnic5", "uplink2");
    assertThat(member(after, TARGET, "esx-par-02")).containsEntry("vmnic5", "uplink3");
    // planned again from the switch as it is now, the same step goes through
    assertThat(executor.run("esx-par-01", toUplink3)).isInstanceOf(StepResult.Done.class);
  }

  @Test
  void aTaskThatFailsIsSurfacedAsItsTypedFault() throws Exception {
    vcsim.control().failNextTask("esx-par-03", "HostConfigFault");
    Fault entering = faultOf(executor.run("esx-par-03", new Step.EnterMaintenance()));
    assertThat(entering).isInstanceOf(Fault.HostConfigFault.class);
    assertThat(entering.message()).contains("esx-par-03");

    vcsim.control().failNextTask("esx-par-03", "Timedout");
    Fault reconfiguring =
        faultOf(
            executor.run(
                "esx-par-03",
                new Step.MovePnic("vmnic5", SwitchRef.distributed(TARGET), "uplink4")));
    assertThat(reconfiguring).isInstanceOf(Fault.DvsOperationBulkFault.class);
    assertThat(((Fault.DvsOperationBulkFault) reconfiguring).on(client.hosts().get("esx-par-03")))
        .hasValueSatisfying(f -> assertThat(f).isInstanceOf(Fault.Timedout.class));
    assertThat(reconfiguring.summary())
        .startsWith(
            "DvsOperationBulkFault (" + client.hosts().get("esx-par-03").value() + ": Timedout)");

    // not in maintenance mode: exiting is refused by vCenter, as planned from a stale read
    StepPlan exit =
        new StepPlan(
            "esx-par-03",
            new Step.ExitMaintenance(),
            List.of(
                new VimCall.ExitMaintenanceMode(client.state("esx-par-03").host().hostRef(), 0)),
            List.of(),
            null);
    assertThat(faultOf(executor.execute(exit))).isInstanceOf(Fault.InvalidState.class);
  }

  @Test
  void cuttingTheManagementAdapterOffIsRolledBackAndTheStepSaysWhatWasDone() throws Exception {
    String host = "esx-par-04";
    assertThat(executor.run(host, new Step.CreateStandardSwitch("vSwitch-empty")))
        .isInstanceOf(StepResult.Done.class);

    StepResult result =
        executor.run(
            host, new Step.MoveVmkernel("vmk0", SwitchRef.standard("vSwitch-empty"), "pg-mgmt"));

    Fault fault = faultOf(result);
    assertThat(fault).isInstanceOf(Fault.NetworkRolledBack.class);
    assertThat(fault.type()).isEqualTo("NetworkDisruptedAndConfigRolledBack");
    assertThat(((Fault.NetworkRolledBack) fault).host()).isEqualTo(host);
    assertThat(result.done()).extracting(c -> c.call().method()).containsExactly("AddPortGroup");
    assertThat(((StepResult.Failed) result).at())
        .startsWith("UpdateVirtualNic ")
        .contains("device=vmk0 portgroup=pg-mgmt");
    Inventory after = Harness.capture(vcsim);
    assertThat(Harness.host(after, host).vmkernel("vmk0").orElseThrow().switchName())
        .isEqualTo(Harness.LACP);
    assertThat(Harness.host(after, host).connectionState().wire()).isEqualTo("connected");
  }

  @Test
  void aTaskThatOutlivesItsWaitIsReportedStillRunningAndIsNotCancelled() throws Exception {
    String host = "esx-par-05";
    vcsim.control().taskTimes(Duration.ofMillis(3000), Duration.ofMillis(1000));
    try {
      StepResult result =
          executor(new StepExecutor.Options(Duration.ofMillis(600)), new Cancellation())
              .run(host, new Step.EnterMaintenance());

      assertThat(result).isInstanceOf(StepResult.Failed.class);
      assertThat(((StepResult.Failed) result).cause())
          .isInstanceOf(TaskTimeoutException.class)
          .hasMessageContaining("EnterMaintenanceMode_Task on " + host)
          .hasMessageContaining("still queued after 0.6 s")
          .hasMessageContaining("did not cancel it");
      assertThat(result.done()).isEmpty();
    } finally {
      vcsim.control().taskTimes(Duration.ofMillis(10), Duration.ofMillis(30));
    }
    // the task went on without vsguard
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!vcsim.control().host(host).inMaintenanceMode() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(vcsim.control().host(host).inMaintenanceMode()).isTrue();
  }

  @Test
  void theSynchronousMethodsAnswerTheirTypedFaults() throws Exception {
    HostRef h = client.state("esx-par-06").host().hostRef();
    VimWrites w = client.writes();

    w.addVirtualSwitch(
        new VimCall.AddVirtualSwitch(h, "vSwitch-a", new VswitchSpec(128, 0, List.of())));
    VimCallException exists =
        catchThrowableOfType(
            () ->
                w.addVirtualSwitch(
                    new VimCall.AddVirtualSwitch(
                        h, "vSwitch-a", new VswitchSpec(128, 0, List.of()))),
            VimCallException.class);
    assertThat(exists.fault())
        .isEqualTo(
            new Fault.AlreadyExists(
                "vSwitch-a", "standard switch vSwitch-a already exists on esx-par-06"));
    assertThat(exists.task()).isNull();
    assertThat(exists.getMessage())
        .isEqualTo(
            "AddVirtualSwitch on esx-par-06 failed: AlreadyExists (name=vSwitch-a):"
                + " standard switch vSwitch-a already exists on esx-par-06");

    Fault badVlan =
        catchThrowableOfType(
                () ->
                    w.addPortGroup(
                        new VimCall.AddPortGroup(h, new PortgroupSpec("pg-x", 5000, "vSwitch-a"))),
                VimCallException.class)
            .fault();
    assertThat(badVlan).isInstanceOf(Fault.InvalidArgument.class);
    assertThat(((Fault.InvalidArgument) badVlan).invalidProperty()).endsWith("vlanId");

    Fault busyPnic =
        catchThrowableOfType(
                () ->
                    w.addVirtualSwitch(
                        new VimCall.AddVirtualSwitch(
                            h, "vSwitch-b", new VswitchSpec(128, 0, List.of("vmnic4")))),
                VimCallException.class)
            .fault();
    assertThat(busyPnic).isInstanceOf(Fault.ResourceInUse.class);
    assertThat(((Fault.ResourceInUse) busyPnic).name()).isEqualTo("vmnic4");

    assertThat(
            catchThrowableOfType(
                    () -> w.removeVirtualSwitch(new VimCall.RemoveVirtualSwitch(h, "vSwitch-none")),
                    VimCallException.class)
                .fault())
        .isInstanceOf(Fault.NotFound.class);
    assertThat(
            catchThrowableOfType(
                    () -> w.removePortGroup(new VimCall.RemovePortGroup(h, "pg-none")),
                    VimCallException.class)
                .fault())
        .isInstanceOf(Fault.NotFound.class);

    // vmk1 (vMotion) may move freely; its portgroup is then in use
    w.addPortGroup(new VimCall.AddPortGroup(h, new PortgroupSpec("pg-vmotion", 20, "vSwitch-a")));
    w.updateNetworkConfig(
        new VimCall.UpdateNetworkConfig(
            h,
            List.of(),
            List.of(),
            List.of(),
            List.of(new VimCall.VnicEdit("vmk1", new VimCall.ToPortgroup("pg-vmotion")))));
    assertThat(
            Harness.host(Harness.capture(vcsim), "esx-par-06")
                .vmkernel("vmk1")
                .orElseThrow()
                .switchName())
        .isEqualTo("vSwitch-a");
    Fault inUse =
        catchThrowableOfType(
                () -> w.removePortGroup(new VimCall.RemovePortGroup(h, "pg-vmotion")),
                VimCallException.class)
            .fault();
    assertThat(inUse).isInstanceOf(Fault.ResourceInUse.class);
  }

  @Test
  void aHostVcenterCannotReachIsHostNotConnectedOrHostNotReachable() throws Exception {
    HostRef h = client.state("esx-par-08").host().hostRef();
    try {
      vcsim.control().dropHost("esx-par-08", "disconnected", 0);
      Fault disconnected =
          catchThrowableOfType(
                  () ->
                      client
                          .writes()
                          .addVirtualSwitch(
                              new VimCall.AddVirtualSwitch(
                                  h, "vSwitch-c", new VswitchSpec(128, 0, List.of()))),
                  VimCallException.class)
              .fault();
      assertThat(disconnected).isInstanceOf(Fault.HostNotConnected.class);

      vcsim.control().resetHost("esx-par-08");
      vcsim.control().dropHost("esx-par-08", "notResponding", 0);
      Fault notResponding = faultOf(executor.run("esx-par-08", new Step.EnterMaintenance()));
      assertThat(notResponding).isInstanceOf(Fault.HostNotReachable.class);

      StepResult verify = executor.run("esx-par-08", new Step.Verify());
      assertThat(verify).isInstanceOf(StepResult.Failed.class);
      assertThat(((StepResult.Failed) verify).cause())
          .isInstanceOf(CheckFailedException.class)
          .hasMessage("esx-par-08 is notResponding, expected connected");
    } finally {
      vcsim.control().resetHost("esx-par-08");
    }
    assertThat(executor.run("esx-par-08", new Step.Verify())).isInstanceOf(StepResult.Done.class);
  }

  @Test
  void anExpiredSessionIsNotAuthenticatedAndNothingIsSent() throws Exception {
    try (ApplyClient own = Harness.client(vcsim)) {
      HostRef h = own.state("esx-par-09").host().hostRef();
      long before = vcsim.control().lastCall();
      vcsim.control().expireSessions();

      VimCallException e =
          catchThrowableOfType(
              () ->
                  own.writes()
                      .addVirtualSwitch(
                          new VimCall.AddVirtualSwitch(
                              h, "vSwitch-d", new VswitchSpec(128, 0, List.of()))),
              VimCallException.class);

      assertThat(e.fault()).isInstanceOf(Fault.NotAuthenticated.class);
      assertThat(vcsim.control().callsSince(before))
          .filteredOn(c -> c.method().equals("AddVirtualSwitch"))
          .hasSize(1);
      assertThat(Harness.host(Harness.capture(vcsim), "esx-par-09").standardSwitch("vSwitch-d"))
          .isEmpty();
    } finally {
      // the shared session expired too
      client.close();
      client = Harness.client(vcsim);
      executor = executor(StepExecutor.Options.DEFAULTS, new Cancellation());
    }
  }
}
