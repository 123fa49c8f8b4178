package io.vsguard.core.policy;

/**
 * A custom rule that could not be evaluated: a CEL runtime error, or a result of the wrong type.
 * The message is written for the pack's author; the decision becomes ERROR, never a pass.
 */
public final class CustomRuleFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CustomRuleFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
