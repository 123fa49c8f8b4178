package io.vsguard.core.rule;

import java.util.List;

/** Checks the plan's intents against the inventory, before anything is simulated. */
public non-sealed interface PlanRule extends Rule {
  List<Finding> checkPlan(Evaluation ev);
}
