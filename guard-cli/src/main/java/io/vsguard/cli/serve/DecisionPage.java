package io.vsguard.cli.serve;

import io.vsguard.cli.DecisionSummary;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.rule.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * What the decision page shows of one audit record, worked out before the template runs: the plan's
 * name, the summary line under the verdict, the facts in two columns, the findings' summary and the
 * exempted findings.
 *
 * @param facts two columns: who and when on the left, the hashes of what was decided on the right
 * @param timeline the apply records that carried the decision out (vsguard apply), oldest first
 */
record DecisionPage(
    AuditRecord record,
    String planId,
    String title,
    String line,
    List<List<Fact>> facts,
    DecisionSummary summary,
    List<Finding> exempted,
    String error,
    List<AuditRecord> timeline) {
  /**
   * How many subjects of a change open unfolded; the others show their rules in the summary line.
   */
  static final int OPEN_SUBJECTS = 3;

  /** The most apply records a decision page shows (a plan of 1,000 hosts of 14 steps fits). */
  static final int MAX_TIMELINE = 20_000;

  DecisionPage {
    facts = facts.stream().map(List::copyOf).toList();
    exempted = List.copyOf(exempted);
    timeline = List.copyOf(timeline);
  }

  /** A label and its value; {@code actor} when the value is who checked (shown as type:name). */
  record Fact(String label, String value, AuditRecord.Actor actor) {
    static Fact of(String label, Object value) {
      return new Fact(label, value == null ? null : value.toString(), null);
    }
  }

  static DecisionPage of(AuditRecord r) {
    return of(r, List.of());
  }

  static DecisionPage of(AuditRecord r, List<AuditRecord> timeline) {
    Decision d = r.decision();
    AuditRecord.PlanInfo p = r.plan();
    DecisionSummary summary = DecisionSummary.of(d);
    return new DecisionPage(
        r,
        planId(r),
        p == null ? null : p.title(),
        line(d, summary.tally()),
        List.of(left(r), right(r)),
        summary,
        d.findings().stream().filter(f -> f.exemption() != null).toList(),
        d.error() == null ? null : d.error().message(),
        timeline);
  }

  Verdict verdict() {
    return record.decision().verdict();
  }

  /** The plan id the record names, else the decision's, else the record id. */
  static String planId(AuditRecord r) {
    if (r.plan() != null && r.plan().id() != null) {
      return r.plan().id();
    }
    if (r.decision().plan() != null && r.decision().plan().id() != null) {
      return r.decision().plan().id();
    }
    return r.id();
  }

  /**
   * "42 findings counted: 40 block, 2 warn, 0 info · 3 exempted · decided 2016-11-22 10:30:00 UTC".
   */
  private static String line(Decision d, DecisionSummary.Tally t) {
    StringBuilder s = new StringBuilder();
    s.append(t.counted())
        .append(t.counted() == 1 ? " finding counted" : " findings counted")
        .append(": ")
        .append(t.block())
        .append(" block, ")
        .append(t.warn())
        .append(" warn, ")
        .append(t.info())
        .append(" info");
    if (t.exempted() > 0) {
      s.append(" · ").append(t.exempted()).append(" exempted");
    }
    return s.append(" · decided ").append(Fmt.when(d.timestamp())).toString();
  }

  private static List<Fact> left(AuditRecord r) {
    Decision d = r.decision();
    AuditRecord.PlanInfo p = r.plan();
    return List.of(
        Fact.of("Ticket", p == null ? null : p.ticket()),
        Fact.of("Requested by", p == null ? null : p.requestedBy()),
        new Fact("Checked by", null, r.actor()),
        Fact.of("Recorded", Fmt.when(r.recordedAt()) + " (record " + r.seq() + ")"),
        Fact.of("Decision id", d.decisionId()),
        Fact.of("Engine", d.engine() == null ? null : "vsguard " + d.engine().version()));
  }

  private static List<Fact> right(AuditRecord r) {
    Decision d = r.decision();
    List<Fact> facts = new ArrayList<>();
    facts.add(Fact.of("Plan sha256", d.plan() == null ? null : d.plan().sha256()));
    if (d.inventory() != null) {
      facts.add(
          Fact.of(
              "Inventory captured",
              d.inventory().capturedAt() == null ? null : Fmt.when(d.inventory().capturedAt())));
      facts.add(Fact.of("Inventory source", d.inventory().source()));
      facts.add(Fact.of("Inventory sha256", d.inventory().sha256()));
    }
    if (r.inventorySource() != null) {
      facts.add(
          Fact.of(
              "Inventory read from",
              r.inventorySource().type() + ": " + r.inventorySource().location()));
    }
    if (d.policy() != null) {
      facts.add(
          Fact.of(
              "Policy",
              d.policy().name()
                  + (r.policy() != null && r.policy().source() != null
                      ? " (" + r.policy().source() + ")"
                      : "")));
      facts.add(Fact.of("Policy sha256", d.policy().sha256()));
    }
    facts.add(Fact.of("Record sha256", r.sha256()));
    return facts;
  }
}
