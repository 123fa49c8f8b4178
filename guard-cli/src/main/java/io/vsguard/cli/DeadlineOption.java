package io.vsguard.cli;

import io.vsguard.core.sim.Deadline;
import java.math.BigDecimal;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --deadline SECONDS}: how long the evaluation may take (docs/spec/cli.md, section 1). Past it, check answers
 * ERROR (exit 3) and stage gives up (exit 3); reading the files and a vCenter capture are bounded
 * by the document limits and {@code --timeout}, not by this.
 */
final class DeadlineOption {
  static final String DEFAULT_SECONDS = "60";
  /** A generous bound: the largest accepted site checks in seconds. */
  static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(86_400);

  @Option(names = "--deadline", paramLabel = "SECONDS", defaultValue = DEFAULT_SECONDS,
      description = "Time the evaluation may take, in seconds (decimals allowed; default "
          + DEFAULT_SECONDS + "). Past it: ERROR, exit 3.")
  BigDecimal seconds;

  /** Null when the value is usable; otherwise what is wrong with it. */
  String problem() {
    if (seconds.signum() <= 0 || seconds.compareTo(MAX_SECONDS) > 0) {
      return "--deadline takes a number of seconds above 0 and at most " + MAX_SECONDS + ", not "
          + seconds.toPlainString();
    }
    return null;
  }

  /** The deadline, counted from now. */
  Deadline start() {
    long nanos = seconds.movePointRight(9).max(BigDecimal.ONE).longValue();
    return Deadline.after(Duration.ofNanos(nanos));
  }
}
