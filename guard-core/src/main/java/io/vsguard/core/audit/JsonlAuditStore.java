package io.vsguard.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.vsguard.core.decision.Decisions;
import io.vsguard.core.decision.FindingsJson;
import io.vsguard.core.text.Json;
import io.vsguard.core.text.Secrets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The embedded audit store: an append-only JSON-lines file, one sealed {@link AuditRecord} per
 * line, each chained to the one before by its hash. Besides the loaders, this is the only class in
 * guard-core that does file I/O: the audit trail must be written where the decision is made.
 *
 * <p>Concurrency: every operation holds a JVM-wide lock for the file (FileChannel locks belong to
 * the whole JVM, so two threads locking the same file would otherwise collide) and then an OS file
 * lock, exclusive for appends and shared for reads, which serialises separate processes.
 *
 * <p>Durability: an append returns only after its whole line, newline included, has been forced to
 * disk. A crash can therefore leave at most one torn line at the end, never acknowledged; the next
 * append cuts it off under the lock and records the cut in {@link AuditRecord#repair()}, and {@link
 * #verify()} reports it as {@link Verification.TornTail} until then. A whole record that lost only
 * its newline is never cut: the next append finishes its line and says so.
 *
 * <p>Authenticity: with an {@link AuditSigner} every record is signed, and a writer refuses to
 * chain onto a last record it cannot vouch for (signed by another key, a signature that does not
 * verify, an unsigned record after signed ones); a writer without the key refuses a signed log.
 *
 * <p>Readers take the lock only to find where the complete lines end, then read without it: the log
 * only grows, and the one thing a writer changes in place, a torn tail, lies after that end. So a
 * slow reader never holds up a decision.
 */
public final class JsonlAuditStore implements AuditStore {
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
  static final ObjectMapper READER =
      Json.json().copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * Free space {@link #health} wants on the log's file system: room for a few very large decisions.
   */
  public static final long DEFAULT_RESERVE = 16L * 1024 * 1024;

  /** Only an access record has a null decision; inside a string the quotes would be escaped. */
  private static final String ACCESS_RECORD = ",\"decision\":null,";

  private static final byte[] SIGNATURE_MEMBER =
      ",\"signature\":{\"alg\":\"".getBytes(StandardCharsets.US_ASCII);

  private final Path file;
  private final Clock clock;
  private final AuditSigner signer;
  private final long reserveBytes;

  /**
   * The seal of the last record this instance appended: a tail it wrote itself needs no signature
   * check.
   */
  private volatile String lastSealedHere;

  /**
   * The last line this instance appended, to chain the next one without reading it back; guarded by
   * the lock.
   */
  private OwnTail lastWritten;

  /** How far the log is known to be on disk; shared by the appenders of this instance. */
  private final Durability durability = new Durability();

  /**
   * Offsets only this instance's own lines set: a line, once written whole, is never cut (only a
   * torn tail after the last whole line is), so a later line always ends beyond them.
   */
  private static final class Durability {
    long syncedTo = -1;
    volatile long writtenTo = -1;
    volatile String failure;
  }

  public JsonlAuditStore(Path file) {
    this(file, Clock.systemUTC());
  }

  public JsonlAuditStore(Path file, Clock clock) {
    this(file, clock, null);
  }

  /**
   * A store whose appends are signed with {@code signer} (null: unsigned, as before the audit key).
   */
  public JsonlAuditStore(Path file, Clock clock, AuditSigner signer) {
    this(file, clock, signer, DEFAULT_RESERVE);
  }

  private JsonlAuditStore(Path file, Clock clock, AuditSigner signer, long reserveBytes) {
    this.file = file.toAbsolutePath().normalize();
    this.clock = clock;
    this.signer = signer;
    this.reserveBytes = reserveBytes;
  }

  public JsonlAuditStore withSigner(AuditSigner s) {
    return new JsonlAuditStore(file, clock, s, reserveBytes);
  }

  /** The same store, whose {@link #health} wants {@code bytes} free on the log's file system. */
  public JsonlAuditStore withReserve(long bytes) {
    return new JsonlAuditStore(file, clock, signer, bytes);
  }

  public Path file() {
    return file;
  }

  /** The key appends are signed with, or null. */
  public AuditSigner signer() {
    return signer;
  }

  @Override
  public AuditRecord append(AuditEntry entry) throws AuditException {
    return appendRecord(
        entry.findingsJson(),
        (seq, at, repair, prev) ->
            new AuditRecord(
                seq,
                at,
                entry.actor(),
                entry.plan(),
                entry.inventorySource(),
                entry.policy(),
                repair,
                entry.decision(),
                prev,
                null));
  }

  /**
   * Records a request the API turned away (see {@link AuditRecord.AccessDenied}) in the same chain.
   */
  public AuditRecord appendAccessDenied(AuditRecord.Actor actor, AuditRecord.AccessDenied denied)
      throws AuditException {
    return appendRecord(
        null,
        (seq, at, repair, prev) ->
            new AuditRecord(seq, at, actor, null, null, null, repair, denied, null, prev, null));
  }

  /**
   * Records one point of an apply run's timeline (see {@link AuditRecord.ApplyEvent}) in the same
   * chain.
   */
  public AuditRecord appendApply(
      AuditRecord.Actor actor,
      AuditRecord.PlanInfo plan,
      AuditRecord.InventorySource source,
      AuditRecord.ApplyEvent event)
      throws AuditException {
    return appendRecord(
        null,
        (seq, at, repair, prev) ->
            new AuditRecord(
                seq, at, actor, plan, source, null, repair, null, event, null, prev, null, null));
  }

  /** Builds the unsealed record once the tail of the chain is known. */
  private interface RecordMaker {
    AuditRecord make(
        long seq, java.time.Instant recordedAt, AuditRecord.Repair repair, String prev);
  }

  /** {@code findings}: the decision's findings written ahead, or null. */
  private AuditRecord appendRecord(FindingsJson.Precomputed findings, RecordMaker maker)
      throws AuditException {
    try {
      createDirectory();
    } catch (IOException e) {
      throw new AuditException(
          "cannot create the audit log's directory " + file.getParent() + ": " + describe(e), e);
    }
    Written written;
    ReentrantLock jvmLock = jvmLock();
    jvmLock.lock();
    try {
      failIfUnsynced();
      boolean created = createIfAbsent();
      try (FileChannel ch =
              FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        Tail tail = ownTail(ch);
        if (tail == null) {
          tail = repairAndReadTail(ch);
        }
        checkSigning(ch, tail);
        AuditRecord unsealed =
            maker.make(tail.seq() + 1, clock.instant(), tail.repair(), tail.sha256());
        // No known secret is ever recorded, whatever a message repeated (Secrets); with none known
        // the record goes straight to UTF-8 bytes (the same bytes: JSON's escapes and ours are
        // the generator's, not the encoding's), tens of MB never made into a string first.
        ObjectWriter writer = FindingsJson.writer(findings);
        byte[] utf8 =
            Secrets.noneKnown()
                ? writer.writeValueAsBytes(unsealed)
                : Secrets.scrubJson(writer.writeValueAsString(unsealed))
                    .getBytes(StandardCharsets.UTF_8);
        SealedLine sealed = SealedLine.ofUtf8(utf8, signer);
        byte[] seal = (sealed.seal() + "\n").getBytes(StandardCharsets.US_ASCII);
        long end = ch.size();
        long newEnd = end + utf8.length - 1 + seal.length;
        try {
          writeFully(ch, ByteBuffer.wrap(utf8, 0, utf8.length - 1), end);
          writeFully(ch, ByteBuffer.wrap(seal), end + utf8.length - 1);
        } catch (IOException e) {
          // Leave no partial record behind us (a full disk, say): the log stays as it was.
          ch.truncate(end);
          ch.force(true);
          throw e;
        }
        if (created) {
          ch.force(true);
          forceDirectory(file.getParent());
        }
        lastSealedHere = sealed.sha256();
        lastWritten =
            new OwnTail(
                new Tail(unsealed.seq(), sealed.sha256(), sealed.signature(), newEnd, null),
                utf8,
                seal);
        written = new Written(unsealed.sealed(sealed.sha256(), sealed.signature()), newEnd);
        durability.writtenTo = newEnd;
      }
    } catch (JsonProcessingException e) {
      throw new AuditException("cannot serialise the audit record: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      lastWritten = null;
      throw new AuditException("cannot append to the audit log " + file + ": " + describe(e), e);
    } finally {
      jvmLock.unlock();
    }
    awaitDurable(written.end());
    return written.record();
  }

  /** A record written to the file, not yet known to be on disk, and where its line ends. */
  private record Written(AuditRecord record, long end) {}

  /**
   * The last line this instance wrote: its tail, and the line's bytes (the body without its brace,
   * then the seal).
   */
  private record OwnTail(Tail tail, byte[] body, byte[] seal) {
    long start() {
      return tail.end() - (body.length - 1) - seal.length;
    }
  }

  /**
   * The tail this instance wrote last, when the log still ends with exactly that line, byte for
   * byte. Comparing bytes costs a fraction of what reading the record back does (parsing it and
   * hashing it, for a record that can be megabytes, on every append), and an edit of the line since
   * (by another process, or by hand) is still seen: the tail is then read and checked as before.
   */
  private Tail ownTail(FileChannel ch) throws IOException {
    OwnTail own = lastWritten;
    if (own == null || ch.size() != own.tail().end()) {
      return null;
    }
    byte[] line = LogLines.readRange(ch, own.start(), own.tail().end());
    int bodyLength = own.body().length - 1;
    boolean same =
        line.length == bodyLength + own.seal().length
            && java.util.Arrays.equals(line, 0, bodyLength, own.body(), 0, bodyLength)
            && java.util.Arrays.equals(
                line, bodyLength, line.length, own.seal(), 0, own.seal().length);
    return same ? own.tail() : null;
  }

  /**
   * Group commit: returns once the log is on disk up to {@code end}. Appenders write their lines
   * under the lock and force outside it, one force at a time; a force covers every line written
   * before it began, so the appenders that queued behind it find their lines already on disk and
   * several decisions share one fsync. A record is acknowledged only when it is durable. A force
   * that fails leaves the lines it should have covered in an unknown state: they are not
   * acknowledged, and this store refuses every later append (fail closed) until the process is
   * restarted and the log verified, and {@link #health} says so (the server is then not ready).
   */
  private void awaitDurable(long end) throws AuditException {
    synchronized (durability) {
      failIfUnsynced();
      if (durability.syncedTo >= end) {
        return;
      }
      // Every line this instance wrote up to here is complete in the file: the force covers them
      // all.
      long upTo = durability.writtenTo;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.force(true);
        durability.syncedTo = Math.max(end, upTo);
      } catch (IOException e) {
        durability.failure =
            "the audit log "
                + file
                + " could not be forced to disk ("
                + describe(e)
                + "): the"
                + " decisions written since the last successful force are not acknowledged; restart after checking"
                + " the disk and running vsguard audit verify";
        throw new AuditException(durability.failure, e);
      }
    }
  }

  private void failIfUnsynced() throws AuditException {
    String f = durability.failure;
    if (f != null) {
      throw new AuditException(f);
    }
  }

  /**
   * Refuses to chain onto a last record this writer cannot vouch for: chaining onto a forged record
   * would sign it into the log. Without a key, refuses a signed log: its records must all be
   * signed.
   */
  private void checkSigning(FileChannel ch, Tail tail) throws IOException, AuditException {
    if (tail.seq() == 0) {
      return;
    }
    AuditRecord.Signature sig = tail.signature();
    if (sig != null && signer == null) {
      throw new AuditException(
          "the audit log "
              + file
              + " is signed (key "
              + sig.key()
              + "): only the holder of"
              + " the audit signing key may append to it (--signing-key FILE or $VSGUARD_AUDIT_SIGNING_KEY)");
    }
    if (sig != null) {
      if (!sig.key().equals(signer.keyId())) {
        throw new AuditException(
            "the last record of the audit log "
                + file
                + " is signed with key "
                + sig.key()
                + ", not with this writer's key "
                + signer.keyId()
                + ": one log, one key (start a new log for a new key)");
      }
      if (!tail.sha256().equals(lastSealedHere)
          && !AuditSigner.verify(signer.publicKey(), tail.sha256(), sig)) {
        throw new AuditException(
            "the signature of the last record of the audit log "
                + file
                + " does not verify:"
                + " it was forged or changed, and nothing is chained onto it; run vsguard audit verify --public-key");
      }
      return;
    }
    if (signer != null && LogLines.contains(ch, tail.end(), SIGNATURE_MEMBER)) {
      throw new AuditException(
          "the last record of the audit log "
              + file
              + " is not signed, but records before it"
              + " are: something without the audit key appended it, and nothing is chained onto it; run vsguard audit"
              + " verify --public-key");
    }
  }

  /** Whether the log can take a write now, and if not, why (in words an operator acts on). */
  public record Health(boolean writable, String detail) {}

  /**
   * Can a decision be recorded now? Asks what an append would meet, without appending: the
   * directory takes a new file (a probe file is written, forced and removed, as a full or read-only
   * file system refuses it), the log opens for writing, the file system keeps the reserve free, and
   * the last record is one an append would chain onto (not damaged, and signed as this writer
   * requires). Writes nothing to the log.
   */
  public Health health() {
    if (durability.failure != null) {
      return new Health(false, durability.failure);
    }
    Path dir = file.getParent();
    try {
      createDirectory();
    } catch (IOException e) {
      return new Health(
          false, "the audit log's directory " + dir + " cannot be created: " + describe(e));
    }
    Path probe =
        dir.resolve(
            "."
                + file.getFileName()
                + ".probe-"
                + ProcessHandle.current().pid()
                + "-"
                + Thread.currentThread().getId());
    try {
      try (FileChannel p =
          FileChannel.open(
              probe,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        writeFully(p, ByteBuffer.allocate(4096), 0);
        p.force(true);
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException e) {
      return new Health(
          false, "the audit log's directory " + dir + " does not take a write: " + describe(e));
    }
    try {
      long free = Files.getFileStore(dir).getUsableSpace();
      if (free < reserveBytes) {
        return new Health(
            false,
            "the audit log's file system has only "
                + free
                + " bytes free, fewer than the "
                + reserveBytes
                + " kept for decisions ("
                + dir
                + ")");
      }
    } catch (IOException e) {
      return new Health(
          false, "cannot tell the free space for the audit log " + file + ": " + describe(e));
    }
    if (!Files.exists(file)) {
      return new Health(true, "the audit log " + file + " will be created by the first decision");
    }
    ReentrantLock jvmLock = jvmLock();
    jvmLock.lock();
    try (FileChannel ch =
            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock ignored = ch.lock(0, Long.MAX_VALUE, true)) {
      Tail tail = inspectTail(ch);
      checkSigning(ch, tail);
      return new Health(
          true, "the audit log " + file + " takes decisions (" + tail.seq() + " records)");
    } catch (AuditException e) {
      return new Health(false, e.getMessage());
    } catch (IOException e) {
      return new Health(
          false, "the audit log " + file + " does not open for writing: " + describe(e));
    } finally {
      jvmLock.unlock();
    }
  }

  /**
   * The tail an append would chain onto, read without changing anything (a torn line is passed
   * over).
   */
  private Tail inspectTail(FileChannel ch) throws IOException, AuditException {
    long end = ch.size();
    long nl = LogLines.lastNewline(ch, end);
    if (nl == end - 1) {
      return lastRecord(ch, end, null);
    }
    byte[] tail = LogLines.readRange(ch, nl + 1, end);
    SealedLine sealed = sealedOrTorn(new String(tail, StandardCharsets.UTF_8));
    Tail before = lastRecord(ch, nl + 1, null);
    if (sealed == null) {
      return before;
    }
    JsonNode node = tree(sealed.body());
    if (!sealed.intact()
        || node == null
        || node.path("seq").asLong(-1) != before.seq() + 1
        || !before.sha256().equals(node.path("prev").asText())) {
      throw new AuditException(
          "the audit log "
              + file
              + " ends with a complete record without its final newline"
              + " that does not chain onto the record before it; appends refuse it; run vsguard audit verify");
    }
    return new Tail(before.seq() + 1, sealed.sha256(), sealed.signature(), end, null);
  }

  @Override
  public List<AuditRecord> list(AuditQuery query) throws AuditException {
    List<AuditRecord> out = new ArrayList<>();
    each(query, (r, line) -> out.add(r));
    return out;
  }

  /**
   * Hands every matching decision to {@code visitor}, oldest first, as it is read: an export of the
   * whole log holds one record in memory at a time.
   */
  public void each(AuditQuery query, PageVisitor visitor) throws AuditException {
    scan(
        0,
        (seq, line) -> {
          if (!line.contains(ACCESS_RECORD)) {
            AuditRecord r = parse(line, seq);
            if (query.matches(r)) {
              visitor.record(r, line);
            }
          }
          return true;
        });
  }

  @Override
  public List<AuditRecord> find(String idPrefix) throws AuditException {
    List<AuditRecord> out = new ArrayList<>();
    // Decision ids are plain ASCII: a line can only hold one that starts so if it holds the text.
    String needle = idPrefix.matches("[0-9A-Za-z-]*") ? "\"decisionId\":\"" + idPrefix : null;
    scan(
        0,
        (seq, line) -> {
          if (needle == null || line.contains(needle)) {
            AuditRecord r = parse(line, seq);
            if (r.hasDecision() && r.id().startsWith(idPrefix)) {
              out.add(r);
            }
          }
          return true;
        });
    return out;
  }

  /**
   * Receives a page's records, each with its log line, as they are read: the API streams them out.
   */
  public interface PageVisitor {
    void record(AuditRecord record, String line) throws AuditException;
  }

  @Override
  public AuditPage page(PageRequest request) throws AuditException {
    List<AuditRecord> out = new ArrayList<>();
    OptionalLong next = page(request, (r, line) -> out.add(r));
    return new AuditPage(out, next);
  }

  /**
   * Reads one page, handing each record to {@code visitor} as it is found, and returns the next
   * page's cursor. Oldest first reads forward from the cursor; newest first reads backward from the
   * end, so the latest decisions cost the same however long the log is.
   */
  public OptionalLong page(PageRequest request, PageVisitor visitor) throws AuditException {
    Pager pager = new Pager(request, visitor);
    Snapshot snap = snapshot();
    if (request.order() == PageRequest.Order.OLDEST_FIRST) {
      long lines = LogLines.forward(file, 0, 0, snap.completeEnd(), request.cursor(), pager::line);
      if (!pager.done && snap.sealedTail() != null && lines + 1 > request.cursor()) {
        pager.line(lines + 1, snap.sealedTail());
      }
    } else {
      boolean go = true;
      if (snap.sealedTail() != null) {
        long seq = LogLines.seqOf(snap.sealedTail());
        go = seq >= request.cursor() || pager.line(seq, snap.sealedTail());
      }
      if (go) {
        LogLines.backward(file, snap.completeEnd(), request.cursor(), pager::line);
      }
    }
    return pager.next;
  }

  /** Fills one page: counts and bytes, and the cursor once a further match shows there is more. */
  private final class Pager {
    private final PageRequest request;
    private final PageVisitor visitor;
    private int count;
    private long bytes;
    private long lastSeq;
    private boolean full;
    boolean done;
    OptionalLong next = OptionalLong.empty();

    Pager(PageRequest request, PageVisitor visitor) {
      this.request = request;
      this.visitor = visitor;
    }

    boolean line(long seq, String line) throws AuditException {
      if (request.before(seq) || line.contains(ACCESS_RECORD)) {
        return true;
      }
      AuditRecord r = parse(line, seq);
      if (!request.query().matches(r)) {
        return true;
      }
      if (full) {
        next = OptionalLong.of(lastSeq);
        done = true;
        return false;
      }
      visitor.record(r, line);
      count++;
      bytes += line.length();
      lastSeq = r.seq();
      full = count >= request.limit() || bytes >= request.maxBytes();
      return true;
    }
  }

  /**
   * The apply records that carry out decision {@code decisionId} ({@link AuditRecord.ApplyEvent}):
   * its timeline, oldest first, from the record after {@code afterSeq} (the decision's own), at
   * most {@code max}. A line is parsed only when it is an apply record naming the decision.
   */
  public List<AuditRecord> applyTimeline(String decisionId, long afterSeq, int max)
      throws AuditException {
    Snapshot snap = snapshot();
    List<AuditRecord> out = new ArrayList<>();
    String mark = "\"decisionId\":\"" + decisionId + "\"";
    LogLines.LineVisitor hand =
        (seq, line) -> {
          if (line.contains(",\"apply\":{") && line.contains(mark)) {
            out.add(parse(line, seq));
          }
          return out.size() < max;
        };
    forward(snap, afterSeq, hand);
    return out;
  }

  /**
   * Hands decision records to {@code visitor} one at a time until it returns false or the log ends:
   * newest first from the one before sequence number {@code from}, or oldest first from the one
   * after it. Only the records handed over are parsed, so a page of a list costs its records, not
   * the whole log. In a log that verifies a record's seq is its line number, which is where the
   * walk starts; a record whose seq is on the wrong side of {@code from} is not handed over.
   */
  public void walk(long from, boolean newestFirst, Predicate<AuditRecord> visitor)
      throws AuditException {
    Snapshot snap = snapshot();
    LogLines.LineVisitor hand =
        (seq, line) -> {
          if (line.contains(ACCESS_RECORD)) {
            return true;
          }
          AuditRecord r = parse(line, seq);
          boolean onTheWay = newestFirst ? r.seq() < from : r.seq() > from;
          return !r.hasDecision() || !onTheWay || visitor.test(r);
        };
    if (newestFirst) {
      boolean go = true;
      if (snap.sealedTail() != null) {
        long seq = LogLines.seqOf(snap.sealedTail());
        go = seq >= from || hand.line(seq, snap.sealedTail());
      }
      if (go) {
        LogLines.backward(file, snap.completeEnd(), from, hand);
      }
    } else {
      forward(snap, from, hand);
    }
  }

  /**
   * Hands every line after record {@code from} to {@code hand}, oldest first, the sealed tail last.
   */
  private void forward(Snapshot snap, long from, LogLines.LineVisitor hand) throws AuditException {
    boolean[] stopped = {false};
    long lines =
        LogLines.forward(
            file,
            0,
            0,
            snap.completeEnd(),
            Math.max(0, from),
            (seq, line) -> {
              boolean more = hand.line(seq, line);
              stopped[0] = !more;
              return more;
            });
    if (!stopped[0] && snap.sealedTail() != null && lines + 1 > from) {
      hand.line(lines + 1, snap.sealedTail());
    }
  }

  @Override
  public Verification verify() throws AuditException {
    return verify(VerifyOptions.NONE);
  }

  /** Walks the chain with what the auditor brings: public keys, an expected head. */
  public Verification verify(VerifyOptions options) throws AuditException {
    Snapshot snap = snapshot();
    ChainWalk walk = new ChainWalk(options);
    walkLines(walk, 0, snap.completeEnd());
    if (snap.sealedTail() != null) {
      walk.accept(snap.sealedTail());
    }
    return conclude(walk, snap, null);
  }

  /**
   * Feeds the complete lines of {@code [from, to)} to the walk ({@code from} a line start the walk
   * has reached).
   */
  void walkLines(ChainWalk walk, long from, long to) throws AuditException {
    LogLines.forward(
        file,
        from,
        walk.records(),
        to,
        0,
        (seq, line) -> {
          walk.accept(line);
          return !walk.isBroken();
        });
  }

  /**
   * The walk's outcome: the last signature checked (unless it is {@code knownValid}, a seal whose
   * signature was checked before), and on failure the first forged record found by walking again.
   */
  Verification conclude(ChainWalk walk, Snapshot snap, String knownValid) throws AuditException {
    Boolean lastValid = null;
    if (!walk.isBroken() && walk.lastSignatureUnchecked()) {
      lastValid =
          walk.lastSignedSha().equals(knownValid)
              || AuditSigner.verify(
                  walk.lastSignatureKey(), walk.lastSignedSha(), walk.lastSignature());
      if (!lastValid) {
        VerifyOptions o = walk.options();
        ChainWalk every = new ChainWalk(new VerifyOptions(o.publicKeys(), o.expectHead(), true));
        walkLines(every, 0, snap.completeEnd());
        if (!every.isBroken() && snap.sealedTail() != null) {
          every.accept(snap.sealedTail());
        }
        if (every.isBroken()) {
          return every.finish(false, 0, null);
        }
      }
    }
    return walk.finish(snap.sealedTail() != null && !walk.isBroken(), snap.tornBytes(), lastValid);
  }

  /**
   * The sha256 stated by the line that ends just before {@code end} (a newline at end - 1), or
   * null.
   */
  String sealOfLineEndingAt(long end) throws AuditException {
    if (end <= 0) {
      return AuditRecord.GENESIS;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() < end) {
        return null;
      }
      long before = LogLines.lastNewline(ch, end - 1);
      SealedLine sealed =
          SealedLine.parse(
              new String(LogLines.readRange(ch, before + 1, end - 1), StandardCharsets.UTF_8));
      return sealed == null ? null : sealed.sha256();
    } catch (IOException e) {
      throw new AuditException("cannot read the audit log " + file + ": " + describe(e), e);
    }
  }

  // ---- reading

  /**
   * Where the complete lines end ({@code completeEnd}, just after the last newline) and what lies
   * after it when the snapshot was taken: a whole record that lost its newline, or a whole record
   * followed by bytes no crash leaves ({@code sealedTail}, the whole last line, which a walk then
   * finds broken), or the {@code tornBytes} of an interrupted append. {@code size} is the file's
   * size then.
   */
  record Snapshot(long completeEnd, String sealedTail, long tornBytes, long size) {
    static final Snapshot EMPTY = new Snapshot(0, null, 0, 0);
  }

  /** Reads where the lines end under a shared lock, briefly; an absent log is empty. */
  Snapshot snapshot() throws AuditException {
    ReentrantLock jvmLock = jvmLock();
    jvmLock.lock();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        FileLock ignored = ch.lock(0, Long.MAX_VALUE, true)) {
      long size = ch.size();
      long nl = LogLines.lastNewline(ch, size);
      if (nl == size - 1) {
        return new Snapshot(size, null, 0, size);
      }
      byte[] tail = LogLines.readRange(ch, nl + 1, size);
      String text = new String(tail, StandardCharsets.UTF_8);
      // A whole record whose newline is missing is a record: never taken for a torn write. Nor is
      // a whole record with bytes after it: no crash leaves that, so it is a damaged last line
      // that verify names, not a tail to pass over.
      return SealedLine.parse(text) != null || SealedLine.leadingRecordLength(text) > 0
          ? new Snapshot(nl + 1, text, 0, size)
          : new Snapshot(nl + 1, null, tail.length, size);
    } catch (java.nio.file.NoSuchFileException e) {
      return Snapshot.EMPTY;
    } catch (IOException e) {
      throw new AuditException("cannot read the audit log " + file + ": " + describe(e), e);
    } finally {
      jvmLock.unlock();
    }
  }

  /** Every record of the log in order, the whole last record without a newline included. */
  void scan(long skip, LogLines.LineVisitor visitor) throws AuditException {
    Snapshot snap = snapshot();
    boolean[] stopped = {false};
    long lines =
        LogLines.forward(
            file,
            0,
            0,
            snap.completeEnd(),
            skip,
            (seq, line) -> {
              if (!visitor.line(seq, line)) {
                stopped[0] = true;
                return false;
              }
              return true;
            });
    if (!stopped[0] && snap.sealedTail() != null && lines + 1 > skip) {
      visitor.line(lines + 1, snap.sealedTail());
    }
  }

  AuditRecord parse(String line, long lineNo) throws AuditException {
    // Read backwards, a line whose seq is unreadable has no known number; verify walks forward and
    // names it.
    String where = lineNo > 0 ? file + ":" + lineNo : file + ", a line without a readable seq";
    SealedLine sealed = SealedLine.parse(line);
    if (sealed == null) {
      throw new AuditException(where + ": not a sealed audit record; run vsguard audit verify");
    }
    try {
      return READER
          .readValue(sealed.body(), AuditRecord.class)
          .sealed(sealed.sha256(), sealed.signature());
    } catch (JsonProcessingException e) {
      throw new AuditException(
          where
              + ": not a readable audit record ("
              + e.getOriginalMessage()
              + "); run vsguard audit verify");
    }
  }

  static JsonNode tree(String json) {
    try {
      JsonNode n = READER.readTree(json);
      return n != null && n.isObject() ? n : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  static String idOf(String line) {
    JsonNode n = tree(line);
    return n == null ? null : n.path("decision").path("decisionId").asText(null);
  }

  // ---- appending

  /**
   * The last record's seq, hash and signature, the offset where its line ends (after the newline),
   * and the repair made if a torn line followed it.
   */
  private record Tail(
      long seq,
      String sha256,
      AuditRecord.Signature signature,
      long end,
      AuditRecord.Repair repair) {}

  private Tail repairAndReadTail(FileChannel ch) throws IOException, AuditException {
    long end = ch.size();
    long nl = LogLines.lastNewline(ch, end);
    if (nl == end - 1) {
      return lastRecord(ch, end, null);
    }
    long start = nl + 1;
    byte[] tail = LogLines.readRange(ch, start, end);
    SealedLine sealed = sealedOrTorn(new String(tail, StandardCharsets.UTF_8));
    if (sealed == null) {
      // An interrupted append: never acknowledged, so it is cut, and the cut is recorded.
      ch.truncate(start);
      ch.force(true);
      return lastRecord(ch, start, new AuditRecord.Repair(tail.length, Decisions.sha256(tail)));
    }
    // A complete record that lost only its newline: keep it and finish its line, if it chains.
    Tail before = lastRecord(ch, start, null);
    JsonNode node = tree(sealed.body());
    long seq = before.seq() + 1;
    if (!sealed.intact()
        || node == null
        || node.path("seq").asLong(-1) != seq
        || !before.sha256().equals(node.path("prev").asText())) {
      throw new AuditException(
          "the audit log "
              + file
              + " ends with a complete record without its final newline"
              + " (line "
              + seq
              + ") that does not chain onto the record before it: not a torn write, so it is not cut,"
              + " and nothing can be chained onto it; run vsguard audit verify");
    }
    writeFully(ch, ByteBuffer.wrap(new byte[] {'\n'}), end);
    ch.force(true);
    return new Tail(
        seq, sealed.sha256(), sealed.signature(), end + 1, AuditRecord.Repair.newlineAdded(seq));
  }

  /**
   * The unterminated last line as a whole record, or null for a torn write; refused when it is
   * neither: a whole record with bytes after it is no crash's doing, and cutting it would take an
   * acknowledged decision away.
   */
  private SealedLine sealedOrTorn(String text) throws AuditException {
    SealedLine sealed = SealedLine.parse(text);
    if (sealed == null && SealedLine.leadingRecordLength(text) > 0) {
      throw new AuditException(
          "the audit log "
              + file
              + " ends with a whole record followed by bytes that are not"
              + " part of it, without a final newline: not a torn write (an interrupted append leaves part of one"
              + " record), so it is not cut, and nothing can be chained onto it; run vsguard audit verify");
    }
    return sealed;
  }

  /** The record whose line ends just before {@code end} (a newline at end - 1), or the genesis. */
  private Tail lastRecord(FileChannel ch, long end, AuditRecord.Repair repair)
      throws IOException, AuditException {
    if (end == 0) {
      return new Tail(0, AuditRecord.GENESIS, null, 0, repair);
    }
    long before = LogLines.lastNewline(ch, end - 1);
    String last = new String(LogLines.readRange(ch, before + 1, end - 1), StandardCharsets.UTF_8);
    SealedLine sealed = SealedLine.parse(last);
    JsonNode node = sealed == null ? null : tree(sealed.body());
    if (sealed == null
        || !sealed.intact()
        || node == null
        || !node.path("seq").canConvertToLong()) {
      throw new AuditException(
          "the last record of the audit log "
              + file
              + " is damaged, so nothing can be chained onto it; run vsguard audit verify");
    }
    return new Tail(node.path("seq").asLong(), sealed.sha256(), sealed.signature(), end, repair);
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf, at + buf.position());
    }
  }

  /** The log's directory, created 0700 when absent: decisions name hosts and changes. */
  private void createDirectory() throws IOException {
    Path dir = file.getParent();
    if (!Files.isDirectory(dir)) {
      if (posix()) {
        Files.createDirectories(dir, attr("rwx------"));
      } else {
        Files.createDirectories(dir);
      }
    }
  }

  private boolean posix() {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Creates the log (0600) when absent; true when the file is new. */
  private boolean createIfAbsent() throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    boolean posix = posix();
    try {
      if (posix) {
        Files.createFile(file, attr("rw-------"));
      } else {
        Files.createFile(file);
      }
      return true;
    } catch (FileAlreadyExistsException raced) {
      return false;
    }
  }

  private static FileAttribute<?> attr(String perms) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms));
  }

  /**
   * Makes a new file's directory entry durable too; where directories cannot be opened, the file's
   * own fsync is all there is.
   */
  private static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // not supported on this platform (e.g. Windows)
    }
  }

  private ReentrantLock jvmLock() {
    return JVM_LOCKS.computeIfAbsent(lockKey(), k -> new ReentrantLock());
  }

  /** One lock per file, whatever path or symlink names it, as far as the directory resolves. */
  private Path lockKey() {
    try {
      return file.getParent().toRealPath().resolve(file.getFileName());
    } catch (IOException e) {
      return file;
    }
  }

  /** The file system's answer in words an operator acts on, not the exception's class name. */
  public static String describe(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException a) {
      return a.getFile() + ": permission denied";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException x) {
      return x.getFile() + " exists and is not a directory";
    }
    if (e instanceof java.nio.file.NoSuchFileException n) {
      return n.getFile() + ": no such file or directory";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return (f.getFile() == null ? "" : f.getFile() + ": ")
          + f.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
