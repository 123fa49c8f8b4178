package io.vsguard.vsphere.apply;

import static io.vsguard.vsphere.apply.Harness.LACP;
import static io.vsguard.vsphere.apply.Harness.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.SwitchRef;
import io.vsguard.vsphere.vcsim.Vcsim;
import io.vsguard.vsphere.vcsim.VcsimControl;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 2016 incident through the apply client. The staged plan `vsguard stage` wrote, carried out
 * step by step by {@link StepExecutor}, crashes no host and leaves every host on the target switch;
 * the naive move of an LACP pnic, planned and sent by the same executor, crashes its host — the
 * client sends what it says.
 */
class ApplyIncidentTest {

  @Test
  void theStagedPlanThroughTheExecutorCrashesNoHostAndEndsOnTheTargetSwitch() throws Exception {
    ChangePlan staged = PlanLoader.load(Harness.ROOT.resolve("examples/incident/staged-plan.yaml"));
    try (Vcsim vcsim = Vcsim.start(Harness.INVENTORY, Harness.FAST);
        ApplyClient client = Harness.client(vcsim)) {
      StepExecutor executor =
          new StepExecutor(
              client,
              new StepPlanner(StepPlanner.Options.DEFAULTS),
              StepExecutor.Options.DEFAULTS,
              new Cancellation());
      List<String> sent = new ArrayList<>();
      for (Rollout.Wave wave : staged.spec().rollout().waves()) {
        for (String host : wave.hosts()) {
          for (Step step : wave.steps()) {
            StepResult result = executor.run(host, step);
            assertThat(result)
                .as(host + " " + step.describe() + ": " + result)
                .isInstanceOf(StepResult.Done.class);
            result.done().forEach(c -> sent.add(c.call().method()));
          }
        }
      }

      assertThat(vcsim.control().hosts())
          .hasSize(12)
          .allSatisfy(
              h -> {
                assertThat(h.crashed()).as(h.name()).isFalse();
                assertThat(h.connectionState()).isEqualTo("connected");
                assertThat(h.inMaintenanceMode()).isFalse();
              });
      Inventory after = Harness.capture(vcsim);
      for (Host h : after.hosts()) {
        assertThat(h.standardSwitches()).as(h.name()).isEmpty();
        assertThat(h.vmkernels())
            .extracting(Vmkernel::device, Vmkernel::switchName, Vmkernel::portgroup)
            .containsExactly(
                tuple("vmk0", TARGET, "pg-mgmt-v6"),
                tuple("vmk1", TARGET, "pg-vmotion-v6"),
                tuple("vmk2", "DVS-Storage", "pg-nfs"));
      }
      assertThat(Harness.dvs(after, LACP).members()).isEmpty();
      assertThat(Harness.dvs(after, TARGET).members())
          .hasSize(12)
          .allSatisfy(
              m ->
                  assertThat(m.pnics())
                      .extracting(
                          DistributedSwitch.MemberPnic::device,
                          DistributedSwitch.MemberPnic::uplink)
                      .containsExactly(
                          tuple("vmnic4", "uplink1"),
                          tuple("vmnic5", "uplink2"),
                          tuple("vmnic2", "uplink3"),
                          tuple("vmnic3", "uplink4")));
      assertThat(after.vcenter().host()).isNotEqualTo("esx-par-07").startsWith("esx-par-");
      assertThat(sent)
          .contains(
              "EnterMaintenanceMode_Task",
              "AddVirtualSwitch",
              "UpdateNetworkConfig",
              "AddPortGroup",
              "UpdateVirtualNic",
              "ReconfigureDvs_Task",
              "RemoveVirtualSwitch",
              "ExitMaintenanceMode_Task");
    }
  }

  @Test
  void theNaiveMoveOfAnLacpPnicThroughTheExecutorCrashesTheHost() throws Exception {
    String host = "esx-par-03";
    try (Vcsim vcsim = Vcsim.start(Harness.INVENTORY, Harness.FAST);
        ApplyClient client = Harness.client(vcsim)) {
      StepExecutor executor =
          new StepExecutor(
              client,
              new StepPlanner(StepPlanner.Options.DEFAULTS),
              StepExecutor.Options.DEFAULTS,
              new Cancellation());
      Step naive = new Step.MovePnic("vmnic2", SwitchRef.distributed(TARGET), "uplink3");
      StepPlan plan = executor.plan(host, naive);
      assertThat(plan.calls()).singleElement().isInstanceOf(VimCall.ReconfigureDvs.class);
      assertThat(plan.describe().get(0))
          .startsWith("ReconfigureDvs_Task ")
          .contains("(" + TARGET + ")")
          .contains("host[edit ")
          .contains("(" + host + ")")
          .contains("vmnic2 uplink3 (port ");

      StepResult result = executor.execute(plan);

      assertThat(result).isInstanceOf(StepResult.Failed.class);
      StepResult.Failed failed = (StepResult.Failed) result;
      assertThat(failed.cause()).isInstanceOf(VimCallException.class);
      Fault fault = ((VimCallException) failed.cause()).fault();
      assertThat(fault).isInstanceOf(Fault.DvsOperationBulkFault.class);
      Fault onHost =
          ((Fault.DvsOperationBulkFault) fault).on(client.hosts().get(host)).orElseThrow();
      assertThat(onHost).isInstanceOf(Fault.HostNotReachable.class);
      assertThat(onHost.message()).contains("vmnic2", LACP, TARGET);
      VcsimControl.HostState state = vcsim.control().host(host);
      assertThat(state.crashed()).isTrue();
      assertThat(state.crash().get("pnic").asText()).isEqualTo("vmnic2");
      assertThat(vcsim.control().hosts())
          .filteredOn(h -> !h.name().equals(host))
          .noneMatch(VcsimControl.HostState::crashed);
    }
  }
}
