package io.vsguard.cli;

import io.vsguard.core.audit.AuditException;
import io.vsguard.core.audit.AuditQuery;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.audit.JsonlAuditStore;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Severity;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vsguard audit list}: the recorded decisions as an 80-column table, oldest first. */
@Command(
    name = "list",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = "List recorded decisions (oldest first).",
    footer = {
      "",
      "Exit codes: 0 listed (also when nothing matches), 2 bad filter, or no readable",
      "audit log there."
    })
public final class AuditListCommand implements Callable<Integer> {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  static final String ROW = "%-8s %-16s %-7s %-14s %-8s %-8s %s";
  static final int RULES_WIDTH = 80 - String.format(ROW, "", "", "", "", "", "", "").length();

  @Spec CommandSpec spec;

  @Mixin AuditLogOption auditLog = new AuditLogOption();

  @Option(names = "--verdict", paramLabel = "V", description = "ALLOW, WARN, BLOCK or ERROR.")
  String verdict;

  @Option(
      names = "--since",
      paramLabel = "T",
      description =
          "Recorded at or after T: a date (2026-11-24, UTC midnight) or an ISO date-time.")
  String since;

  @Option(names = "--rule", paramLabel = "R", description = "Decisions with a finding of rule R.")
  String rule;

  @Option(
      names = "--plan",
      paramLabel = "ID",
      description = "Decisions on the plan with this metadata.id.")
  String plan;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AuditQuery query;
    try {
      query = new AuditQuery(verdict(verdict), instant(since), rule, plan);
    } catch (IllegalArgumentException e) {
      err.println("vsguard audit list: " + e.getMessage());
      return ExitCodes.INPUT_ERROR;
    }
    JsonlAuditStore store = AuditCommand.existing(auditLog, err, "list");
    if (store == null) {
      return ExitCodes.INPUT_ERROR;
    }
    try {
      out.println(
          String.format(
              Locale.ROOT, ROW, "ID", "TIME (UTC)", "VERDICT", "PLAN", "TICKET", "ACTOR", "RULES"));
      long[] n = {0};
      store.each(
          query,
          (r, line) -> {
            out.println(row(r));
            n[0]++;
          });
      out.println(
          n[0]
              + (n[0] == 1 ? " decision" : " decisions")
              + (query.equals(AuditQuery.ALL) ? "" : " match")
              + " in "
              + store.file());
      return ExitCodes.ALLOW;
    } catch (AuditException e) {
      return AuditCommand.readError(err, "list", e);
    }
  }

  static String row(AuditRecord r) {
    AuditRecord.PlanInfo p = r.plan();
    return String.format(
        Locale.ROOT,
        ROW,
        r.id().substring(0, Math.min(8, r.id().length())),
        TIME.format(r.recordedAt()),
        r.decision().verdict(),
        cut(p == null ? "-" : p.id(), 14),
        cut(p == null || p.ticket() == null ? "-" : p.ticket(), 8),
        cut(r.actor().name(), 8),
        cut(topRules(r), RULES_WIDTH));
  }

  /** The rule that weighs most (severity, then how often it fired), and how many others fired. */
  static String topRules(AuditRecord r) {
    if (r.decision().verdict() == Verdict.ERROR) {
      return "(error)";
    }
    Map<String, long[]> weight = new TreeMap<>();
    for (Finding f : r.decision().findings()) {
      if (f.counts()) {
        long[] w = weight.computeIfAbsent(f.rule(), k -> new long[2]);
        w[0] = Math.max(w[0], severityRank(f.severity()));
        w[1]++;
      }
    }
    if (weight.isEmpty()) {
      return r.decision().findings().isEmpty() ? "-" : "(exempted)";
    }
    String top =
        weight.entrySet().stream()
            .sorted(
                Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                    .thenComparingLong(e -> -e.getValue()[1])
                    .thenComparing(Map.Entry::getKey))
            .findFirst()
            .orElseThrow()
            .getKey();
    String more = weight.size() > 1 ? " +" + (weight.size() - 1) : "";
    return cut(top, RULES_WIDTH - more.length()) + more;
  }

  /** A cell: on one line (a line break in a value would forge a row), cut to its column. */
  static String cut(String s, int width) {
    if (s == null) {
      return "-";
    }
    String one = io.vsguard.core.text.SafeText.oneLine(s);
    return one.length() <= width ? one : one.substring(0, width - 1) + "~";
  }

  static Verdict verdict(String v) {
    if (v == null) {
      return null;
    }
    try {
      return Verdict.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--verdict: '" + v + "' is not one of ALLOW, WARN, BLOCK, ERROR");
    }
  }

  static Instant instant(String t) {
    if (t == null) {
      return null;
    }
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException noOffset) {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--since: '"
              + t
              + "' is not an ISO date (2026-11-24) or date-time"
              + " (2026-11-24T18:00:00Z; without an offset it is UTC)");
    }
  }

  /** block 3, warn 2, info 1. */
  static int severityRank(Severity s) {
    return 3 - s.ordinal();
  }
}
