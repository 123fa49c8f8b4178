package io.vsguard.core.rule;

/**
 * A rule of the catalog. Each rule is one small final class carrying its {@link RuleInfo} and its
 * logic. It looks at the plan's intents ({@link PlanRule}), at the shape of the rollout ({@link
 * RolloutRule}), or at every simulated step ({@link StepRule}); a rule may do several.
 */
public sealed interface Rule permits PlanRule, RolloutRule, StepRule {
  RuleInfo info();
}
