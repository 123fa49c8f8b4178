package io.vsguard.vsphere.transport;

import io.vsguard.vsphere.VsphereException;
import java.time.Duration;

/**
 * Sends an idempotent read again, a bounded number of times, when the connection broke or vCenter
 * said it is briefly unavailable (502/503/504). Never retries a call that changes server state
 * (Login, CreateContainerView, a paging continuation whose token would advance) and never a
 * timeout: a slow vCenter asked twice is only slower.
 */
public final class RetryingRoundTrip implements RoundTrip {
  /** How the retry waits; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final RoundTrip inner;
  private final int maxAttempts;
  private final Duration backoff;
  private final Sleeper sleeper;

  public RoundTrip inner() {
    return inner;
  }

  public RetryingRoundTrip(RoundTrip inner, int maxAttempts, Duration backoff) {
    this(inner, maxAttempts, backoff, d -> Thread.sleep(d.toMillis()));
  }

  public RetryingRoundTrip(RoundTrip inner, int maxAttempts, Duration backoff, Sleeper sleeper) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be 1 or more");
    }
    this.inner = inner;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  @Override
  public <T> T send(SoapRequest request, ResponseReader<T> reader) throws VsphereException {
    int attempts = request.idempotent() ? maxAttempts : 1;
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= attempts;
      try {
        // a transient status is answered again before anything is decoded; the last one is decoded
        // as it is
        Attempt<T> a =
            inner.send(
                request,
                (status, body) ->
                    !last && transientStatus(status)
                        ? new Attempt<>(false, null)
                        : new Attempt<>(true, reader.read(status, body)));
        if (a.done()) {
          return a.value();
        }
      } catch (UnreachableException | ConnectionLostException e) {
        if (last) {
          throw e;
        }
      }
      try {
        sleeper.sleep(backoff.multipliedBy(attempt));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportTimeoutException(
            "interrupted while waiting to retry " + request.operation(), e);
      }
    }
  }

  private record Attempt<T>(boolean done, T value) {}

  private static boolean transientStatus(int status) {
    return status == 502 || status == 503 || status == 504;
  }

  @Override
  public void close() {
    inner.close();
  }
}
