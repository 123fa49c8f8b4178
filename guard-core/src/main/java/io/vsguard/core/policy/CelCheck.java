package io.vsguard.core.policy;

import io.vsguard.core.rule.Evaluation;
import java.util.HashMap;
import java.util.Map;

/**
 * What a custom rule evaluates: the condition that must hold, and the message when it does not.
 * Results are read strictly — only a boolean condition and a string message count; anything else is
 * an evaluation error (the decision becomes ERROR), never a pass.
 */
record CelCheck(
    String ruleId, CelExpression condition, String message, CelExpression messageExpression) {

  /**
   * The variables every custom rule sees; {@code change} or {@code wave} is empty where it does not
   * apply.
   */
  static Map<String, Object> vars(Evaluation ev, Object change, Object wave) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("plan", ev.documents().plan());
    vars.put("inventory", ev.documents().inventory());
    vars.put("change", change);
    vars.put("wave", wave);
    vars.put("now", timestamp(ev.now()));
    return vars;
  }

  private static com.google.protobuf.Timestamp timestamp(java.time.Instant t) {
    return com.google.protobuf.Timestamp.newBuilder()
        .setSeconds(t.getEpochSecond())
        .setNanos(t.getNano())
        .build();
  }

  boolean holds(Map<String, Object> vars) {
    Object r = condition.eval(vars);
    if (r instanceof Boolean b) {
      return b;
    }
    throw new CustomRuleFailure("expression returned " + r + ", not a boolean", null);
  }

  String message(Map<String, Object> vars) {
    if (messageExpression == null) {
      return message;
    }
    Object r = messageExpression.eval(vars);
    if (r instanceof String s) {
      return s;
    }
    throw new CustomRuleFailure("messageExpression returned " + r + ", not a string", null);
  }

  String source() {
    return condition.source();
  }
}
