package io.vsguard.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Decisions;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.policy.PolicyLoader;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.rule.PlanRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.stage.StageResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one way in: a pack's check and stage, one policy hash, and failures that never pass. */
class CheckerTest {
  private static final byte[] PLAN = Plans.NAIVE_MIGRATION.getBytes(StandardCharsets.UTF_8);
  private static final byte[] INVENTORY = RuleTester.SMALL.getBytes(StandardCharsets.UTF_8);

  private static Inputs inputs() throws Exception {
    return Inputs.of(
        PlanLoader.read("plan.yaml", PLAN),
        PLAN,
        InventoryLoader.read("inventory.yaml", INVENTORY),
        INVENTORY);
  }

  /** The built-in pack and a rule that throws: every plan is a rule failure. */
  private static PolicyPack withBrokenRule() {
    PlanRule broken =
        new PlanRule() {
          @Override
          public RuleInfo info() {
            return new RuleInfo("broken-rule", Severity.WARN, "Throws", "none", "none");
          }

          @Override
          public List<Finding> checkPlan(Evaluation ev) {
            throw new IllegalStateException("index out of sync");
          }
        };
    PolicyPack p = PolicyPack.builtIn();
    return new PolicyPack(
        "broken", p.sha256(), p.settings(), p.parameters(), p.exemptions(), List.of(broken));
  }

  @Test
  void aDecisionNamesThePolicyByThePacksOwnHashAndTheInputsByTheirBytes() throws Exception {
    PolicyPack pack = PolicyLoader.load(Path.of("../policies/examples/production"));
    Decision d = Checker.of(pack).check(inputs(), RuleTester.NOW, Deadline.NONE);
    assertThat(d.policy()).isEqualTo(new Decision.PolicyRef(pack.name(), pack.sha256()));
    assertThat(d.plan()).isEqualTo(new Decision.PlanRef("CHG-NAIVE", Decisions.sha256(PLAN)));
    assertThat(d.inventory().sha256()).isEqualTo(Decisions.sha256(INVENTORY));
    assertThat(d.verdict()).isEqualTo(Verdict.BLOCK);
  }

  @Test
  void theBuiltInPackIsTheShippedDefaultHashedAsItsFile() throws Exception {
    PolicyPack shipped = PolicyLoader.load(Path.of("../policies/default"));
    PolicyPack builtIn = PolicyPack.builtIn();
    assertThat(builtIn.name()).isEqualTo("default");
    assertThat(builtIn.sha256()).isEqualTo(shipped.sha256());
    assertThat(builtIn.parameters()).isEqualTo(shipped.parameters()).isEqualTo(Parameters.DEFAULTS);
    assertThat(builtIn.rules()).isEqualTo(shipped.rules());
  }

  @Test
  void otherParametersMakeAnotherPolicyWithAnotherHash() {
    PolicyPack pack = PolicyPack.builtIn();
    PolicyPack narrow = pack.withParameters(pack.parameters().withMaxWaveHosts(2));
    assertThat(narrow.parameters().maxWaveHosts()).isEqualTo(2);
    assertThat(narrow.name()).isEqualTo(pack.name());
    assertThat(narrow.sha256())
        .hasSize(64)
        .isNotEqualTo(pack.sha256())
        .isEqualTo(pack.withParameters(pack.parameters().withMaxWaveHosts(2)).sha256());
    assertThat(pack.withParameters(pack.parameters().withSoakMinutes(30)).sha256())
        .isNotEqualTo(narrow.sha256());
    assertThat(pack.withParameters(Parameters.DEFAULTS)).isSameAs(pack);
    assertThat(narrow.rules()).isEqualTo(pack.rules());
  }

  @Test
  void theStageUsesThePacksParameters() throws Exception {
    Inputs in = inputs();
    PolicyPack pack = PolicyPack.builtIn();
    StageResult wide =
        Checker.of(pack.withParameters(pack.parameters().withSoakMinutes(45)))
            .stage(in, RuleTester.NOW, Deadline.NONE);
    assertThat(wide).isInstanceOf(StageResult.Staged.class);
    assertThat(((StageResult.Staged) wide).plan().spec().rollout().waves())
        .allSatisfy(w -> assertThat(w.gate().soakMinutes()).isEqualTo(45));
  }

  @Test
  void anInventoryThatCannotBeReadIsAnErrorThatNamesWhereItWasToComeFrom() throws Exception {
    Inputs.Hashed<ChangePlan> plan = Inputs.Hashed.of(PlanLoader.read("plan.yaml", PLAN), PLAN);
    Decision.InventoryRef where =
        new Decision.InventoryRef(null, "https://vc.test/sdk", null, "verified");
    Decision d =
        Checker.of(PolicyPack.builtIn())
            .inventoryUnavailable(
                plan,
                where,
                "cannot capture the inventory" + " from https://vc.test/sdk: connection refused",
                RuleTester.NOW);
    assertThat(d.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(d.error().message()).contains("connection refused");
    assertThat(d.plan()).isEqualTo(new Decision.PlanRef("CHG-NAIVE", Decisions.sha256(PLAN)));
    assertThat(d.inventory()).isEqualTo(where);
    assertThat(d.policy().sha256()).isEqualTo(PolicyPack.builtIn().sha256());
    assertThat(d.findings()).isEmpty();
  }

  @Test
  void aRuleThatFailsIsAnErrorOnCheckAndAFailureOnStageNeverAnException() throws Exception {
    Checker checker = Checker.of(withBrokenRule());
    Decision d = checker.check(inputs(), RuleTester.NOW, Deadline.NONE);
    assertThat(d.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(d.error().message())
        .isEqualTo("rule broken-rule failed: IllegalStateException: index out of sync");
    assertThat(checker.stage(inputs(), RuleTester.NOW, Deadline.NONE))
        .isEqualTo(
            new StageResult.Failed(
                "rule broken-rule failed: IllegalStateException: index out of sync"));
  }
}
