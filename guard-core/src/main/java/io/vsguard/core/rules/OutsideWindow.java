package io.vsguard.core.rules;

import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Where;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.rule.PlanRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import java.util.List;

/**
 * A change run outside its approved window runs without the people and the freeze calendar it was
 * approved with. It warns by default and blocks when the site requires windows ({@code
 * requireWindow}), in which case a plan without a window is reported too. A freeze period of the
 * policy pack blocks.
 */
public final class OutsideWindow implements PlanRule {
  public static final RuleInfo INFO =
      new RuleInfo(
          "outside-window",
          Severity.WARN,
          "Now is outside the plan's change window or inside a freeze, or the site requires a window and the plan has none",
          "Reschedule inside the window, or amend the window through change management",
          "docs/spec/rules.md, section 1 (outside-window); docs/spec/formats.md, section 4 (requireWindow, freezes)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> checkPlan(Evaluation ev) {
    // To the minute: a message that changes every nanosecond makes two identical checks differ.
    java.time.Instant now = ev.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    // A freeze is the site's own calendar: it blocks whatever the plan's window says.
    for (Parameters.Freeze fr : ev.params().freezes()) {
      if (fr.covers(ev.now())) {
        return List.of(
            INFO.finding(
                    Where.PLAN,
                    null,
                    null,
                    "now ("
                        + now
                        + ") is inside the freeze "
                        + fr.start()
                        + " to "
                        + fr.end()
                        + ": "
                        + fr.reason())
                .withSeverity(Severity.BLOCK));
      }
    }
    ChangePlan.Window w = ev.plan().spec().window();
    boolean required = ev.params().requireWindow();
    Finding f;
    if (w == null) {
      if (!required) {
        return List.of();
      }
      f =
          INFO.finding(
              Where.PLAN, null, null, "the site requires a change window and the plan has none");
    } else if (ev.now().isBefore(w.start().toInstant()) || ev.now().isAfter(w.end().toInstant())) {
      f =
          INFO.finding(
              Where.PLAN,
              null,
              null,
              "now (" + now + ") is outside the change window " + w.start() + " to " + w.end());
    } else {
      return List.of();
    }
    return List.of(required ? f.withSeverity(Severity.BLOCK) : f);
  }
}
