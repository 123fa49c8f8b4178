package io.vsguard.cli;

import io.vsguard.core.audit.AuditException;
import io.vsguard.core.audit.AuditQuery;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.audit.JsonlAuditStore;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.text.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vsguard audit export}: every record, oldest first, as CSV (one row per decision, the
 * columns in {@link #COLUMNS}, for spreadsheets) or as a JSON array of the records.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Export every recorded decision as CSV or a JSON array.",
    footer = {"", "Exit codes: 0 exported, 2 no readable audit log there."})
public final class AuditExportCommand implements Callable<Integer> {
  enum Format {
    csv,
    json
  }

  /** The CSV columns, in order; a public contract like the record's field names. */
  static final List<String> COLUMNS =
      List.of(
          "seq",
          "recordedAt",
          "decisionId",
          "verdict",
          "planId",
          "planTitle",
          "ticket",
          "requestedBy",
          "actorType",
          "actorName",
          "inventorySource",
          "inventoryCapturedAt",
          "inventorySha256",
          "policyName",
          "policySha256",
          "planSha256",
          "blockFindings",
          "warnFindings",
          "infoFindings",
          "exemptedFindings",
          "rules",
          "error",
          "prev",
          "sha256");

  @Spec CommandSpec spec;

  @Mixin AuditLogOption auditLog = new AuditLogOption();

  @Option(
      names = {"--output", "--format"},
      required = true,
      paramLabel = "csv|json",
      description = "csv or json.")
  Format format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    JsonlAuditStore store = AuditCommand.existing(auditLog, err, "export");
    if (store == null) {
      return ExitCodes.INPUT_ERROR;
    }
    // Streamed: one record in memory at a time, whatever the size of the log.
    long[] n = {0};
    try {
      if (format == Format.json) {
        out.print("[");
        store.each(
            AuditQuery.ALL,
            (r, line) -> out.print((n[0]++ == 0 ? "\n" : ",\n") + indent(Json.pretty(r))));
        out.println(n[0] == 0 ? "]" : "\n]");
      } else {
        out.print(csvRow(COLUMNS));
        store.each(AuditQuery.ALL, (r, line) -> out.print(csvRow(row(r))));
      }
    } catch (AuditException e) {
      out.flush();
      return AuditCommand.readError(err, "export", e);
    }
    return ExitCodes.ALLOW;
  }

  /** A pretty record as an element of the exported array. */
  private static String indent(String pretty) {
    return "  " + pretty.replace("\n", "\n  ");
  }

  static List<String> row(AuditRecord r) {
    Decision d = r.decision();
    AuditRecord.PlanInfo p = r.plan();
    String rules =
        d.findings().stream()
            .map(Finding::rule)
            .distinct()
            .sorted()
            .collect(Collectors.joining(";"));
    return Stream.of(
            r.seq(),
            r.recordedAt(),
            d.decisionId(),
            d.verdict(),
            p == null ? null : p.id(),
            p == null ? null : p.title(),
            p == null ? null : p.ticket(),
            p == null ? null : p.requestedBy(),
            r.actor().type(),
            r.actor().name(),
            r.inventorySource() == null
                ? null
                : r.inventorySource().type() + ":" + r.inventorySource().location(),
            d.inventory() == null ? null : d.inventory().capturedAt(),
            d.inventory() == null ? null : d.inventory().sha256(),
            r.policy() == null ? null : r.policy().name(),
            r.policy() == null ? null : r.policy().sha256(),
            d.plan() == null ? null : d.plan().sha256(),
            count(d, Severity.BLOCK),
            count(d, Severity.WARN),
            count(d, Severity.INFO),
            d.findings().stream().filter(f -> !f.counts()).count(),
            rules,
            d.error() == null ? null : d.error().message(),
            r.prev(),
            r.sha256())
        .map(o -> o == null ? "" : Objects.toString(o))
        .toList();
  }

  private static long count(Decision d, Severity s) {
    return d.findings().stream().filter(f -> f.counts() && f.severity() == s).count();
  }

  /** RFC 4180, CRLF line ends; a cell a spreadsheet would run as a formula gets a leading quote. */
  static String csvRow(List<String> cells) {
    return cells.stream().map(AuditExportCommand::cell).collect(Collectors.joining(",")) + "\r\n";
  }

  private static String cell(String v) {
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
