package io.vsguard.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.Plans;
import io.vsguard.core.RuleTester;
import io.vsguard.core.check.Checker;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.PlanRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.sim.Deadline;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardTest {
  private static final Inventory SMALL = load();

  private static Inventory load() {
    try {
      return InventoryLoader.parse("inv.yaml", RuleTester.SMALL);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Guard.Report evaluate(String plan) throws Exception {
    ChangePlan p = PlanLoader.parse("plan.yaml", plan);
    return Guard.of(PolicyPack.builtIn()).evaluate(p, SMALL, RuleTester.NOW, Deadline.NONE);
  }

  @Test
  void aFindingCarriesTheWaveStepAndHostWhereManagementLostItsUplink() throws Exception {
    String steps =
        Plans.steps(
            s ->
                s.replace("- {op: move-pnic, pnic: vmnic1, to: \"standard:vSwitch-mig\"}\n", "")
                    .replace(
                        "- {op: move-pnic, pnic: vmnic0, to: \"standard:vSwitch-mig\"}\n",
                        "- {op: move-pnic, pnic: vmnic0, to: \"standard:vSwitch-mig\"}\n- {op: move-pnic, pnic: vmnic1, to: \"standard:vSwitch-mig\"}\n"));
    Guard.Report r =
        evaluate(
            Plans.stagedWith(
                steps, "{cluster: prod}", Plans.GATE, "esx-01", "esx-02", "esx-03", "esx-04"));
    List<Finding> mgmt =
        r.findings().stream().filter(f -> f.rule().equals("management-connectivity")).toList();
    assertThat(mgmt).hasSize(4);
    Finding first = mgmt.get(0);
    assertThat(first.wave()).isEqualTo("w1");
    assertThat(first.step()).isEqualTo(3);
    assertThat(first.subject().host()).isEqualTo("esx-01");
    assertThat(first.change()).isEqualTo("c1");
    assertThat(first.message())
        .contains("after wave w1, step 3 (move-vmkernel vmk0 -> standard:vSwitch-mig / mgmt)");
  }

  @Test
  void theSafeRolloutPassesEveryRule() throws Exception {
    assertThat(evaluate(Plans.SAFE_ROLLOUT).findings()).isEmpty();
  }

  @Test
  void theNaivePushBreaksTheIncidentRules() throws Exception {
    List<String> rules =
        evaluate(Plans.NAIVE_MIGRATION).findings().stream()
            .map(Finding::rule)
            .distinct()
            .sorted()
            .toList();
    assertThat(rules)
        .containsExactly(
            "all-hosts-at-once",
            "canary-first",
            "lacp-direct-migration",
            "maintenance-required",
            "management-connectivity",
            "vcenter-host-last");
  }

  @Test
  void findingsAreOrderedByChangeWaveStepRuleAndAreTheSameEveryTime() throws Exception {
    List<Finding> a = evaluate(Plans.NAIVE_MIGRATION).findings();
    List<Finding> b = evaluate(Plans.NAIVE_MIGRATION).findings();
    assertThat(a).isEqualTo(b);
    assertThat(a.get(0).change()).isNull();
    for (int i = 1; i < a.size(); i++) {
      Finding p = a.get(i - 1);
      Finding f = a.get(i);
      if (p.change() != null && f.change() != null && p.step() != null && f.step() != null) {
        assertThat(p.step()).isLessThanOrEqualTo(f.step());
      }
    }
  }

  @Test
  void aStepRuleReportsOncePerHostAndWave() throws Exception {
    long lacp =
        evaluate(Plans.NAIVE_MIGRATION).findings().stream()
            .filter(f -> f.rule().equals("lacp-direct-migration"))
            .count();
    assertThat(lacp).isEqualTo(4);
  }

  @Test
  void aRuleThatThrowsMakesTheDecisionErrorNeverAllow() throws Exception {
    PlanRule broken =
        new PlanRule() {
          @Override
          public RuleInfo info() {
            return new RuleInfo("broken-rule", Severity.WARN, "Throws", "none", "none");
          }

          @Override
          public List<Finding> checkPlan(Evaluation ev) {
            throw new IllegalStateException("boom");
          }
        };
    PolicyPack pack = PolicyPack.builtIn();
    Checker checker =
        Checker.of(
            new PolicyPack(
                "test",
                pack.sha256(),
                pack.settings(),
                pack.parameters(),
                pack.exemptions(),
                List.of(broken)));
    ChangePlan p = PlanLoader.parse("plan.yaml", Plans.SAFE_ROLLOUT);
    Decision d =
        checker.check(
            Inputs.of(
                p,
                Plans.SAFE_ROLLOUT.getBytes(StandardCharsets.UTF_8),
                SMALL,
                RuleTester.SMALL.getBytes(StandardCharsets.UTF_8)),
            RuleTester.NOW,
            Deadline.NONE);
    assertThat(d.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(d.error().message()).contains("rule broken-rule failed").contains("boom");
    assertThat(d.findings()).isEmpty();
  }

  @Test
  void theDecisionCarriesTheInputHashes() throws Exception {
    ChangePlan p = PlanLoader.parse("plan.yaml", Plans.NAIVE_MIGRATION);
    Decision d =
        Checker.of(PolicyPack.builtIn())
            .check(
                Inputs.of(
                    p,
                    Plans.NAIVE_MIGRATION.getBytes(StandardCharsets.UTF_8),
                    SMALL,
                    RuleTester.SMALL.getBytes(StandardCharsets.UTF_8)),
                RuleTester.NOW,
                Deadline.NONE);
    assertThat(d.verdict()).isEqualTo(Verdict.BLOCK);
    assertThat(d.plan().id()).isEqualTo("CHG-NAIVE");
    assertThat(d.plan().sha256()).hasSize(64);
    assertThat(d.inventory().sha256()).hasSize(64).isNotEqualTo(d.plan().sha256());
    assertThat(d.inventory().source()).isEqualTo("https://vc.test/sdk");
  }
}
