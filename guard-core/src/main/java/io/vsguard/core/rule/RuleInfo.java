package io.vsguard.core.rule;

import io.vsguard.core.plan.Where;

/**
 * A rule's metadata, kept next to its logic: stable kebab-case id, default severity, one-line
 * summary (no trailing period), remediation and a reference an admin can follow.
 */
public record RuleInfo(
    String id, Severity severity, String summary, String remediation, String reference) {

  public RuleInfo {
    if (!id.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("rule id must be kebab-case: " + id);
    }
  }

  /** Starts a finding of this rule; {@link Where} tells which change, wave and step. */
  public Finding finding(Where where, String switchName, String host, String message) {
    return new Finding(
        id,
        severity,
        where.change(),
        where.wave(),
        where.step(),
        new Finding.Subject(switchName, host),
        message,
        remediation,
        reference,
        null);
  }
}
