package io.vsguard.core.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The chain's state for a reader that asks often, such as the web view's header on every page: it
 * remembers how far it verified (the offset, the walk's state, the head there) and on each look
 * walks only what was appended since, after checking that the last record it verified is still
 * there with the same seal. A look costs the size of the new records, not of the log.
 *
 * <p>An edit further back, one that keeps the last verified record as it was, shows at the next
 * full walk: one every {@code fullEvery}, and whenever the log got shorter. {@code vsguard audit
 * verify} always walks it all.
 *
 * <p>A head this monitor verified stays required: when the log gets shorter or the last record
 * verified is no longer where it was, every later walk must still find that record, as {@code audit
 * verify --expect-head} would. Records cut from the end (or the log swapped for an older copy)
 * while the server runs then show as broken, not as a shorter intact chain.
 */
public final class ChainMonitor {
  /** How often a look walks the whole log even when only records were appended. */
  public static final Duration DEFAULT_FULL_EVERY = Duration.ofMinutes(10);

  private final JsonlAuditStore store;
  private final VerifyOptions options;
  private final Clock clock;
  private final Duration fullEvery;
  private ChainWalk walked;
  private long offset;
  private Instant lastFull;
  private String verifiedSignature;
  private long bytesWalked;

  /** A head verified earlier that later left its place: it must still be in the chain. */
  private String mustKeep;

  public ChainMonitor(
      JsonlAuditStore store, VerifyOptions options, Clock clock, Duration fullEvery) {
    this.store = store;
    this.options = options;
    this.clock = clock;
    this.fullEvery = fullEvery;
  }

  /** The chain as it is now; only one look walks at a time. */
  public synchronized Verification current() throws AuditException {
    JsonlAuditStore.Snapshot snap = store.snapshot();
    Instant now = clock.instant();
    // Walk it all when it is time, when the log got shorter, or when the last record verified is
    // no longer what it was (a broken walk keeps its answer until the next full walk).
    boolean gone =
        walked != null
            && !walked.isBroken()
            && (snap.completeEnd() < offset
                || !walked.head().equals(store.sealOfLineEndingAt(offset)));
    if (gone && mustKeep == null && options.expectHead() == null) {
      mustKeep = walked.head();
    }
    boolean full =
        walked == null
            || gone
            || !now.isBefore(lastFull.plus(fullEvery))
            || snap.completeEnd() < offset;
    if (full) {
      walked =
          new ChainWalk(
              mustKeep == null
                  ? options
                  : new VerifyOptions(options.publicKeys(), mustKeep, options.everySignature()));
      offset = 0;
      lastFull = now;
    }
    store.walkLines(walked, offset, snap.completeEnd());
    bytesWalked = snap.completeEnd() - offset;
    offset = snap.completeEnd();
    ChainWalk look = walked.copy();
    if (snap.sealedTail() != null) {
      look.accept(snap.sealedTail());
      bytesWalked += snap.sealedTail().length();
    }
    Verification v = store.conclude(look, snap, verifiedSignature);
    if (!(v instanceof Verification.Broken)
        && look.lastSignedSha() != null
        && options.checksSignatures()) {
      verifiedSignature = look.lastSignedSha();
    }
    return v;
  }

  /** How many bytes of log lines the last look walked: what it cost. */
  public synchronized long bytesWalked() {
    return bytesWalked;
  }
}
