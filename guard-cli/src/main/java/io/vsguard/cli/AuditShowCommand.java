package io.vsguard.cli;

import io.vsguard.core.audit.AuditException;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.audit.JsonlAuditStore;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.text.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vsguard audit show ID}: one recorded decision in full, with its place in the chain. */
@Command(
    name = "show",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description =
        "Show one recorded decision: who asked, against what, findings, exemptions, suggested rollout.",
    footer = {
      "",
      "Exit codes: 0 shown, 2 unknown or ambiguous id, or no readable audit log there."
    })
public final class AuditShowCommand implements Callable<Integer> {
  enum Output {
    text,
    json
  }

  @Spec CommandSpec spec;

  @Mixin AuditLogOption auditLog = new AuditLogOption();

  @Parameters(
      index = "0",
      paramLabel = "ID",
      description = "The decision id, or a unique prefix of it.")
  String id;

  @Option(
      names = {"--output", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default) or json (the audit record as stored).")
  Output output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    JsonlAuditStore store = AuditCommand.existing(auditLog, err, "show");
    if (store == null) {
      return ExitCodes.INPUT_ERROR;
    }
    List<AuditRecord> found;
    try {
      found = store.find(id);
    } catch (AuditException e) {
      return AuditCommand.readError(err, "show", e);
    }
    if (found.size() != 1) {
      err.println(
          "vsguard audit show: "
              + (found.isEmpty()
                  ? "no decision with id " + id + " in " + store.file()
                  : "'"
                      + id
                      + "' is ambiguous: "
                      + found.size()
                      + " decisions start with it ("
                      + found.stream()
                          .limit(5)
                          .map(AuditRecord::id)
                          .collect(Collectors.joining(", "))
                      + (found.size() > 5 ? ", ..." : "")
                      + ")"));
      return ExitCodes.INPUT_ERROR;
    }
    AuditRecord r = found.get(0);
    List<AuditRecord> timeline = List.of();
    if (output != Output.json) {
      try {
        timeline = store.applyTimeline(r.id(), r.seq(), MAX_TIMELINE);
      } catch (AuditException e) {
        return AuditCommand.readError(err, "show", e);
      }
    }
    out.print(output == Output.json ? Json.pretty(r) + "\n" : render(r, timeline));
    return ExitCodes.ALLOW;
  }

  /** The most apply records the text output lists after a decision. */
  static final int MAX_TIMELINE = 20_000;

  static String render(AuditRecord r) {
    return render(r, List.of());
  }

