package io.vsguard.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the log's lines in order and checks each against the one before it: its seal, its place in
 * the chain, its signature's presence and key. It can stop and go on later from where it was
 * ({@link #copy}), which is what lets the web view verify only what was appended since its last
 * look.
 *
 * <p>Signatures: each record from the first signed one on must be signed (a writer without the key
 * cannot append to a signed log, so an unsigned record there was put in by something else). The
 * cryptographic check of the last signature is enough to authenticate every record before it,
 * because its sha256 covers its prev, which covers the record before it, and so on; with {@link
 * VerifyOptions#everySignature()} every signature is checked as it is met.
 */
final class ChainWalk {
  private final VerifyOptions options;
  private long count;
  private String prev = AuditRecord.GENESIS;
  private final List<Verification.RepairSeen> repairs;
  private long signed;
  private long unsignedBeforeFirstSigned = -1;
  private long lastSignedLine;
  private String lastSignedSha;
  private AuditRecord.Signature lastSignature;
  private String lastSignedId;
  private Long expectedHeadAt;
  private Verification.Broken broken;

  ChainWalk(VerifyOptions options) {
    this.options = options;
    this.repairs = new ArrayList<>();
  }

  private ChainWalk(ChainWalk o) {
    this.options = o.options;
    this.count = o.count;
    this.prev = o.prev;
    this.repairs = new ArrayList<>(o.repairs);
    this.signed = o.signed;
    this.unsignedBeforeFirstSigned = o.unsignedBeforeFirstSigned;
    this.lastSignedLine = o.lastSignedLine;
    this.lastSignedSha = o.lastSignedSha;
    this.lastSignature = o.lastSignature;
    this.lastSignedId = o.lastSignedId;
    this.expectedHeadAt = o.expectedHeadAt;
    this.broken = o.broken;
  }

  ChainWalk copy() {
    return new ChainWalk(this);
  }

  VerifyOptions options() {
    return options;
  }

  long records() {
    return count;
  }

  String head() {
    return prev;
  }

  boolean isBroken() {
    return broken != null;
  }

  /**
   * Takes the next line (without its newline); after the first broken record, lines are ignored.
   */
  void accept(String line) {
    if (broken != null) {
      return;
    }
    long lineNo = count + 1;
    SealedLine sealed = SealedLine.parse(line);
    if (sealed == null) {
      int whole = SealedLine.leadingRecordLength(line);
      fail(
          lineNo,
          JsonlAuditStore.idOf(whole > 0 ? line.substring(0, whole) : line),
          whole > 0
              ? "a whole record followed by "
                  + (line.length() - whole == 1
                      ? "1 character"
                      : (line.length() - whole) + " characters")
                  + " not part of it: not a"
                  + " torn write, which leaves part of one record; the line was changed after the record"
                  + " was written"
              : "the line is not a sealed record (it does not end with its sha256)");
      return;
    }
    JsonNode node = JsonlAuditStore.tree(sealed.body());
    String id = node == null ? null : node.path("decision").path("decisionId").asText(null);
    if (!sealed.intact()) {
      fail(
          lineNo,
          id,
          "its content does not match its sha256: the record was changed after it was written");
      return;
    }
    if (node == null) {
      fail(lineNo, null, "the record is not valid JSON");
      return;
    }
    if (!prev.equals(node.path("prev").asText())) {
      fail(
          lineNo,
          id,
          "its prev is not the sha256 of the record before it: a record was removed, inserted or moved here");
      return;
    }
    if (node.path("seq").asLong(-1) != lineNo) {
      fail(lineNo, id, "its seq is " + node.path("seq").asText() + ", expected " + lineNo);
      return;
    }
    if (!signature(lineNo, id, sealed)) {
      return;
    }
    AuditRecord.Repair repair = repairOf(node);
    if (repair != null) {
      repairs.add(new Verification.RepairSeen(lineNo, repair));
    }
    if (options.expectHead() != null
        && expectedHeadAt == null
        && options.expectHead().equals(sealed.sha256())) {
      expectedHeadAt = lineNo;
    }
    prev = sealed.sha256();
    count++;
  }

  private boolean signature(long lineNo, String id, SealedLine sealed) {
    AuditRecord.Signature sig = sealed.signature();
    if (sig == null) {
      if (signed > 0) {
        fail(
            lineNo,
            id,
            "it is not signed, but the records before it are: a writer without the audit key cannot"
                + " append to a signed log, so something else put this record here");
        return false;
      }
      return true;
    }
    if (!AuditSigner.ALGORITHM.equals(sig.alg())) {
      fail(lineNo, id, "its signature is " + sig.alg() + ", expected Ed25519");
      return false;
    }
    if (options.checksSignatures()) {
      PublicKey key = keyFor(sig);
      if (key == null) {
        fail(
            lineNo,
            id,
            "it is signed with key "
                + sig.key()
                + ", not with the public key given ("
                + keyIds()
                + ")");
        return false;
      }
      if (options.everySignature() && !AuditSigner.verify(key, sealed.sha256(), sig)) {
        fail(lineNo, id, forgedReason(sig));
        return false;
      }
    }
    if (signed == 0) {
      unsignedBeforeFirstSigned = count;
    }
    signed++;
    lastSignedLine = lineNo;
    lastSignedSha = sealed.sha256();
    lastSignature = sig;
    lastSignedId = id;
    return true;
  }

  private PublicKey keyFor(AuditRecord.Signature sig) {
    for (PublicKey k : options.publicKeys()) {
      if (AuditSigner.keyId(k).equals(sig.key())) {
        return k;
      }
    }
    return null;
  }

  private String keyIds() {
    return String.join(", ", options.publicKeys().stream().map(AuditSigner::keyId).toList());
  }

  static String forgedReason(AuditRecord.Signature sig) {
    return "its signature does not verify with key "
        + sig.key()
        + ": the record was forged or changed (and"
        + " re-chained) by something that does not hold the audit key";
  }

  private void fail(long lineNo, String id, String reason) {
    broken = new Verification.Broken(count, lineNo, id, reason, trail(false));
  }

  private Verification.Trail trail(boolean unterminated) {
    return new Verification.Trail(
        repairs,
        unterminated,
        signed,
        signed == 0 ? count : unsignedBeforeFirstSigned,
        options.checksSignatures(),
        expectedHeadAt);
  }

  /**
   * Whether the final cryptographic check is still to do: a key given, and the last signature not
   * yet checked.
   */
  boolean lastSignatureUnchecked() {
    return options.checksSignatures() && !options.everySignature() && lastSignature != null;
  }

  /**
   * The outcome once every line was taken. {@code lastSignatureValid} is the answer of the
   * cryptographic check of the last signed record (null when it was not needed); when it is false,
   * the caller walks again with every signature checked to find the first forged record.
   */
  Verification finish(boolean unterminated, long tornBytes, Boolean lastSignatureValid) {
    if (broken != null) {
      return broken;
    }
    if (options.checksSignatures() && count > 0 && signed == 0) {
      return new Verification.Broken(
          0,
          1,
          null,
          "no record is signed: nothing in this log is authenticated by the"
              + " key given, so any record in it may have been forged",
          trail(unterminated));
    }
    if (Boolean.FALSE.equals(lastSignatureValid)) {
      return new Verification.Broken(
          lastSignedLine - 1,
          lastSignedLine,
          lastSignedId,
          forgedReason(lastSignature),
          trail(unterminated));
    }
    if (options.expectHead() != null && expectedHeadAt == null) {
      return new Verification.Broken(
          count,
          count + 1,
          null,
          "the expected head "
              + options.expectHead()
              + " is not in the log: records were removed from its end (or it is another log); the log now ends at record "
              + count
              + ", sha256 "
              + prev,
          trail(unterminated));
    }
    if (tornBytes > 0) {
      return new Verification.TornTail(count, prev, count + 1, tornBytes, trail(unterminated));
    }
    return new Verification.Intact(count, prev, trail(unterminated));
  }

  String lastSignedSha() {
    return lastSignedSha;
  }

  AuditRecord.Signature lastSignature() {
    return lastSignature;
  }

  PublicKey lastSignatureKey() {
    return lastSignature == null ? null : keyFor(lastSignature);
  }

  private static AuditRecord.Repair repairOf(JsonNode record) {
    JsonNode r = record.get("repair");
    if (r == null || r.isNull()) {
      return null;
    }
    try {
      return JsonlAuditStore.READER.treeToValue(r, AuditRecord.Repair.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return new AuditRecord.Repair(null, "unreadable repair: " + r, null);
    }
  }
}
