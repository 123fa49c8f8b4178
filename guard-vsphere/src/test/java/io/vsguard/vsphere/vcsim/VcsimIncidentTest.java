package io.vsguard.vsphere.vcsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.ConnectionState;
import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Step;
import io.vsguard.core.sim.AffectedHosts;
import io.vsguard.core.sim.ExecutionBuilder;
import io.vsguard.core.sim.InventoryIndex;
import io.vsguard.vsphere.VsphereCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The 2016 incident, replayed against the simulated vCenter. Pushed as it was — the new switch's
 * pnics assigned to every host in one reconfiguration, then the VMkernel adapters — every host of
 * the LACP switch purple-screens. The rollout `vsguard stage` wrote for the same change
 * (examples/incident/staged-plan.yaml), executed call by call, crashes none and leaves every host
 * on the target switch.
 */
class VcsimIncidentTest {

  static final Path ROOT = Vcsim.repositoryRoot();
  static final Path INVENTORY = ROOT.resolve("examples/incident/inventory.json");
  static final Vcsim.Options FAST =
      Vcsim.Options.defaults().withTaskTimes(Duration.ofMillis(10), Duration.ofMillis(30));
  static final String LACP = "DVS-LACP-Prod";
  static final String TARGET = "DVS-Prod-v6";

  @Test
  void theNaivePushCrashesEveryHostOfTheLacpSwitch() throws Exception {
    ChangePlan plan = PlanLoader.load(ROOT.resolve("examples/incident/plan.yaml"));
    Inventory fixture = InventoryLoader.load(INVENTORY);
    InventoryIndex index = new InventoryIndex(fixture);
    Change change = plan.spec().changes().get(0);
    List<String> hosts = AffectedHosts.of(plan, index).of(change.id());
    List<String> lacpMembers =
        index.distributedSwitch(LACP).orElseThrow().members().stream()
            .map(DistributedSwitch.Member::host)
            .sorted()
            .toList();
    assertThat(hosts).hasSize(12).containsExactlyInAnyOrderElementsOf(lacpMembers);

    try (Vcsim vcsim = Vcsim.start(INVENTORY, FAST);
        VsphereCapture capture = VcsimRoundTripTest.pinned(vcsim)) {
      VimSession vim = VimSession.open(vcsim);
      RolloutDriver driver = new RolloutDriver(vim, RolloutDriver.captureWith(capture));
      Map<String, List<Step>> steps = new LinkedHashMap<>();
      for (String host : hosts) {
        steps.put(host, ExecutionBuilder.naiveSteps(change, index.host(host).orElseThrow(), index));
      }

      // vCenter first assigns the new switch's pnics on every host in one reconfiguration...
      VimSession.Switch target = vim.dvs(TARGET);
      List<String> members = new ArrayList<>();
      for (String host : hosts) {
        Map<String, String> backing = new LinkedHashMap<>(vim.backing(host, target.uuid()));
        Map<String, String> ports = vim.uplinkPorts(host, target.uuid());
        for (Step s : steps.get(host)) {
          if (s instanceof Step.MovePnic m) {
            backing.put(m.pnic(), ports.get(m.uplink()));
          }
        }
        members.add(vim.member("edit", host, VimSession.pnicBacking(backing)));
      }
      VimSession.TaskResult push = vim.await(vim.reconfigureDvs(TARGET, members));

      // ...then carries on with the VMkernel adapters and the old switch, host by host.
      List<String> failures = new ArrayList<>();
      for (String host : hosts) {
        for (Step s : steps.get(host)) {
          if (s instanceof Step.MovePnic) {
            continue;
          }
          try {
            driver.step(host, s);
            failures.add(host + " " + s.describe() + ": done");
          } catch (RolloutDriver.StepFailed e) {
            failures.add(host + " " + s.describe() + ": " + e.fault);
          }
        }
      }

      assertThat(push.fault()).isEqualTo("DvsOperationBulkFault");
      assertThat(push.hostFaults())
          .containsOnlyKeys(lacpMembers)
          .allSatisfy((host, fault) -> assertThat(fault).isEqualTo("HostNotReachable"));
      // the adapters cannot move on a host that does not answer; vCenter then refuses to take
      // the host off the old switch, where they still are
      assertThat(failures)
          .hasSize(12 * 3)
          .filteredOn(f -> f.contains(" move-vmkernel "))
          .hasSize(24)
          .allSatisfy(f -> assertThat(f).endsWith(": HostNotReachable"));
      assertThat(failures)
          .filteredOn(f -> f.contains(" remove-from-switch " + LACP))
          .hasSize(12)
          .allSatisfy(f -> assertThat(f).endsWith(": ResourceInUse"));
      for (VcsimControl.HostState h : vcsim.control().hosts()) {
        assertThat(h.crashed()).as(h.name()).isTrue();
        assertThat(h.connectionState()).isEqualTo("notResponding");
        assertThat(h.crash().get("from").asText()).isEqualTo(LACP);
        assertThat(h.crash().get("to").asText()).isEqualTo(TARGET);
        assertThat(h.crash().get("pnic").asText()).isIn("vmnic2", "vmnic3");
      }
      Inventory after = RolloutDriver.captureWith(capture).get();
      assertThat(after.hosts())
          .extracting(Host::connectionState)
          .containsOnly(ConnectionState.NOT_RESPONDING);
    }
  }

