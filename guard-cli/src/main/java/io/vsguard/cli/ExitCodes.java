package io.vsguard.cli;

/** Exit codes automation relies on (docs/spec/cli.md, section 2). */
public final class ExitCodes {
  /** ALLOW, and WARN unless --fail-on warn. */
  public static final int ALLOW = 0;

  /** BLOCK, or WARN with --fail-on warn. */
  public static final int BLOCK = 1;

  /** Usage or input error: the message names the file, the line or field and what was expected. */
  public static final int INPUT_ERROR = 2;

  /** The guard could not evaluate. Fail closed. */
  public static final int ERROR = 3;

  /**
   * apply halted: a step, a check against the prediction or a gate failed, or it was cancelled; the
   * output says where, what is half done and the way back.
   */
  public static final int HALTED = 4;

  private ExitCodes() {}
}
