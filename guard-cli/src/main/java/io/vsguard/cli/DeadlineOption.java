package io.vsguard.cli;

import java.math.BigDecimal;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --deadline SECONDS}: how long an evaluation may take (docs/spec/cli.md, section 1). Past
 * it, check answers ERROR (exit 3), stage gives up (exit 3), and serve answers 503; reading the
 * files and a vCenter capture are bounded by the document limits and {@code --timeout}, not by
 * this.
 */
final class DeadlineOption {
  static final String DEFAULT_SECONDS = "60";

  /** A generous bound: the largest accepted site checks in seconds. */
  static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(86_400);

  /**
   * What a server can afford per request: an evaluation holds one of its threads and a core until
   * it ends, and HTTP clients and proxies seldom wait longer than this for an answer.
   */
  static final String SERVE_MAX = "300";

  static final BigDecimal SERVE_MAX_SECONDS = new BigDecimal(SERVE_MAX);

  @Option(
      names = "--deadline",
      paramLabel = "SECONDS",
      defaultValue = DEFAULT_SECONDS,
      description =
          "Time an evaluation may take, in seconds (decimals allowed; default "
              + DEFAULT_SECONDS
              + "; serve at most "
              + SERVE_MAX
              + "). Past it: ERROR, never a pass.")
  BigDecimal seconds;

  /** Null when the value is usable by check and stage; otherwise what is wrong with it. */
  String problem() {
    return problem(MAX_SECONDS);
  }

  /** Null when the value is above 0 and at most {@code max}; otherwise what is wrong with it. */
  String problem(BigDecimal max) {
    if (seconds.signum() <= 0 || seconds.compareTo(max) > 0) {
      return "--deadline takes a number of seconds above 0 and at most "
          + max
          + ", not "
          + seconds.toPlainString();
    }
    return null;
  }

  /** The time an evaluation may take; each evaluation starts its own deadline from it. */
  Duration budget() {
    return Duration.ofNanos(seconds.movePointRight(9).max(BigDecimal.ONE).longValue());
  }
}
