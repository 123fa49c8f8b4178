package io.vsguard.core.plan;

/** Where in the plan a finding arose: change id, wave name and 1-based step; each may be null. */
public record Where(String change, String wave, Integer step) {
  public static final Where PLAN = new Where(null, null, null);

  public static Where change(String id) {
    return new Where(id, null, null);
  }

  public static Where wave(String wave) {
    return new Where(null, wave, null);
  }
}
