package io.vsguard.core.decision;

import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Severity;
import java.util.List;

/** The answer. ERROR means the guard could not evaluate; it is never a pass. */
public enum Verdict {
  ALLOW,
  WARN,
  BLOCK,
  ERROR;

  /** BLOCK if any finding that counts is block, else WARN if any is warn, else ALLOW. */
  public static Verdict of(List<Finding> findings) {
    boolean warn = false;
    for (Finding f : findings) {
      if (!f.counts()) {
        continue;
      }
      if (f.severity() == Severity.BLOCK) {
        return BLOCK;
      }
      warn |= f.severity() == Severity.WARN;
    }
    return warn ? WARN : ALLOW;
  }
}