  /**
   * The decision, and after it the apply records that carried it out ({@code vsguard apply}), if
   * any.
   */
  static String render(AuditRecord r, List<AuditRecord> timeline) {
    Decision d = r.decision();
    StringBuilder sb = new StringBuilder();
    AuditRecord.PlanInfo p = r.plan();
    line(
        sb,
        "",
        d.verdict()
            + "  "
            + (p == null ? "(no plan)" : p.id() + (p.title() == null ? "" : ": " + p.title())));
    line(sb, "decision   ", d.decisionId());
    line(sb, "recorded   ", r.recordedAt() + " (record " + r.seq() + ")");
    line(sb, "asked by   ", r.actor().name() + " (" + r.actor().type() + ")");
    if (p != null) {
      line(sb, "ticket     ", orDash(p.ticket()) + ", requested by " + orDash(p.requestedBy()));
    }
    line(sb, "plan       ", (d.plan() == null ? "-" : "sha256 " + d.plan().sha256()));
    String inv =
        r.inventorySource() == null
            ? "-"
            : r.inventorySource().type() + " " + r.inventorySource().location();
    line(sb, "inventory  ", inv);
    if (d.inventory() != null) {
      line(
          sb,
          "           ",
          "captured "
              + orDash(d.inventory().capturedAt())
              + " from "
              + orDash(d.inventory().source())
              + ", sha256 "
              + d.inventory().sha256());
    }
    if (r.policy() != null) {
      line(
          sb,
          "policy     ",
          r.policy().name() + " (" + r.policy().source() + "), sha256 " + r.policy().sha256());
    }
    line(sb, "engine     ", d.engine() == null ? "-" : d.engine().version());
    if (d.error() != null) {
      sb.append('\n');
      line(sb, "", "Not evaluated: " + d.error().message());
    }
    List<Finding> counted = d.findings().stream().filter(Finding::counts).toList();
    List<Finding> exempted = d.findings().stream().filter(f -> !f.counts()).toList();
    sb.append("\nFindings (").append(counted.size()).append(")\n");
    counted.forEach(f -> finding(sb, f));
    if (!exempted.isEmpty()) {
      sb.append("\nExemptions (").append(exempted.size()).append(")\n");
      for (Finding f : exempted) {
        finding(sb, f);
        Finding.Exemption e = f.exemption();
        line(
            sb,
            "    exempted: ",
            orDash(e.justification())
                + "; approved by "
                + orDash(e.approver())
                + ", expires "
                + orDash(e.expires())
                + (e.scope() == null ? "" : ", scope " + e.scope()));
      }
    }
    if (d.suggestedRollout() != null) {
      sb.append("\nSuggested rollout (")
          .append(d.suggestedRollout().waves().size())
          .append(" waves)\n");
      for (Rollout.Wave w : d.suggestedRollout().waves()) {
        line(
            sb,
            "  ",
            w.name()
                + ": "
                + (w.switchLevel() ? "switch " + w.switchName() : String.join(", ", w.hosts())));
        line(
            sb,
            "    steps: ",
            w.steps().stream().map(Step::describe).collect(Collectors.joining("; ")));
        if (w.gate() != null) {
          line(
              sb,
              "    gate: ",
              "soak " + w.gate().soakMinutes() + " min, " + String.join(", ", w.gate().checks()));
        }
      }
    }
    if (!timeline.isEmpty()) {
      sb.append("\nApplied (").append(timeline.size()).append(" apply records)\n");
      for (AuditRecord a : timeline) {
        AuditRecord.ApplyEvent e = a.apply();
        StringBuilder where = new StringBuilder();
        for (String part : new String[] {e.wave(), e.host(), e.step()}) {
          if (part != null) {
            where.append(' ').append(part);
          }
        }
        line(
            sb,
            "  ",
            a.recordedAt()
                + " "
                + e.event()
                + where
                + (e.detail() == null ? "" : ": " + e.detail()));
      }
    }
    if (r.repair() != null) {
      sb.append('\n');
      line(
          sb, "", "Before this record the writer " + AuditVerifyCommand.describe(r.repair()) + ".");
    }
    sb.append('\n');
    line(sb, "prev       ", r.prev());
    line(sb, "sha256     ", r.sha256());
    line(
        sb,
        "signature  ",
        r.signature() == null
            ? "none (written without the audit key)"
            : r.signature().alg()
                + ", key "
                + r.signature().key()
                + " (audit verify --public-key checks it)");
    return sb.toString();
  }

  private static void finding(StringBuilder sb, Finding f) {
    StringBuilder where = new StringBuilder();
    if (f.change() != null) {
      where.append(" change ").append(f.change());
    }
    if (f.wave() != null) {
      where.append(" wave ").append(f.wave());
    }
    if (f.step() != null) {
      where.append(" step ").append(f.step());
    }
    if (f.subject() != null && f.subject().host() != null) {
      where.append(" host ").append(f.subject().host());
    }
    if (f.subject() != null && f.subject().switchName() != null) {
      where.append(" switch ").append(f.subject().switchName());
    }
    line(sb, "  ", "[" + f.severity().wire() + "] " + f.rule() + where);
    line(sb, "    ", f.message());
    if (f.remediation() != null) {
      line(sb, "    fix: ", f.remediation());
    }
  }

  /**
   * One labelled line; a line break inside a value is shown escaped, so no value can forge a line.
   */
  private static void line(StringBuilder sb, String label, String text) {
    sb.append(label).append(io.vsguard.core.text.SafeText.oneLine(text)).append('\n');
  }

  private static String orDash(Object o) {
    return o == null ? "-" : o.toString();
  }
}
