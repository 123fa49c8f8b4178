package io.vsguard.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.core.check.Checker;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.stage.StageResult;
import io.vsguard.core.stage.Stager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * An evaluation past its deadline stops and is an ERROR, never a pass; within it, nothing changes.
 */
class DeadlineTest {
  private static final Instant NOW = Instant.parse("2016-11-22T11:00:00Z");

  private static byte[] bytes(String f) throws Exception {
    return Files.readAllBytes(Path.of("../examples/incident/" + f));
  }

  @Test
  void aCheckPastItsDeadlineIsAnErrorThatSaysSo() throws Exception {
    byte[] planRaw = bytes("plan.yaml");
    byte[] invRaw = bytes("inventory.json");
    ChangePlan plan = PlanLoader.read("plan.yaml", planRaw);
    Inventory inv = InventoryLoader.read("inventory.json", invRaw);
    Decision d =
        Checker.of(PolicyPack.builtIn())
            .check(Inputs.of(plan, planRaw, inv, invRaw), NOW, Deadline.after(Duration.ZERO));
    assertThat(d.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(d.findings()).isEmpty();
    assertThat(d.suggestedRollout()).isNull();
    assertThat(d.error().message())
        .isEqualTo(
            "the evaluation did not finish within its deadline of 0 s; nothing was"
                + " decided (a larger site or plan needs a longer deadline)");
  }

  @Test
  void withinItsDeadlineACheckDecidesAsWithout() throws Exception {
    byte[] planRaw = bytes("plan.yaml");
    byte[] invRaw = bytes("inventory.json");
    ChangePlan plan = PlanLoader.read("plan.yaml", planRaw);
    Inventory inv = InventoryLoader.read("inventory.json", invRaw);
    Checker checker = Checker.of(PolicyPack.builtIn());
    Inputs in = Inputs.of(plan, planRaw, inv, invRaw);
    Decision with = checker.check(in, NOW, Deadline.after(Duration.ofMinutes(5)));
    Decision without = checker.check(in, NOW, Deadline.NONE);
    assertThat(with.verdict()).isEqualTo(Verdict.BLOCK);
    assertThat(with.findings()).isEqualTo(without.findings());
    assertThat(with.suggestedRollout()).isEqualTo(without.suggestedRollout());
  }

  @Test
  void theStagerStopsAtItsDeadlineAndOffersNothing() throws Exception {
    ChangePlan plan = PlanLoader.read("plan.yaml", bytes("plan.yaml"));
    Inventory inv = InventoryLoader.read("inventory.json", bytes("inventory.json"));
    assertThatThrownBy(
            () ->
                new Stager(Guard.of(PolicyPack.builtIn()))
                    .stage(plan, inv, NOW, Deadline.after(Duration.ZERO)))
        .isInstanceOf(Deadline.Exceeded.class)
        .hasMessageContaining("did not finish within its deadline of 0 s");
    StageResult r =
        Checker.of(PolicyPack.builtIn())
            .stage(
                Inputs.of(plan, bytes("plan.yaml"), inv, bytes("inventory.json")),
                NOW,
                Deadline.after(Duration.ZERO));
    assertThat(r)
        .isEqualTo(
            new StageResult.Failed(
                "the evaluation did not finish within its deadline of 0 s;"
                    + " nothing was decided (a larger site or plan needs a longer deadline)"));
  }

  @Test
  void aDeadlineIsNotNegativeAndNoneNeverPasses() {
    assertThatThrownBy(() -> Deadline.after(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Deadline.NONE.passed()).isFalse();
    assertThat(Deadline.after(Duration.ofDays(3650)).passed()).isFalse();
    assertThat(Deadline.after(Duration.ZERO).passed()).isTrue();
  }
}
