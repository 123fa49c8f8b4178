package io.vsguard.cli.serve;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many refused requests the server records, per client and in all. Every refusal is an fsync'd
 * audit record, so a client without a token could otherwise grow the log by megabytes a second and
 * slow every reader. Each client (an IPv4 address, an IPv6 /64) has an allowance of {@link #BURST}
 * refusals, refilled at {@link #PER_MINUTE} a minute; all clients together {@link #GLOBAL_BURST},
 * refilled at {@link #GLOBAL_PER_MINUTE} a minute. Beyond it a refusal is answered 429 and not
 * recorded by itself: the first one of each {@link #INTERVAL} is recorded as {@code rate-limited},
 * and the next record of that client says how many went unrecorded.
 *
 * <p>Only refusals count: a request with a valid token is never limited here, so a pipeline behind
 * the same address as a token-guessing client still gets its decisions.
 */
final class RefusalLimiter {
  static final int BURST = 30;
  static final int PER_MINUTE = 30;
  static final int GLOBAL_BURST = 300;
  static final int GLOBAL_PER_MINUTE = 600;
  static final Duration INTERVAL = Duration.ofMinutes(1);

  /** Clients remembered at once; the least recently refused is forgotten first. */
  static final int MAX_CLIENTS = 10_000;

  static final String ALL_CLIENTS = "*";

  /**
   * What to do with one refusal. {@code record}: write its record (a plain refusal, or the
   * rate-limited record that opens an interval when {@code limited}); {@code limited}: answer 429.
   * {@code suppressed} is how many of the client's refusals went unrecorded before this one, {@code
   * until} the end of the interval, {@code client} who is limited (an address, a /64, or {@code *}
   * for everyone).
   */
  record Admission(
      boolean record, boolean limited, long suppressed, Instant until, String client) {}

  private static final class Bucket {
    double tokens;
    Instant refilled;
    Instant limitedUntil;
    long suppressed;

    Bucket(double tokens, Instant now) {
      this.tokens = tokens;
      this.refilled = now;
    }
  }

  private final Clock clock;
  private final Bucket global;
  private final Map<String, Bucket> clients =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  RefusalLimiter(Clock clock) {
    this.clock = clock;
    this.global = new Bucket(GLOBAL_BURST, clock.instant());
  }

  synchronized Admission admit(String remoteAddress) {
    Instant now = clock.instant();
    String key = clientKey(remoteAddress);
    Bucket b = clients.computeIfAbsent(key, k -> new Bucket(BURST, now));
    refill(b, now, BURST, PER_MINUTE);
    refill(global, now, GLOBAL_BURST, GLOBAL_PER_MINUTE);
    if (b.tokens >= 1 && global.tokens >= 1) {
      b.tokens -= 1;
      global.tokens -= 1;
      long s = b.suppressed;
      b.suppressed = 0;
      return new Admission(true, false, s, null, key);
    }
    // Over the client's allowance, or everyone's: the client's own, when it is the one over.
    Bucket limitedBy = b.tokens < 1 ? b : global;
    String who = limitedBy == b ? key : ALL_CLIENTS;
    if (limitedBy.limitedUntil == null || !now.isBefore(limitedBy.limitedUntil)) {
      limitedBy.limitedUntil = now.plus(INTERVAL);
      long s = limitedBy.suppressed;
      limitedBy.suppressed = 0;
      return new Admission(true, true, s, limitedBy.limitedUntil, who);
    }
    limitedBy.suppressed++;
    return new Admission(false, true, 0, limitedBy.limitedUntil, who);
  }

  private static void refill(Bucket b, Instant now, int burst, int perMinute) {
    double minutes = Duration.between(b.refilled, now).toMillis() / 60_000.0;
    if (minutes > 0) {
      b.tokens = Math.min(burst, b.tokens + minutes * perMinute);
      b.refilled = now;
    }
  }

  /**
   * An IPv4 address as it is; an IPv6 address by its /64, the block one host usually has to itself.
   */
  static String clientKey(String remoteAddress) {
    if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
      return String.valueOf(remoteAddress);
    }
    try {
      InetAddress a = InetAddress.getByName(remoteAddress.replace("[", "").replace("]", ""));
      if (a instanceof Inet6Address) {
        byte[] b = a.getAddress();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
          s.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
        }
        return s.append(":/64").toString();
      }
      return a.getHostAddress();
    } catch (UnknownHostException e) {
      return remoteAddress;
    }
  }
}
