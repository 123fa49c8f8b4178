package io.vsguard.cli.serve;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Web-view sessions: a random id in an HttpOnly, SameSite=Strict cookie maps to the name of the
 * token that logged in and to the session's own CSRF token, which the session's forms carry (see
 * {@link Csrf}). Kept in memory only (a restart logs everyone out) and never holding the API token
 * itself; a session ends at logout or {@link #LIFETIME} after login.
 */
public final class Sessions {
  static final Duration LIFETIME = Duration.ofHours(8);
  private static final int ID_BYTES = 32;

  /** A live session: {@code csrf} is what its forms must carry back. */
  public record Session(String id, String tokenName, String csrf, Instant expires) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Clock clock;

  public Sessions(Clock clock) {
    this.clock = clock;
  }

  /** Starts a session for a token name; its id is the cookie's value. */
  public Session open(String tokenName) {
    byte[] b = new byte[ID_BYTES];
    random.nextBytes(b);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    Instant now = clock.instant();
    byId.values().removeIf(s -> !s.expires().isAfter(now));
    Session session = new Session(id, tokenName, Csrf.newToken(), now.plus(LIFETIME));
    byId.put(id, session);
    return session;
  }

  /** The live session with this id. */
  public Optional<Session> find(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    Session s = byId.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (!s.expires().isAfter(clock.instant())) {
      byId.remove(id);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  public void close(String id) {
    if (id != null) {
      byId.remove(id);
    }
  }
}
