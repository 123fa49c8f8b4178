package io.vsguard.core.audit;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** The outcome of walking the hash chain from the first record to the last. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "status")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Verification.Intact.class, name = "intact"),
  @JsonSubTypes.Type(value = Verification.TornTail.class, name = "torn-tail"),
  @JsonSubTypes.Type(value = Verification.Broken.class, name = "broken")
})
public sealed interface Verification {

  /** How many records chain correctly from the start. */
  long records();

  /**
   * What the walk saw besides its outcome: every repair a writer made, the state of the last line.
   */
  Trail trail();

  /**
   * Every record chains; {@code headSha256} is the last record's hash (GENESIS for an empty log).
   */
  record Intact(long records, String headSha256, Trail trail) implements Verification {
    public Intact(long records, String headSha256) {
      this(records, headSha256, Trail.NONE);
    }
  }

  /**
   * Every complete record chains, but the file ends with {@code bytes} bytes without a newline at
   * {@code line} that are not a whole record: an append interrupted by a crash. It was never
   * acknowledged (an append returns only after its newline is on disk); the next append cuts it off
   * and notes it in its record.
   */
  record TornTail(long records, String headSha256, long line, long bytes, Trail trail)
      implements Verification {
    public TornTail(long records, String headSha256, long line, long bytes) {
      this(records, headSha256, line, bytes, Trail.NONE);
    }
  }

  /**
   * The first record that does not verify: {@code line} is its 1-based line number, {@code
   * recordId} its decision id when the line can still be read (null otherwise), {@code reason} what
   * is wrong. Records after it are not trusted.
   */
  record Broken(long records, long line, String recordId, String reason, Trail trail)
      implements Verification {
    public Broken(long records, long line, String recordId, String reason) {
      this(records, line, recordId, reason, Trail.NONE);
    }
  }

  /**
   * @param repairs every record that carries a {@link AuditRecord.Repair}, in log order: what a
   *     writer cut or finished before appending it
   * @param unterminatedLastLine the last record is complete and chains but has lost its final
   *     newline; the next append writes the newline (and says so in its repair), it never cuts it
   * @param signedRecords how many records carry a signature
   * @param unsignedBeforeFirstSigned the records before the first signed one (all of them when none
   *     is): written before the audit key was in use. Once a record is signed, each one before it
   *     is covered by its signature through the chain.
   * @param signaturesChecked whether signatures were checked against a public key; without one,
   *     only the chain was
   * @param expectedHeadAt the line of the record whose sha256 the auditor expected, when one was
   *     given and found
   */
  record Trail(
      List<RepairSeen> repairs,
      boolean unterminatedLastLine,
      long signedRecords,
      long unsignedBeforeFirstSigned,
      boolean signaturesChecked,
      Long expectedHeadAt) {
    public static final Trail NONE = new Trail(List.of(), false);

    public Trail {
      repairs = List.copyOf(repairs);
    }

    /** A trail of an unsigned log without an expected head. */
    public Trail(List<RepairSeen> repairs, boolean unterminatedLastLine) {
      this(repairs, unterminatedLastLine, 0, 0, false, null);
    }
  }

  /** A repair as the record that carries it states it; {@code seq} is that record's. */
  record RepairSeen(long seq, AuditRecord.Repair repair) {}
}
