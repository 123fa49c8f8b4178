package io.vsguard.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vsguard.core.check.Checker;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.rule.Rule;
import io.vsguard.core.rules.Catalog;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.text.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same inputs give the same decision, byte for byte but for its id and timestamp. */
class DeterminismTest {
  private static final Path PLAN = Path.of("../examples/incident/plan.yaml");
  private static final Path INVENTORY = Path.of("../examples/incident/inventory.json");

  static String decide(Instant now) throws Exception {
    byte[] plan = Files.readAllBytes(PLAN);
    byte[] inv = Files.readAllBytes(INVENTORY);
    Decision d =
        Checker.of(PolicyPack.builtIn())
            .check(
                Inputs.of(
                    PlanLoader.read("plan.yaml", plan),
                    plan,
                    InventoryLoader.read("inventory.json", inv),
                    inv),
                now,
                Deadline.NONE);
    ObjectNode tree = Json.json().valueToTree(d);
    tree.remove("decisionId");
    tree.remove("timestamp");
    return Json.pretty(tree);
  }

  @Test
  void twoChecksOfTheIncidentAreIdentical() throws Exception {
    Instant now = Instant.parse("2016-11-22T11:00:00Z");
    assertThat(decide(now)).isEqualTo(decide(now));
  }

  @Test
  void theOrderOfRulesInTheCatalogDoesNotChangeTheOutput() throws Exception {
    Instant now = Instant.parse("2016-11-22T11:00:00Z");
    List<Rule> reversed = new ArrayList<>(Catalog.builtIn());
    Collections.reverse(reversed);
    ChangePlan plan = PlanLoader.load(PLAN);
    Inventory inv = InventoryLoader.load(INVENTORY);
    assertThat(
            new Guard(reversed, Parameters.DEFAULTS, Map.of(), List.of())
                .evaluate(plan, inv, now, Deadline.NONE)
                .findings())
        .isNotEmpty()
        .isEqualTo(
            new Guard(Catalog.builtIn(), Parameters.DEFAULTS, Map.of(), List.of())
                .evaluate(plan, inv, now, Deadline.NONE)
                .findings());
  }

  @Test
  void checksWithinTheSameMinuteAreIdenticalEvenOutsideTheWindow() throws Exception {
    // Outside the plan's window and on a stale snapshot: the time-dependent messages are stable.
    assertThat(decide(Instant.parse("2026-11-25T07:54:46.665319732Z")))
        .isEqualTo(decide(Instant.parse("2026-11-25T07:54:59.1Z")));
  }
}
