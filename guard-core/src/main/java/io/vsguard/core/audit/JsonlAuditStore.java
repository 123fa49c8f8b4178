package io.vsguard.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vsguard.core.decision.Decisions;
import io.vsguard.core.load.Json;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded audit store: an append-only JSON-lines file, one sealed {@link AuditRecord} per
 * line, each chained to the one before by its hash. Besides the loaders, this is the only class
 * in guard-core that does file I/O: the audit trail must be written where the decision is made.
 *
 * <p>Concurrency: every operation holds a JVM-wide lock for the file (FileChannel locks belong to
 * the whole JVM, so two threads locking the same file would otherwise collide) and then an OS file
 * lock, exclusive for appends and shared for reads, which serialises separate processes.
 *
 * <p>Durability: an append returns only after its whole line, newline included, has been forced to
 * disk. A crash can therefore leave at most one torn line at the end, never acknowledged; the next
 * append cuts it off under the lock and records the cut in {@link AuditRecord#repair()}, and
 * {@link #verify()} reports it as {@link Verification.TornTail} until then.
 */
public final class JsonlAuditStore implements AuditStore {
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
  private static final ObjectMapper READER = Json.json().copy()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final int CHUNK = 8192;

  private final Path file;
  private final Clock clock;

  public JsonlAuditStore(Path file) {
    this(file, Clock.systemUTC());
  }

  public JsonlAuditStore(Path file, Clock clock) {
    this.file = file.toAbsolutePath().normalize();
    this.clock = clock;
  }

  public Path file() {
    return file;
  }

  @Override
  public AuditRecord append(AuditEntry entry) throws AuditException {
    return appendRecord((seq, at, repair, prev) -> new AuditRecord(seq, at, entry.actor(), entry.plan(),
        entry.inventorySource(), entry.policy(), repair, entry.decision(), prev, null));
  }

  /** Records a request the API turned away (see {@link AuditRecord.AccessDenied}) in the same chain. */
  public AuditRecord appendAccessDenied(AuditRecord.Actor actor, AuditRecord.AccessDenied denied)
      throws AuditException {
    return appendRecord((seq, at, repair, prev) -> new AuditRecord(seq, at, actor, null, null, null, repair,
        denied, null, prev, null));
  }

  /** Builds the unsealed record once the tail of the chain is known. */
  private interface RecordMaker {
    AuditRecord make(long seq, java.time.Instant recordedAt, AuditRecord.Repair repair, String prev);
  }

  private AuditRecord appendRecord(RecordMaker maker) throws AuditException {
    try {
      createDirectory();
    } catch (IOException e) {
      throw new AuditException("cannot create the audit log's directory " + file.getParent() + ": " + describe(e), e);
    }
    ReentrantLock jvmLock = jvmLock();
    jvmLock.lock();
    try {
      boolean created = createIfAbsent();
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
           FileLock ignored = ch.lock()) {
        Tail tail = repairAndReadTail(ch);
        AuditRecord unsealed = maker.make(tail.seq() + 1, clock.instant(), tail.repair(), tail.sha256());
        String line = SealedLine.seal(Json.json().writeValueAsString(unsealed));
        SealedLine sealed = SealedLine.parse(line);
        long end = ch.size();
        try {
          writeFully(ch, ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)), end);
          ch.force(true);
        } catch (IOException e) {
          // Leave no partial record behind us (a full disk, say): the log stays as it was.
          ch.truncate(end);
          ch.force(true);
          throw e;
        }
        if (created) {
          forceDirectory(file.getParent());
        }
        return unsealed.sealed(sealed.sha256());
      }
    } catch (JsonProcessingException e) {
      throw new AuditException("cannot serialise the audit record: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new AuditException("cannot append to the audit log " + file + ": " + describe(e), e);
    } finally {
      jvmLock.unlock();
    }
  }

  @Override
  public List<AuditRecord> list(AuditQuery query) throws AuditException {
    List<AuditRecord> out = new ArrayList<>();
    List<String> records = read().records();
    for (int i = 0; i < records.size(); i++) {
      AuditRecord r = parse(records.get(i), i + 1);
      if (query.matches(r)) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public List<AuditRecord> find(String idPrefix) throws AuditException {
    List<AuditRecord> out = new ArrayList<>();
    for (AuditRecord r : list(AuditQuery.ALL)) {
      if (r.hasDecision() && r.id().startsWith(idPrefix)) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public Verification verify() throws AuditException {
    Lines lines = read();
    String prev = AuditRecord.GENESIS;
    long count = 0;
    List<Verification.RepairSeen> repairs = new ArrayList<>();
    List<String> records = lines.records();
    for (String line : records) {
      long lineNo = count + 1;
      SealedLine sealed = SealedLine.parse(line);
      if (sealed == null) {
        return new Verification.Broken(count, lineNo, idOf(line),
            "the line is not a sealed record (it does not end with its sha256)", trail(repairs, false));
      }
      JsonNode node = tree(sealed.body());
      String id = node == null ? null : node.path("decision").path("decisionId").asText(null);
      if (!sealed.intact()) {
        return new Verification.Broken(count, lineNo, id,
            "its content does not match its sha256: the record was changed after it was written", trail(repairs, false));
      }
      if (node == null) {
        return new Verification.Broken(count, lineNo, null, "the record is not valid JSON", trail(repairs, false));
      }
      if (!prev.equals(node.path("prev").asText())) {
        return new Verification.Broken(count, lineNo, id, "its prev is not the sha256 of the record before it:"
            + " a record was removed, inserted or moved here", trail(repairs, false));
      }
      if (node.path("seq").asLong(-1) != lineNo) {
        return new Verification.Broken(count, lineNo, id,
            "its seq is " + node.path("seq").asText() + ", expected " + lineNo, trail(repairs, false));
      }
      AuditRecord.Repair repair = repairOf(node);
      if (repair != null) {
        repairs.add(new Verification.RepairSeen(lineNo, repair));
      }
      prev = sealed.sha256();
      count++;
    }
    if (lines.tornBytes() > 0) {
      return new Verification.TornTail(count, prev, count + 1, lines.tornBytes(), trail(repairs, false));
    }
    return new Verification.Intact(count, prev, trail(repairs, lines.unterminated()));
  }

  private static Verification.Trail trail(List<Verification.RepairSeen> repairs, boolean unterminated) {
    return new Verification.Trail(repairs, unterminated);
  }

  private static AuditRecord.Repair repairOf(JsonNode record) {
    JsonNode r = record.get("repair");
    if (r == null || r.isNull()) {
      return null;
    }
    try {
      return READER.treeToValue(r, AuditRecord.Repair.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return new AuditRecord.Repair(null, "unreadable repair: " + r, null);
    }
  }

  // ---- reading

  /**
   * The log's records as lines without their newline, and what follows the last newline: nothing,
   * a complete sealed record that lost its newline (the last of {@code records}, {@code unterminated}),
   * or the {@code tornBytes} of an interrupted append.
   */
  private record Lines(List<String> records, boolean unterminated, long tornBytes) {}

  private Lines read() throws AuditException {
    ReentrantLock jvmLock = jvmLock();
    jvmLock.lock();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
         FileLock ignored = ch.lock(0, Long.MAX_VALUE, true)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 16) {
        throw new AuditException("the audit log " + file + " is larger than 2 GiB; rotate it");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf, buf.position()) >= 0) {
        // read until full: a shared lock keeps writers out, so the size does not change
      }
      return split(buf.array());
    } catch (java.nio.file.NoSuchFileException e) {
      return new Lines(List.of(), false, 0);
    } catch (IOException e) {
      throw new AuditException("cannot read the audit log " + file + ": " + describe(e), e);
    } finally {
      jvmLock.unlock();
    }
  }

  private static Lines split(byte[] data) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '\n') {
        lines.add(new String(data, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start == data.length) {
      return new Lines(lines, false, 0);
    }
    String tail = new String(data, start, data.length - start, StandardCharsets.UTF_8);
    if (SealedLine.parse(tail) != null) {
      // A whole record whose newline is missing is a record: never taken for a torn write.
      lines.add(tail);
      return new Lines(lines, true, 0);
    }
    return new Lines(lines, false, data.length - start);
  }

  private AuditRecord parse(String line, long lineNo) throws AuditException {
    SealedLine sealed = SealedLine.parse(line);
    if (sealed == null) {
      throw new AuditException(file + ":" + lineNo + ": not a sealed audit record; run vsguard audit verify");
    }
    try {
      return READER.readValue(sealed.body(), AuditRecord.class).sealed(sealed.sha256());
    } catch (JsonProcessingException e) {
      throw new AuditException(file + ":" + lineNo + ": not a readable audit record (" + e.getOriginalMessage()
          + "); run vsguard audit verify");
    }
  }

  private static JsonNode tree(String json) {
    try {
      JsonNode n = READER.readTree(json);
      return n != null && n.isObject() ? n : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String idOf(String line) {
    JsonNode n = tree(line);
    return n == null ? null : n.path("decision").path("decisionId").asText(null);
  }

  // ---- appending

  /** The last complete record's seq and hash, and the repair made if a torn line followed it. */
  private record Tail(long seq, String sha256, AuditRecord.Repair repair) {}

  private Tail repairAndReadTail(FileChannel ch) throws IOException, AuditException {
    long end = ch.size();
    long nl = lastNewline(ch, end);
    if (nl == end - 1) {
      return lastRecord(ch, end, null);
    }
    long start = nl + 1;
    byte[] tail = readRange(ch, start, end);
    SealedLine sealed = SealedLine.parse(new String(tail, StandardCharsets.UTF_8));
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
    if (!sealed.intact() || node == null || node.path("seq").asLong(-1) != seq
        || !before.sha256().equals(node.path("prev").asText())) {
      throw new AuditException("the audit log " + file + " ends with a complete record without its final newline"
          + " (line " + seq + ") that does not chain onto the record before it: not a torn write, so it is not cut,"
          + " and nothing can be chained onto it; run vsguard audit verify");
    }
    writeFully(ch, ByteBuffer.wrap(new byte[] {'\n'}), end);
    ch.force(true);
    return new Tail(seq, sealed.sha256(), AuditRecord.Repair.newlineAdded(seq));
  }

  /** The record whose line ends just before {@code end} (a newline at end - 1), or the genesis. */
  private Tail lastRecord(FileChannel ch, long end, AuditRecord.Repair repair) throws IOException, AuditException {
    if (end == 0) {
      return new Tail(0, AuditRecord.GENESIS, repair);
    }
    long before = lastNewline(ch, end - 1);
    String last = new String(readRange(ch, before + 1, end - 1), StandardCharsets.UTF_8);
    SealedLine sealed = SealedLine.parse(last);
    JsonNode node = sealed == null ? null : tree(sealed.body());
    if (sealed == null || !sealed.intact() || node == null || !node.path("seq").canConvertToLong()) {
      throw new AuditException("the last record of the audit log " + file
          + " is damaged, so nothing can be chained onto it; run vsguard audit verify");
    }
    return new Tail(node.path("seq").asLong(), sealed.sha256(), repair);
  }

  /** The position of the last '\n' before {@code end}, or -1. */
  private static long lastNewline(FileChannel ch, long end) throws IOException {
    long pos = end;
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    while (pos > 0) {
      int n = (int) Math.min(CHUNK, pos);
      long from = pos - n;
      buf.clear().limit(n);
      while (buf.hasRemaining()) {
        if (ch.read(buf, from + buf.position()) < 0) {
          throw new IOException("the file shrank while it was locked");
        }
      }
      for (int i = n - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          return from + i;
        }
      }
      pos = from;
    }
    return -1;
  }

  private static byte[] readRange(FileChannel ch, long from, long to) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) (to - from));
    while (buf.hasRemaining()) {
      if (ch.read(buf, from + buf.position()) < 0) {
        throw new IOException("the file shrank while it was locked");
      }
    }
    return buf.array();
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

  /** Makes a new file's directory entry durable too; where directories cannot be opened, the file's own fsync is all there is. */
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
  static String describe(IOException e) {
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
      return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
