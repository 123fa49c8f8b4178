package io.vsguard.core.policy;

import io.vsguard.core.rule.RuleInfo;

/**
 * A site rule of a policy pack, written in CEL: its metadata and the check it evaluates. Where it
 * is evaluated — once per change or once per wave — is the subclass.
 */
public abstract sealed class CelRule permits CelChangeRule, CelWaveRule {
  private final RuleInfo info;
  final CelCheck check;

  CelRule(RuleInfo info, CelCheck check) {
    this.info = info;
    this.check = check;
  }

  public final RuleInfo info() {
    return info;
  }

  /** The condition as the pack wrote it. */
  public final String expression() {
    return check.source();
  }

  /** What the rule is evaluated for: {@code change} or {@code wave}. */
  public abstract String scope();
}