  @Test
  void theStagedPlanCrashesNoHostAndEndsWithEveryHostOnTheTargetSwitch() throws Exception {
    ChangePlan staged = PlanLoader.load(ROOT.resolve("examples/incident/staged-plan.yaml"));
    try (Vcsim vcsim = Vcsim.start(INVENTORY, FAST);
        VsphereCapture capture = VcsimRoundTripTest.pinned(vcsim)) {
      VimSession vim = VimSession.open(vcsim);
      Supplier<Inventory> captured = RolloutDriver.captureWith(capture);
      long before = vcsim.control().lastCall();

      new RolloutDriver(vim, captured).run(staged.spec().rollout());

      assertThat(vcsim.control().hosts())
          .hasSize(12)
          .allSatisfy(
              h -> {
                assertThat(h.crashed()).as(h.name()).isFalse();
                assertThat(h.connectionState()).isEqualTo("connected");
                assertThat(h.inMaintenanceMode()).isFalse();
              });
      Inventory after = captured.get();
      for (Host h : after.hosts()) {
        assertThat(h.standardSwitches()).as(h.name()).isEmpty();
        assertThat(h.vmkernels())
            .extracting(Vmkernel::device, Vmkernel::switchName, Vmkernel::portgroup)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("vmk0", TARGET, "pg-mgmt-v6"),
                org.assertj.core.groups.Tuple.tuple("vmk1", TARGET, "pg-vmotion-v6"),
                org.assertj.core.groups.Tuple.tuple("vmk2", "DVS-Storage", "pg-nfs"));
      }
      assertThat(dvs(after, LACP).members()).isEmpty();
      assertThat(dvs(after, TARGET).members())
          .hasSize(12)
          .allSatisfy(
              m ->
                  assertThat(m.pnics())
                      .extracting(
                          DistributedSwitch.MemberPnic::device,
                          DistributedSwitch.MemberPnic::uplink)
                      .containsExactly(
                          org.assertj.core.groups.Tuple.tuple("vmnic4", "uplink1"),
                          org.assertj.core.groups.Tuple.tuple("vmnic5", "uplink2"),
                          org.assertj.core.groups.Tuple.tuple("vmnic2", "uplink3"),
                          org.assertj.core.groups.Tuple.tuple("vmnic3", "uplink4")));
      // the appliance left esx-par-07 when it entered maintenance mode and stayed in the cluster
      assertThat(after.vcenter().host())
          .isNotNull()
          .isNotEqualTo("esx-par-07")
          .startsWith("esx-par-");
      Inventory fixture = InventoryLoader.load(INVENTORY);
      assertThat(after.hosts().stream().mapToInt(Host::vmCount).sum())
          .as("every VM still runs somewhere")
          .isEqualTo(fixture.hosts().stream().mapToInt(Host::vmCount).sum());
      assertThat(vcsim.control().callsSince(before))
          .extracting(VcsimControl.Call::method)
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
  void aGateStopsTheRolloutWhenTheCanaryRaisesAnAlarm() throws Exception {
    ChangePlan staged = PlanLoader.load(ROOT.resolve("examples/incident/staged-plan.yaml"));
    String canary = staged.spec().rollout().waves().get(0).hosts().get(0);
    String next = staged.spec().rollout().waves().get(1).hosts().get(0);
    try (Vcsim vcsim = Vcsim.start(INVENTORY, FAST);
        VsphereCapture capture = VcsimRoundTripTest.pinned(vcsim)) {
      VimSession vim = VimSession.open(vcsim);
      vcsim.control().raiseAlarm(canary, "Network uplink redundancy lost");

      RolloutDriver.StepFailed stopped =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              () ->
                  new RolloutDriver(vim, RolloutDriver.captureWith(capture))
                      .run(staged.spec().rollout()),
              RolloutDriver.StepFailed.class);

      assertThat(stopped).isNotNull();
      assertThat(stopped.host).isEqualTo(canary);
      assertThat(stopped.fault).isEqualTo("gate no-new-alarms");
      Inventory after = RolloutDriver.captureWith(capture).get();
      assertThat(
              after.hosts().stream()
                  .filter(h -> h.name().equals(canary))
                  .findFirst()
                  .orElseThrow()
                  .vmkernel("vmk0")
                  .orElseThrow()
                  .switchName())
          .isEqualTo(TARGET);
      assertThat(dvs(after, LACP).member(next)).as("the next wave never started").isPresent();
    }
  }

  static DistributedSwitch dvs(Inventory inv, String name) {
    return inv.distributedSwitches().stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
