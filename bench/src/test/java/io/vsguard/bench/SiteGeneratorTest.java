package io.vsguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.check.Checker;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.policy.PolicyLoader;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.sim.Deadline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated site loads, is blocked for the 2016 reason, and stages; options are checked. */
class SiteGeneratorTest {
  private static final Instant NOW = SiteGenerator.CAPTURED_AT.plusSeconds(60);

  @Test
  void writesASiteThatLoadsAndIsBlockedForTheIncidentsReason(@TempDir Path dir) throws Exception {
    assertThat(
            SiteGenerator.run(
                new String[] {"--hosts", "100", "--out", dir.toString(), "--critical-vms", "3"},
                new PrintStream(new ByteArrayOutputStream()),
                System.err))
        .isZero();
    byte[] invRaw = Files.readAllBytes(dir.resolve("inventory.json"));
    byte[] planRaw = Files.readAllBytes(dir.resolve("plan.yaml"));
    Inventory inv = InventoryLoader.read("inventory.json", invRaw);
    ChangePlan plan = PlanLoader.read("plan.yaml", planRaw);
    assertThat(inv.hosts()).hasSize(100);
    assertThat(inv.clusters()).hasSize(4);
    assertThat(inv.vcenter().host()).isEqualTo("esx-00050");
    assertThat(inv.distributedSwitches().get(0).usesLacp()).isTrue();

    Checker checker = Checker.of(PolicyLoader.load(dir.resolve("policy.yaml")));
    Decision d = checker.check(Inputs.of(plan, planRaw, inv, invRaw), NOW, Deadline.NONE);
    assertThat(d.verdict()).isEqualTo(Verdict.BLOCK);
    assertThat(d.findings())
        .extracting(Finding::rule)
        .contains("lacp-direct-migration", "all-hosts-at-once");
    assertThat(d.suggestedRollout()).isNotNull();
    // the vCenter host last and alone
    var waves = d.suggestedRollout().waves();
    assertThat(waves.get(waves.size() - 1).hosts()).containsExactly("esx-00050");
  }

  @Test
  void theSameOptionsWriteTheSameBytes(@TempDir Path dir) throws Exception {
    SiteGenerator.Options o =
        new SiteGenerator.Options(70, 16, SiteGenerator.SourceLacp.BASIC, 0, 2);
    SiteGenerator.write(o, dir.resolve("a"));
    SiteGenerator.write(o, dir.resolve("b"));
    assertThat(Files.readAllBytes(dir.resolve("a/inventory.json")))
        .isEqualTo(Files.readAllBytes(dir.resolve("b/inventory.json")));
    assertThat(
            InventoryLoader.read("a", Files.readAllBytes(dir.resolve("a/inventory.json")))
                .vcenter())
        .isNull();
  }

  @Test
  void badOptionsExitTwoWithTheReason() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(
            SiteGenerator.run(
                new String[] {"--hosts", "0", "--out", "x"},
                System.out,
                new PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(2);
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("--hosts must be 1 to 100000");
    err.reset();
    assertThat(
            SiteGenerator.run(
                new String[] {"--hosts", "ten", "--out", "x"},
                System.out,
                new PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(2);
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("--hosts takes a whole number, not 'ten'");
  }
}
