package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.text.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageCommandTest {
  static final String PLAN = CheckCommandTest.INCIDENT_PLAN;
  static final String INV = CheckCommandTest.INCIDENT_INVENTORY;

  @Test
  void theStagedIncidentPlanChecksWithExit0(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("staged.yaml");
    Cli s = Cli.run("stage", "--plan", PLAN, "--inventory", INV, "--out", out.toString());
    assertThat(s.exit()).as(s.err()).isZero();
    assertThat(Files.readString(out))
        .contains("rollout:", "create-standard-switch", "vSwitch-vsguard");
    Cli c = Cli.run("check", "--plan", out.toString(), "--inventory", INV);
    assertThat(c.exit()).as(c.out()).isZero();
    assertThat(c.out()).doesNotContain("[block]");
  }

  @Test
  void theShippedStagedPlanAndRunbookAreWhatStageWrites() throws Exception {
    Cli plan = Cli.run("stage", "--plan", PLAN, "--inventory", INV);
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out())
        .isEqualTo(Files.readString(Path.of("../examples/incident/staged-plan.yaml")));
    Cli runbook = Cli.run("stage", "--plan", PLAN, "--inventory", INV, "--format", "markdown");
    assertThat(runbook.exit()).as(runbook.err()).isZero();
    assertThat(runbook.out())
        .isEqualTo(Files.readString(Path.of("../examples/incident/runbook.md")));
  }

  @Test
  void maxWaveAndSoakAreHonoured() throws Exception {
    Cli s =
        Cli.run(
            "stage",
            "--plan",
            "../examples/safe/plan.yaml",
            "--inventory",
            INV,
            "--max-wave",
            "2",
            "--soak",
            "30",
            "--format",
            "json");
    assertThat(s.exit()).as(s.err()).isZero();
    JsonNode waves = Json.json().readTree(s.out()).at("/spec/rollout/waves");
    assertThat(waves.size()).isGreaterThan(1);
    for (JsonNode w : waves) {
      assertThat(w.get("hosts").size()).isLessThanOrEqualTo(2);
      assertThat(w.at("/gate/soakMinutes").asInt()).isEqualTo(30);
    }
  }

  @Test
  void theRunbookHasOneSectionPerWaveWithGates() {
    Cli s = Cli.run("stage", "--plan", PLAN, "--inventory", INV, "--format", "markdown");
    assertThat(s.exit()).isZero();
    assertThat(s.out())
        .startsWith("# Runbook: CHG-2016-1122-01")
        .contains(
            "## Wave 1: canary",
            "## Wave 12: vcenter-host — esx-par-07",
            "**Gate.** Wait 15 minutes",
            "If any check fails: stop here");
  }

  @Test
  void aSwitchWideLacpChangeIsRefusedWithTheAlternative(@TempDir Path dir) throws Exception {
    Path plan = dir.resolve("lag.yaml");
    Files.writeString(
        plan,
        """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-LAG}
        spec:
          changes:
            - {id: c1, action: reconfigure-lag, switch: DVS-LACP-Prod, lag: lag1, set: {loadBalancing: srcDestIp}}
        """);
    Cli s = Cli.run("stage", "--plan", plan.toString(), "--inventory", INV);
    assertThat(s.exit()).isEqualTo(ExitCodes.BLOCK);
    assertThat(s.out()).isEmpty();
    assertThat(s.err())
        .contains(
            "no safe rollout for CHG-LAG",
            "written to all 12 member hosts at once",
            "Build a new switch");
  }

  @Test
  void checkSuggestsTheStagedRollout() throws Exception {
    Cli c = Cli.run("check", "--plan", PLAN, "--inventory", INV, "--output", "json");
    JsonNode d = Json.json().readTree(c.out());
    assertThat(d.at("/suggestedRollout/waves").size()).isEqualTo(12);
    assertThat(d.at("/suggestedRollout/waves/0/hosts").size()).isEqualTo(1);
  }

  @Test
  void aBadMaxWaveIsAUsageError() {
    Cli s = Cli.run("stage", "--plan", PLAN, "--inventory", INV, "--max-wave", "0");
    assertThat(s.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
  }

  @Test
  void theRunbookSaysHowVmsMoveWithAHostThatCannotBeEvacuated() throws Exception {
    String dir = "../examples/corpus/88-paris-drs-off-allow-without-maintenance/";
    Cli runbook =
        Cli.run(
            "stage",
            "--plan",
            dir + "plan.yaml",
            "--inventory",
            dir + "inventory.json",
            "--policy",
            dir + "policy",
            "--format",
            "markdown");
    assertThat(runbook.exit()).as(runbook.err()).isZero();
    assertThat(runbook.out())
        .contains(
            "Migrate VM networking of the VMs on esx-par-12 only: every adapter on DVS-LACP-Prod / pg-prod-web"
                + " to standard:vSwitch-vsguard / pg-prod-web")
        .contains("pg-prod-web (VLAN 100, active uplink vmnic3)")
        .doesNotContain("maintenance mode and wait");
  }
}
