package io.vsguard.cli;

import io.vsguard.core.decision.Decision;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.rule.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The human decision: verdict first, then findings grouped by change and rule, each rule shown once
 * in full with the other hosts it hit listed after it, wrapped for an 80-column terminal.
 */
final class TextReport {
  static final int WIDTH = 80;
  private final ChangePlan plan;

  TextReport(ChangePlan plan) {
    this.plan = plan;
  }

  String render(Decision d) {
    StringBuilder sb = new StringBuilder();
    String title = plan.metadata().title() == null ? "" : ": " + plan.metadata().title();
    wrap(sb, d.verdict() + "  " + plan.metadata().id() + title, "", "       ");
    if (d.error() != null) {
      wrap(sb, "The guard could not evaluate this plan: " + d.error().message(), "", "  ");
      wrap(sb, "Nothing was checked; do not proceed.", "", "  ");
      return sb.toString();
    }
    DecisionSummary summary = DecisionSummary.of(d);
    DecisionSummary.Tally t = summary.tally();
    if (d.findings().isEmpty()) {
      wrap(sb, "No rule objects to this plan against this inventory.", "", "");
    } else {
      wrap(
          sb,
          t.counted()
              + " finding"
              + (t.counted() == 1 ? "" : "s")
              + " ("
              + t.block()
              + " block, "
              + t.warn()
              + " warn, "
              + t.info()
              + " info)"
              + (t.hosts() > 0 ? " on " + t.hosts() + " host" + (t.hosts() == 1 ? "" : "s") : "")
              + (t.exempted() > 0 ? ", " + t.exempted() + " " + DecisionSummary.EXEMPTED : ""),
          "",
          "");
    }
    for (DecisionSummary.ChangeGroup change : summary.changes()) {
      sb.append('\n');
      wrap(sb, "== " + heading(change), "", "   ");
      change.rules().forEach(rule -> renderRule(sb, rule));
    }
    if (d.suggestedRollout() != null) {
      sb.append('\n');
      wrap(
          sb,
          "A staged rollout of "
              + d.suggestedRollout().waves().size()
              + " waves would pass: vsguard stage writes it (also in the JSON decision as suggestedRollout).",
          "",
          "");
    }
    return sb.toString();
  }

  private String heading(DecisionSummary.ChangeGroup change) {
    if (change.planWide()) {
      return DecisionSummary.PLAN_WIDE;
    }
    String id = change.changeId();
    return plan.change(id).map(c -> id + "  " + describe(c)).orElse(id);
  }

  static String describe(Change c) {
    if (c instanceof Change.MigrateHosts m) {
      return "migrate-hosts " + m.from() + " -> " + m.to();
    }
    return c.action() + " " + String.join(", ", c.distributedSwitches());
  }

  private static void renderRule(StringBuilder sb, DecisionSummary.RuleGroup rule) {
    List<Finding> list = rule.findings();
    Finding first = list.get(0);
    sb.append('\n');
    int hosts = rule.hosts();
    wrap(
        sb,
        "["
            + first.severity().wire()
            + "] "
            + rule.label()
            + (hosts > 1 ? "  (" + hosts + " hosts)" : ""),
        "",
        "  ");
    wrap(sb, where(first) + first.message(), "  ", "    ");
    List<Finding> rest = list.subList(1, list.size());
    if (!rest.isEmpty()) {
      String firstShape = shape(first);
      boolean sameShape =
          rest.stream().allMatch(f -> f.subject().host() != null && shape(f).equals(firstShape));
      if (sameShape) {
        List<String> names =
            rest.stream()
                .map(f -> f.subject().host() + (f.step() == null ? "" : " (step " + f.step() + ")"))
                .toList();
        wrap(
            sb,
            "also on "
                + rest.size()
                + " more host"
                + (rest.size() == 1 ? "" : "s")
                + ": "
                + String.join(", ", names),
            "  ",
            "    ");
      } else {
        for (Finding f : rest) {
          wrap(sb, where(f) + f.message(), "  ", "    ");
        }
      }
    }
    if (first.exemption() != null) {
      wrap(
          sb,
          "exempted: "
              + first.exemption().justification()
              + " (approved by "
              + first.exemption().approver()
              + ", expires "
              + first.exemption().expires()
              + ")",
          "  ",
          "    ");
    }
    wrap(sb, "fix: " + first.remediation(), "  ", "    ");
  }

  /**
   * The message with the host name and counts taken out: findings that differ only by host (and,
   * say, how many VMs it runs) are listed as one, the full text shown for the first.
   */
  private static String shape(Finding f) {
    String host = f.subject().host();
    String m = host == null ? f.message() : f.message().replace(host, "#");
    return DIGITS.matcher(m).replaceAll("N");
  }

  /** Compiled once: a blocked check of 10,000 hosts shapes 40,000 messages. */
  private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d+");

  private static String where(Finding f) {
    List<String> parts = new ArrayList<>();
    if (f.subject().host() != null) {
      parts.add(f.subject().host());
    }
    if (f.wave() != null) {
      parts.add("wave " + f.wave());
    }
    if (f.step() != null) {
      parts.add("step " + f.step());
    }
    return parts.isEmpty() ? "" : String.join(", ", parts) + ": ";
  }

  /** Greedy word wrap; words longer than the line are kept whole rather than cut. */
  static void wrap(StringBuilder sb, String text, String firstIndent, String indent) {
    String prefix = firstIndent;
    StringBuilder line = new StringBuilder(prefix);
    boolean empty = true;
    for (String word : text.split(" ")) {
      if (word.isEmpty()) {
        continue;
      }
      if (!empty && line.length() + 1 + word.length() > WIDTH) {
        sb.append(line).append('\n');
        line = new StringBuilder(indent);
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    sb.append(line).append('\n');
  }
}
