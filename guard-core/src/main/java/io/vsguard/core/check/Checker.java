package io.vsguard.core.check;

import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Decisions;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.engine.Guard;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.rule.Rule;
import io.vsguard.core.rules.Catalog;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.stage.StageResult;
import io.vsguard.core.stage.Stager;
import io.vsguard.core.text.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One check from loaded documents to a Decision. Any failure while evaluating turns into an
 * ERROR decision: the guard fails closed.
 */
public final class Checker {
  private final Guard guard;
  private final Stager stager;
  private final Decision.PolicyRef policy;

  public Checker(List<Rule> rules, Parameters params, String policyName) {
    this.guard = new Guard(rules, params);
    this.stager = new Stager(guard);
    this.policy = new Decision.PolicyRef(policyName, Decisions.sha256(fingerprint(rules, params)));
  }

  /** A check under a policy pack: its rules, severities, parameters and exemptions. */
  public Checker(PolicyPack pack) {
    this.guard = new Guard(pack.rules(), pack.parameters(), pack.overrides(), pack.exemptions());
    this.stager = new Stager(guard);
    this.policy = new Decision.PolicyRef(pack.name(), pack.sha256());
  }

  /** The built-in catalog with default parameters. */
  public static Checker builtIn() {
    return new Checker(Catalog.builtIn(), Parameters.DEFAULTS, "built-in");
  }

  public Guard guard() {
    return guard;
  }

  public Stager stager() {
    return stager;
  }

  public Decision.PolicyRef policy() {
    return policy;
  }

  public Decision check(ChangePlan plan, byte[] planRaw, Inventory inventory, byte[] inventoryRaw, Instant now) {
    return check(plan, planRaw, inventory, inventoryRaw, now, Deadline.NONE);
  }

  /**
   * A check that must finish before {@code deadline}: past it, the decision is ERROR and says
   * so, and no more work is done for it.
   */
  public Decision check(ChangePlan plan, byte[] planRaw, Inventory inventory, byte[] inventoryRaw, Instant now,
      Deadline deadline) {
    Decision.PlanRef planRef = new Decision.PlanRef(plan.metadata().id(), Decisions.sha256(planRaw));
    Decision.InventoryRef invRef = Decisions.inventoryRef(inventory, inventoryRaw);
    try {
      Guard.Report report = guard.evaluate(plan, inventory, now, deadline);
      Rollout suggested = null;
      if (Verdict.of(report.findings()) == Verdict.BLOCK
          && stager.stage(plan, inventory, now, deadline, plan.spec().rollout() == null ? report.findings() : null)
              instanceof StageResult.Staged staged) {
        suggested = staged.plan().spec().rollout();
      }
      return Decisions.of(report.findings(), planRef, invRef, policy, suggested, now);
    } catch (RuntimeException e) {
      return Decisions.error(e.getMessage(), planRef, invRef,
          policy, now);
    }
  }

  /** What the policy hash covers: every active rule with its severity, and the parameters. */
  private static String fingerprint(List<Rule> rules, Parameters params) {
    Map<String, Object> doc = new LinkedHashMap<>();
    Map<String, String> sev = new java.util.TreeMap<>();  // by id: the same rules hash the same in any order
    rules.forEach(r -> sev.put(r.info().id(), r.info().severity().wire()));
    doc.put("rules", sev);
    doc.put("parameters", params);
    return Json.pretty(doc);
  }
}
