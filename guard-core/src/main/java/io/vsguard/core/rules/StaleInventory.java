package io.vsguard.core.rules;

import io.vsguard.core.plan.Where;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.PlanRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import java.time.Duration;
import java.util.List;

/** A decision is only as current as its inventory: an old snapshot may miss a host added since. */
public final class StaleInventory implements PlanRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "stale-inventory",
          Severity.WARN,
          "The inventory snapshot is older than maxInventoryAgeMinutes",
          "Re-capture the inventory (vsguard inventory export) or check against the live vCenter",
          "docs/spec/rules.md, section 1 (stale-inventory); docs/spec/formats.md, section 4 (maxInventoryAgeMinutes)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkPlan(Evaluation ev) {
    var captured = ev.index().inventory().capturedAt();
    long age = Duration.between(captured, ev.now()).toMinutes();
    if (age <= ev.params().maxInventoryAgeMinutes()) {
      return List.of();
    }
    return List.of(
        INFO.finding(
            Where.PLAN,
            null,
            null,
            "the inventory was captured at "
                + captured
                + ", "
                + human(age)
                + " ago; the limit is "
                + ev.params().maxInventoryAgeMinutes()
                + " minutes"));
  }

  private static String human(long minutes) {
    if (minutes < 120) {
      return minutes + " minutes";
    }
    if (minutes < 2 * 24 * 60) {
      return minutes / 60 + " hours";
    }
    return minutes / (24 * 60) + " days";
  }
}
