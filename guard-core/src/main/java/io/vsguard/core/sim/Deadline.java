package io.vsguard.core.sim;

import java.time.Duration;

/**
 * When an evaluation must have finished. The engine checks it between steps of its own loops
 * (simulated steps, rules, waves being packed) and gives up with {@link Exceeded} once it has
 * passed, so a plan that would take too long ends in an ERROR decision and frees its thread instead
 * of running on after its caller has gone. Measured on the monotonic clock.
 */
public final class Deadline {
  /** No deadline: for callers that bound the work themselves (tests, benchmarks). */
  public static final Deadline NONE = new Deadline(Long.MAX_VALUE, null);

  private final long endNanos;
  private final Duration budget;

  private Deadline(long endNanos, Duration budget) {
    this.endNanos = endNanos;
    this.budget = budget;
  }

  /** A deadline {@code budget} from now. */
  public static Deadline after(Duration budget) {
    if (budget.isNegative()) {
      throw new IllegalArgumentException("a deadline budget cannot be negative: " + budget);
    }
    long nanos = budget.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE / 4 : budget.toNanos();
    return new Deadline(System.nanoTime() + nanos, budget);
  }

  /** The budget this deadline was made with; null for {@link #NONE}. */
  public Duration budget() {
    return budget;
  }

  public boolean passed() {
    return this != NONE && System.nanoTime() - endNanos >= 0;
  }

  /** Throws {@link Exceeded} once the deadline has passed. */
  public void check() {
    if (passed()) {
      throw new Exceeded(budget);
    }
  }

  /** The evaluation ran out of time; the decision is ERROR, never a pass. */
  public static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exceeded(Duration budget) {
      super(
          "the evaluation did not finish within its deadline of "
              + human(budget)
              + "; nothing was decided (a larger site or plan needs a longer deadline)");
    }

    /** "60 s", "1.5 s", "0.000001 s": the budget as given, in seconds. */
    private static String human(Duration d) {
      java.math.BigDecimal s =
          java.math.BigDecimal.valueOf(d.getSeconds())
              .add(java.math.BigDecimal.valueOf(d.getNano(), 9))
              .stripTrailingZeros();
      return (s.signum() == 0 ? "0" : s.toPlainString()) + " s";
    }
  }
}
