package io.vsguard.core.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.Checks;
import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Parameters;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagerTest {
  private static final Instant NOW = Instant.parse("2016-11-22T10:40:00Z");

  private static Inventory incidentInventory() throws Exception {
    return InventoryLoader.load(Path.of("../examples/incident/inventory.json"));
  }

  private static ChangePlan incidentPlan() throws Exception {
    return PlanLoader.load(Path.of("../examples/incident/plan.yaml"));
  }

  @Test
  void stagesTheIncidentIntoARolloutThatChecksClean() throws Exception {
    Inventory inv = incidentInventory();
    StageResult r = Checks.stage(PolicyPack.builtIn(), incidentPlan(), inv, NOW);
    assertThat(r).isInstanceOf(StageResult.Staged.class);
    ChangePlan staged = ((StageResult.Staged) r).plan();
    List<Rollout.Wave> waves = staged.spec().rollout().waves();

    assertThat(waves.get(0).hosts()).hasSize(1);
    Rollout.Wave last = waves.get(waves.size() - 1);
    assertThat(last.hosts()).containsExactly("esx-par-07");
    assertThat(waves.stream().flatMap(w -> w.hosts().stream())).hasSize(12).doesNotHaveDuplicates();
    assertThat(waves).allSatisfy(w -> assertThat(w.gate().effective()).isTrue());

    var findings = Checks.check(PolicyPack.builtIn(), staged, inv, NOW).findings();
    assertThat(Verdict.of(findings)).isIn(Verdict.ALLOW, Verdict.WARN);
  }

  @Test
  void everyLacpPnicPassesThroughAStandardSwitchBeforeTheTarget() throws Exception {
    ChangePlan staged =
        ((StageResult.Staged)
                Checks.stage(PolicyPack.builtIn(), incidentPlan(), incidentInventory(), NOW))
            .plan();
    for (Rollout.Wave w : staged.spec().rollout().waves()) {
      List<String> onStandard = new ArrayList<>();
      for (Step s : w.steps()) {
        if (s instanceof Step.MovePnic m && m.to().standard()) {
          onStandard.add(m.pnic());
        }
        if (s instanceof Step.MovePnic m && m.to().distributed()) {
          assertThat(onStandard)
              .as("wave %s: %s reaches %s via the standard switch", w.name(), m.pnic(), m.to())
              .contains(m.pnic());
        }
      }
      assertThat(w.steps().get(0)).isEqualTo(new Step.EnterMaintenance());
      assertThat(w.steps().get(w.steps().size() - 1)).isEqualTo(new Step.ExitMaintenance());
    }
  }

  @Test
  void respectsTheWaveBoundsWhenHaAllowsMore() throws Exception {
    Inventory inv =
        InventoryLoader.parse(
            "inv.yaml",
            RuleTester.SMALL
                .replace("haHostFailuresTolerated: 1", "haHostFailuresTolerated: 3")
                .replace(
                    "hosts: [esx-01, esx-02, esx-03, esx-04]",
                    "hosts: [esx-01, esx-02, esx-03, esx-04]"));
    ChangePlan plan = PlanLoader.parse("plan.yaml", Plans.NAIVE_MIGRATION);
    StageResult r = Checks.stage(PolicyPack.builtIn(), plan, inv, NOW);
    List<Rollout.Wave> waves = ((StageResult.Staged) r).plan().spec().rollout().waves();
    // 4 hosts at 25 % per wave: one host per wave, the vCenter host (esx-04) last
    assertThat(waves)
        .extracting(Rollout.Wave::hosts)
        .containsExactly(
            List.of("esx-01"), List.of("esx-02"), List.of("esx-03"), List.of("esx-04"));
  }

  @Test
  void putsTheHostsOfCriticalVmsAfterTheOthersAndBeforeTheVcenterHost() throws Exception {
    Inventory inv =
        InventoryLoader.parse(
            "inv.yaml",
            RuleTester.SMALL
                .replace("haHostFailuresTolerated: 1", "haHostFailuresTolerated: 3")
                .replace("    vmCount: 11\n", "    vmCount: 11\n    vms: [dns01]\n"));
    ChangePlan plan = PlanLoader.parse("plan.yaml", Plans.NAIVE_MIGRATION);
    Parameters p = Parameters.DEFAULTS;
    Parameters critical =
        new Parameters(
            p.maxWaveHosts(),
            p.maxWavePercent(),
            p.soakMinutes(),
            p.maxInventoryAgeMinutes(),
            p.defaultHostFailuresTolerated(),
            p.maxLagsPerSwitch(),
            p.maxPortsPerLag(),
            p.requireWindow(),
            p.gateChecks(),
            List.of("dns01"),
            List.of());
    StageResult r = Checks.stage(Checks.builtIn(critical), plan, inv, NOW);
    ChangePlan staged = ((StageResult.Staged) r).plan();
    // esx-01 has the fewest VMs but runs dns01: it is no canary, it goes just before vCenter's
    // host.
    assertThat(staged.spec().rollout().waves())
        .extracting(Rollout.Wave::hosts)
        .containsExactly(
            List.of("esx-02"), List.of("esx-03"), List.of("esx-01"), List.of("esx-04"));
    assertThat(((StageResult.Staged) r).notes()).contains("late: esx-01 runs critical VMs dns01");
    var findings = Checks.check(Checks.builtIn(critical), staged, inv, NOW).findings();
    assertThat(Verdict.of(findings)).isIn(Verdict.ALLOW, Verdict.WARN);
  }

  @Test
  void refusesASwitchWideLagEditWithTheNewSwitchAlternative() throws Exception {
    ChangePlan plan =
        PlanLoader.parse(
            "plan.yaml",
            """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-LAG}
        spec:
          changes:
            - {id: c1, action: reconfigure-lag, switch: DVS-LACP, lag: lag1, set: {mode: passive}}
        """);
    StageResult r =
        Checks.stage(
            PolicyPack.builtIn(), plan, InventoryLoader.parse("inv.yaml", RuleTester.SMALL), NOW);
    assertThat(r).isInstanceOf(StageResult.Refused.class);
    assertThat(((StageResult.Refused) r).reasons())
        .singleElement()
        .asString()
        .contains(
            "written to all 4 member hosts at once",
            "Build a new switch",
            "migrate hosts to it in waves");
  }

  @Test
  void refusesWhenAnAffectedHostIsDisconnected() throws Exception {
    Inventory inv =
        InventoryLoader.parse(
            "inv.yaml",
            RuleTester.SMALL.replaceFirst(
                "(name: esx-02[\\s\\S]*?connectionState: )connected", "$1disconnected"));
    StageResult r =
        Checks.stage(
            PolicyPack.builtIn(), PlanLoader.parse("plan.yaml", Plans.NAIVE_MIGRATION), inv, NOW);
    assertThat(((StageResult.Refused) r).reasons())
        .anyMatch(s -> s.contains("esx-02 is disconnected"));
  }

  @Test
  void refusesAnUnknownName() throws Exception {
    StageResult r =
        Checks.stage(
            PolicyPack.builtIn(),
            PlanLoader.parse(
                "plan.yaml", Plans.NAIVE_MIGRATION.replace("to: DVS-New", "to: DVS-Nwe")),
            InventoryLoader.parse("inv.yaml", RuleTester.SMALL),
            NOW);
    assertThat(((StageResult.Refused) r).reasons())
        .anyMatch(s -> s.contains("no distributed switch named 'DVS-Nwe'"));
  }

  @Test
  void refusesWhenHaLeavesNoRoomForMaintenance() throws Exception {
    Inventory inv =
        InventoryLoader.parse(
            "inv.yaml",
            RuleTester.SMALL.replace("haHostFailuresTolerated: 1", "haHostFailuresTolerated: 0"));
    StageResult r =
        Checks.stage(
            PolicyPack.builtIn(), PlanLoader.parse("plan.yaml", Plans.NAIVE_MIGRATION), inv, NOW);
    assertThat(((StageResult.Refused) r).reasons())
        .singleElement()
        .asString()
        .contains("cluster prod can take no host into maintenance mode");
  }

  /**
   * A switch-wide change is one gated switch-level wave; an upgrade goes last and is the point of
   * no return.
   */
  @Test
  void writesSwitchWideChangesAsSwitchLevelWavesUpgradeLast() throws Exception {
    ChangePlan plan =
        PlanLoader.parse(
            "plan.yaml",
            """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-SW}
        spec:
          changes:
          - {id: c1, action: upgrade-switch, switch: DVS-New, version: 6.5.0}
          - {id: c2, action: set-mtu, switch: DVS-New, mtu: 9000}
        """);
    // The hosts run ESXi 6.7, so the switch may go to 6.5.0.
    Inventory inv =
        InventoryLoader.parse(
            "inventory.yaml",
            RuleTester.SMALL.replace(
                "    cluster: prod\n    version: 6.0.0\n",
                "    cluster: prod\n    version: 6.7.0\n"));
    StageResult r = Checks.stage(PolicyPack.builtIn(), plan, inv, RuleTester.NOW);
    assertThat(r).isInstanceOf(StageResult.Staged.class);
    StageResult.Staged staged = (StageResult.Staged) r;
    List<Rollout.Wave> waves = staged.plan().spec().rollout().waves();
    assertThat(waves)
        .extracting(Rollout.Wave::name)
        .containsExactly("c2-set-mtu", "c1-upgrade-switch");
    assertThat(waves)
        .allSatisfy(
            w -> {
              assertThat(w.switchName()).isEqualTo("DVS-New");
              assertThat(w.hosts()).isEmpty();
              assertThat(w.gate().effective()).isTrue();
            });
    assertThat(staged.notes())
        .anySatisfy(n -> assertThat(n).startsWith("point of no return: wave c1-upgrade-switch"));
    assertThat(
            Verdict.of(
                Checks.check(PolicyPack.builtIn(), staged.plan(), inv, RuleTester.NOW).findings()))
        .isEqualTo(Verdict.WARN);
  }

  @Test
  void refusesASwitchWideChangeOfASharedLacpSwitchNamingLagGlobalChange() throws Exception {
    ChangePlan plan =
        PlanLoader.parse(
            "plan.yaml",
            """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-SW}
        spec:
          changes:
          - {id: c1, action: set-mtu, switch: DVS-LACP, mtu: 9000}
        """);
    StageResult r =
        Checks.stage(
            PolicyPack.builtIn(),
            plan,
            InventoryLoader.parse("inventory.yaml", RuleTester.SMALL),
            RuleTester.NOW);
    assertThat(r).isInstanceOf(StageResult.Refused.class);
    assertThat(((StageResult.Refused) r).reasons())
        .singleElement()
        .asString()
        .contains("lag-global-change")
        .contains("Build a new switch");
  }

  @Test
  void aClusterWithoutDrsKeepsMaintenanceModeUnlessThePolicyAllowsOtherwise() throws Exception {
    Inventory inv =
        InventoryLoader.parse(
            "inv.yaml",
            io.vsguard.core.VmSites.drsOff(io.vsguard.core.VmSites.withVms(RuleTester.SMALL, 100)));
    ChangePlan plan = PlanLoader.parse("plan.yaml", Plans.NAIVE_MIGRATION);
    StageResult.Staged maintained =
        (StageResult.Staged) Checks.stage(PolicyPack.builtIn(), plan, inv, NOW);
    assertThat(maintained.notes()).anyMatch(n -> n.startsWith("DRS is off for cluster prod"));
    assertThat(maintained.plan().spec().rollout().waves().get(0).steps())
        .first()
        .isInstanceOf(Step.EnterMaintenance.class);

    PolicyPack allowing =
        PolicyPack.builtIn()
            .withParameters(PolicyPack.builtIn().parameters().withAllowWithoutMaintenance(true));
    StageResult.Staged through = (StageResult.Staged) Checks.stage(allowing, plan, inv, NOW);
    assertThat(through.notes())
        .anyMatch(n -> n.startsWith("without maintenance mode: 4 hosts of cluster prod"));
    List<Step> steps = through.plan().spec().rollout().waves().get(0).steps();
    assertThat(steps)
        .noneMatch(Step.EnterMaintenance.class::isInstance)
        .filteredOn(Step.MoveVmAdapters.class::isInstance)
        .extracting(Step::describe)
        .containsExactly(
            "move-vm-adapters DVS-LACP / pg-web -> standard:vSwitch-vsguard / pg-web",
            "move-vm-adapters standard:vSwitch-vsguard / pg-web -> DVS-New / pg-web-new");
    assertThat(((Step.CreateStandardSwitch) steps.get(0)).portgroups())
        .extracting(Step.StandardPortgroup::name)
        .containsExactly("pg-mgmt", "pg-vmotion", "pg-web");
  }
}
