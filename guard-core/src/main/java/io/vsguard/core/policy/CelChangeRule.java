package io.vsguard.core.policy;

import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.Where;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.PlanRule;
import io.vsguard.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A site rule written in CEL, evaluated once per change. Like a Kubernetes
 * ValidatingAdmissionPolicy, the expression states what must hold: when it is false, the rule
 * reports a finding with its message.
 */
public final class CelChangeRule extends CelRule implements PlanRule {
  CelChangeRule(RuleInfo info, CelCheck check) {
    super(info, check);
  }

  @Override
  public String scope() {
    return "change";
  }

  @Override
  public List<Finding> checkPlan(Evaluation ev) {
    List<Finding> out = new ArrayList<>();
    List<Object> changes = asList(ev.documents().plan().get("spec"));
    for (int i = 0; i < ev.plan().spec().changes().size(); i++) {
      Change c = ev.plan().spec().changes().get(i);
      Map<String, Object> vars = CelCheck.vars(ev, changes.get(i), Map.of());
      if (!check.holds(vars)) {
        out.add(
            info()
                .finding(
                    Where.change(c.id()),
                    c.distributedSwitches().get(0),
                    null,
                    check.message(vars)));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object spec) {
    return (List<Object>) ((Map<String, Object>) spec).get("changes");
  }
}
