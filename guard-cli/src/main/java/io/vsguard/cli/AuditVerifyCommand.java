package io.vsguard.cli;

import io.vsguard.core.audit.AuditException;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.audit.JsonlAuditStore;
import io.vsguard.core.audit.Verification;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vsguard audit verify}: walks the hash chain. Exit 0 when every record verifies (a torn,
 * unacknowledged tail left by a crash is reported but is not a broken chain), 1 at the first
 * record that does not.
 */
@Command(name = "verify", description = "Verify the audit log's hash chain; exit 1 at the first broken record.")
public final class AuditVerifyCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  AuditLogOption auditLog = new AuditLogOption();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    JsonlAuditStore store = AuditCommand.existing(auditLog, err, "verify");
    if (store == null) {
      return ExitCodes.INPUT_ERROR;
    }
    Verification v;
    try {
      v = store.verify();
    } catch (AuditException e) {
      return AuditCommand.readError(err, "verify", e);
    }
    if (v instanceof Verification.Broken b) {
      out.println("BROKEN at line " + b.line() + (b.recordId() == null ? "" : " (record " + b.recordId() + ")")
          + ": " + b.reason());
      out.println(b.records() + " records before it verify; records from line " + b.line() + " on cannot be trusted");
      repairs(out, v);
      return ExitCodes.BLOCK;
    }
    String head = v instanceof Verification.Intact i ? i.headSha256() : ((Verification.TornTail) v).headSha256();
    out.println("intact: " + v.records() + " records in " + store.file() + ", every one chained to the one before");
    out.println("head: record " + v.records() + ", sha256 " + head);
    if (v.trail().unterminatedLastLine()) {
      out.println("unterminated: the last record (line " + v.records() + ") is whole and chained but has lost its final"
          + " newline; the next append writes the newline and notes it in its record (a whole record is never cut)");
      err.println("vsguard audit verify: warning: the last record has no final newline");
    }
    repairs(out, v);
    if (v instanceof Verification.TornTail t) {
      out.println("torn tail: line " + t.line() + " has " + t.bytes() + " bytes and no newline: an append interrupted"
          + " by a crash, never acknowledged; the next append cuts it off and notes the cut in its record");
      err.println("vsguard audit verify: warning: torn tail at line " + t.line() + " (" + t.bytes() + " bytes)");
    }
    return ExitCodes.ALLOW;
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
      return "wrote the missing final newline of record " + r.newlineAddedTo() + " (kept whole, nothing removed)";
    }
    return "cut a torn, unacknowledged tail of " + r.truncatedBytes() + " bytes (sha256 " + r.truncatedSha256()
        + ") left by an interrupted append";
  }
}
