package io.vsguard.cli;

import io.vsguard.core.audit.AuditException;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.audit.AuditSigner;
import io.vsguard.core.audit.JsonlAuditStore;
import io.vsguard.core.audit.Verification;
import io.vsguard.core.audit.VerifyOptions;
import io.vsguard.core.load.InputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vsguard audit verify}: walks the hash chain, and with the recording process's public key
 * the signatures. Exit 0 when every record verifies (a torn, unacknowledged tail left by a crash is
 * reported but is not a broken chain), 1 at the first record that does not, or when the head the
 * auditor kept is no longer in the log.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Verify the audit log's hash chain (and signatures, with --public-key); exit 1 at the first broken record.",
    footer = {
      "",
      "Exit codes: 0 intact (a torn, unacknowledged last line is only a warning),",
      "1 broken chain, forged or missing signature, or a head other than --expect-head,",
      "2 no readable audit log there."
    })
public final class AuditVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin AuditLogOption auditLog = new AuditLogOption();

  @Option(
      names = "--public-key",
      paramLabel = "FILE",
      description =
          "The recording process's audit public key (FILE.pub of vsguard audit keygen): every record from"
              + " the first signed one on must carry its valid signature.")
  List<Path> publicKeys = new ArrayList<>();

  @Option(
      names = "--expect-head",
      paramLabel = "SHA256",
      description =
          "A head kept elsewhere (the sha256 of an earlier 'head:' line): exit 1 if that record is no longer"
              + " in the log, i.e. records were cut from its end.")
  String expectHead;

  @Option(
      names = "--every-signature",
      description =
          "Check every record's signature, not only the last one's (which covers all before it through the chain).")
  boolean everySignature;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<PublicKey> keys = new ArrayList<>();
    try {
      for (Path p : publicKeys) {
        keys.add(AuditKeyFiles.readPublic(p));
      }
    } catch (InputException e) {
      err.println("vsguard audit verify: " + e.getMessage());
      return ExitCodes.INPUT_ERROR;
    }
    if (expectHead != null && !expectHead.strip().matches("(?i)[0-9a-f]{64}")) {
      err.println(
          "vsguard audit verify: --expect-head: expected a record's sha256 (64 hex digits), as the 'head:'"
              + " line of audit verify prints it");
      return ExitCodes.INPUT_ERROR;
    }
    if (everySignature && keys.isEmpty()) {
      err.println("vsguard audit verify: --every-signature needs --public-key FILE");
      return ExitCodes.INPUT_ERROR;
    }
    JsonlAuditStore store = AuditCommand.existing(auditLog, err, "verify");
    if (store == null) {
      return ExitCodes.INPUT_ERROR;
    }
    Verification v;
    try {
      v = store.verify(new VerifyOptions(keys, expectHead, everySignature));
    } catch (AuditException e) {
      return AuditCommand.readError(err, "verify", e);
    }
    if (v instanceof Verification.Broken b) {
      out.println(
          "BROKEN at line "
              + b.line()
              + (b.recordId() == null ? "" : " (record " + b.recordId() + ")")
              + ": "
              + b.reason());
      out.println(
          b.records()
              + " records before it verify; records from line "
              + b.line()
              + " on cannot be trusted");
      repairs(out, v);
      return ExitCodes.BLOCK;
    }
    String head =
        v instanceof Verification.Intact i
            ? i.headSha256()
            : ((Verification.TornTail) v).headSha256();
    out.println(
        "intact: "
            + v.records()
            + " records in "
            + store.file()
            + ", every one chained to the one before");
    out.println("head: record " + v.records() + ", sha256 " + head);
    signatures(out, err, v, keys);
    if (v.trail().expectedHeadAt() != null) {
      out.println(
          "expected head: found at record "
              + v.trail().expectedHeadAt()
              + ", nothing was cut before it");
    }
    if (v.trail().unterminatedLastLine()) {
      out.println(
          "unterminated: the last record (line "
              + v.records()
              + ") is whole and chained but has lost its final"
              + " newline; the next append writes the newline and notes it in its record (a whole record is never cut)");
      err.println("vsguard audit verify: warning: the last record has no final newline");
    }
    repairs(out, v);
    if (v instanceof Verification.TornTail t) {
      out.println(
          "torn tail: line "
              + t.line()
              + " has "
              + t.bytes()
              + " bytes and no newline: an append interrupted"
              + " by a crash, never acknowledged; the next append cuts it off and notes the cut in its record");
      err.println(
          "vsguard audit verify: warning: torn tail at line "
              + t.line()
              + " ("
              + t.bytes()
              + " bytes)");
    }
    return ExitCodes.ALLOW;
  }

  private static void signatures(
      PrintWriter out, PrintWriter err, Verification v, List<PublicKey> keys) {
    Verification.Trail t = v.trail();
    if (t.signedRecords() == 0) {
      out.println(
          "signatures: none; the chain shows changes and removals inside the log, not a forger who rewrites it"
              + " whole (sign records with the audit key: vsguard audit keygen)");
      return;
    }
    String key = keys.stream().map(AuditSigner::keyId).reduce((a, b) -> a + ", " + b).orElse("");
    if (t.signaturesChecked()) {
      out.println(
          "signatures: "
              + t.signedRecords()
              + " records signed, verified with key "
              + key
              + "; every record up to the head is authenticated");
    } else {
      out.println(
          "signatures: "
              + t.signedRecords()
              + " records signed, NOT checked: give --public-key FILE to"
              + " authenticate them");
      err.println(
          "vsguard audit verify: warning: signatures not checked (no --public-key): a forger who can write"
              + " the file could have rewritten it");
    }
    if (t.unsignedBeforeFirstSigned() > 0) {
      out.println(
          "unsigned: records 1-"
              + t.unsignedBeforeFirstSigned()
              + " were written before the audit key was"
              + " in use; the chain ties them to record "
              + (t.unsignedBeforeFirstSigned() + 1)
              + ", whose signature covers"
              + " them as they were then");
    }
  }

  /** Every repair a writer ever made, as the record after it states it: none is silent. */
  private static void repairs(PrintWriter out, Verification v) {
    List<Verification.RepairSeen> seen = v.trail().repairs();
    out.println("repairs: " + (seen.isEmpty() ? "none" : seen.size()));
    for (Verification.RepairSeen r : seen) {
      out.println("  before record " + r.seq() + ": the writer " + describe(r.repair()));
    }
  }

  static String describe(AuditRecord.Repair r) {
    if (r.newlineAddedTo() != null) {
      return "wrote the missing final newline of record "
          + r.newlineAddedTo()
          + " (kept whole, nothing removed)";
    }
    return "cut a torn, unacknowledged tail of "
        + r.truncatedBytes()
        + " bytes (sha256 "
        + r.truncatedSha256()
        + ") left by an interrupted append";
  }
}
