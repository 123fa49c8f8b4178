package io.vsguard.core.policy;

import java.util.Map;

/** What CEL custom rules share: a strict reading of results. */
final class CustomRules {
  private CustomRules() {}

  /** Only a boolean counts; anything else is an evaluation error (fail closed), never a pass. */
  static boolean holds(CelExpression e, Map<String, Object> vars, String ruleId) {
    Object r = e.eval(vars);
    if (r instanceof Boolean b) {
      return b;
    }
    throw new IllegalStateException("custom rule " + ruleId + ": expression returned " + r + ", not a boolean");
  }

  static String message(String fixed, CelExpression expr, Map<String, Object> vars, String ruleId) {
    if (expr == null) {
      return fixed;
    }
    Object r = expr.eval(vars);
    if (r instanceof String s) {
      return s;
    }
    throw new IllegalStateException("custom rule " + ruleId + ": messageExpression returned " + r + ", not a string");
  }
}
