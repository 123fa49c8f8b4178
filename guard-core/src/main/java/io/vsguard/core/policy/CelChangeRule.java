package io.vsguard.core.policy;

import dev.cel.common.types.SimpleType;
import io.vsguard.core.plan.Change;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.PlanRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Where;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A site rule written in CEL, evaluated once per change. Like a Kubernetes
 * ValidatingAdmissionPolicy, the expression states what must hold: when it is false, the rule
 * reports a finding with its message.
 */
public final class CelChangeRule implements PlanRule {
  private final RuleInfo info;
  private final CelExpression expression;
  private final String message;
  private final CelExpression messageExpression;

  CelChangeRule(RuleInfo info, CelExpression expression, String message, CelExpression messageExpression) {
    this.info = info;
    this.expression = expression;
    this.message = message;
    this.messageExpression = messageExpression;
  }

  static CelExpression compile(String source) throws CelExpression.CompileError {
    return CelExpression.compile(source, SimpleType.BOOL);
  }

  @Override
  public RuleInfo info() {
    return info;
  }

  public String expression() {
    return expression.source();
  }

  @Override
  public List<Finding> checkPlan(Evaluation ev) {
    List<Finding> out = new ArrayList<>();
    List<Object> changes = asList(ev.documents().plan().get("spec"));
    for (int i = 0; i < ev.plan().spec().changes().size(); i++) {
      Change c = ev.plan().spec().changes().get(i);
      Map<String, Object> vars = new HashMap<>();
      vars.put("plan", ev.documents().plan());
      vars.put("inventory", ev.documents().inventory());
      vars.put("change", changes.get(i));
      vars.put("wave", Map.of());
      vars.put("now", ev.documents().now());
      if (!CustomRules.holds(expression, vars, info.id())) {
        out.add(info.finding(Where.change(c.id()), c.distributedSwitches().get(0), null,
            CustomRules.message(message, messageExpression, vars, info.id())));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object spec) {
    return (List<Object>) ((Map<String, Object>) spec).get("changes");
  }
}
