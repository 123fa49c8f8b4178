package io.vsguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.check.Checker;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.Limits;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.stage.StageResult;
import io.vsguard.core.text.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What stage writes for the largest inventory check accepts (Limits.HOSTS hosts), check reads, as
 * YAML and as JSON, with one host per wave: the most waves and the largest staged plan there is.
 */
class StageOutputAtTheBoundTest {
  private static final Instant NOW = SiteGenerator.CAPTURED_AT.plusSeconds(60);

  @Test
  void theStagedPlanOfTheLargestAcceptedSiteIsAPlanCheckAccepts() throws Exception {
    SiteGenerator.Options o = SiteGenerator.Options.of(Limits.HOSTS);
    byte[] invRaw =
        Json.json().writerWithDefaultPrettyPrinter().writeValueAsBytes(SiteGenerator.inventory(o));
    Inventory inv = InventoryLoader.read("inventory.json", invRaw);
    assertThat(inv.hosts()).hasSize(Limits.HOSTS);
    ChangePlan plan =
        PlanLoader.read(
            "plan.yaml", SiteGenerator.dangerousPlan(o).getBytes(StandardCharsets.UTF_8));

    // One host per wave: the most waves a staged plan can have, and its largest document.
    Parameters params = Parameters.DEFAULTS.withMaxWaveHosts(1);
    StageResult r =
        Checker.of(PolicyPack.builtIn().withParameters(params))
            .stage(Inputs.of(plan, new byte[0], inv, invRaw), NOW, Deadline.NONE);
    assertThat(r).as("%s", r).isInstanceOf(StageResult.Staged.class);
    ChangePlan staged = ((StageResult.Staged) r).plan();
    assertThat(staged.spec().rollout().waves()).hasSize(Limits.WAVES);
    // As StageCommand writes it, then as CheckCommand reads it.
    byte[] yaml = Json.yaml().writeValueAsString(staged).getBytes(StandardCharsets.UTF_8);
    byte[] json = (Json.pretty(staged) + "\n").getBytes(StandardCharsets.UTF_8);
    assertThat((long) Math.max(yaml.length, json.length)).isLessThan(Limits.PLAN_BYTES);
    assertThat(PlanLoader.read("staged.yaml", yaml).spec().rollout())
        .isEqualTo(staged.spec().rollout());
    assertThat(PlanLoader.read("staged.json", json).spec().rollout())
        .isEqualTo(staged.spec().rollout());
  }
}
