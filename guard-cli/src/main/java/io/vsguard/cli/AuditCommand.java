package io.vsguard.cli;

import io.vsguard.core.audit.AuditException;
import io.vsguard.core.audit.JsonlAuditStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vsguard audit}: what auditors use to read and verify the decisions check recorded. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Read, verify and export the audit log of decisions.",
    subcommands = {
      AuditListCommand.class,
      AuditShowCommand.class,
      AuditVerifyCommand.class,
      AuditExportCommand.class,
      AuditKeygenCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw VsguardCommand.missingSubcommand(spec);
  }

  /**
   * The store behind {@code --audit-log}, or null after telling the user that there is no log
   * there: a mistyped path must not read as "no decisions were ever recorded".
   */
  static JsonlAuditStore existing(AuditLogOption option, PrintWriter err, String command) {
    JsonlAuditStore store = option.store();
    if (!Files.isRegularFile(store.file())) {
      err.println(
          "vsguard audit "
              + command
              + ": "
              + store.file()
              + ": no audit log there"
              + " (check records into --audit-log PATH, $"
              + AuditLogOption.ENV
              + " or ~/.vsguard/audit.jsonl)");
      return null;
    }
    return store;
  }

  static int readError(PrintWriter err, String command, AuditException e) {
    err.println("vsguard audit " + command + ": " + e.getMessage());
    return ExitCodes.INPUT_ERROR;
  }
}
