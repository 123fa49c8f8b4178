package io.vsguard.cli;

import io.vsguard.core.decision.Decision;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What the human reports say about a decision, worked out once: the counts in their headers, the
 * findings grouped by change (plan-wide first, as the decision orders them) and, within a change,
 * by rule (how the terminal reads) and by subject (how the web view reads), and the labels each
 * report shows. The text, Markdown and HTML reports render this model and count nothing themselves,
 * so they cannot disagree about a decision.
 *
 * @param tally the counts over every finding of the decision
 * @param changes one group per change that has findings, in the order of the decision's findings;
 *     the plan-wide findings (rollout rules, no change id) form a group of their own
 */
public record DecisionSummary(Tally tally, List<ChangeGroup> changes) {
  /** The heading of the findings that belong to no single change. */
  public static final String PLAN_WIDE = "Rollout and whole plan";

  /** The label of a finding an exemption took out of the verdict. */
  public static final String EXEMPTED = "exempted";

  public DecisionSummary {
    Objects.requireNonNull(tally, "tally");
    changes = List.copyOf(changes);
  }

  public static DecisionSummary of(Decision d) {
    List<ChangeGroup> changes =
        groups(d.findings(), f -> f.change() == null ? "" : f.change()).entrySet().stream()
            .map(e -> ChangeGroup.of(e.getKey().isEmpty() ? null : e.getKey(), e.getValue()))
            .toList();
    return new DecisionSummary(Tally.of(d.findings()), changes);
  }

  /**
   * Counts over a list of findings. The severities count only the findings that decide the verdict;
   * the exempted are counted apart, and the hosts are the distinct hosts of all of them.
   */
  public record Tally(int counted, int block, int warn, int info, int exempted, int hosts) {
    public static Tally of(List<Finding> findings) {
      int counted = 0;
      int block = 0;
      int warn = 0;
      int info = 0;
      int exempted = 0;
      Set<String> hosts = new LinkedHashSet<>();
      for (Finding f : findings) {
        if (host(f) != null) {
          hosts.add(host(f));
        }
        if (!f.counts()) {
          exempted++;
          continue;
        }
        counted++;
        if (f.severity() == Severity.BLOCK) {
          block++;
        } else if (f.severity() == Severity.WARN) {
          warn++;
        } else if (f.severity() == Severity.INFO) {
          info++;
        }
      }
      return new Tally(counted, block, warn, info, exempted, hosts.size());
    }

    /** Every finding, counted or exempted. */
    public int total() {
      return counted + exempted;
    }

    /** The counted findings of one severity. */
    public int of(Severity s) {
      return switch (s) {
        case BLOCK -> block;
        case WARN -> warn;
        case INFO -> info;
      };
    }
  }

  /**
   * The findings of one change.
   *
   * @param changeId the plan's change id, null for the plan-wide group
   * @param rules the findings by rule, an exempted finding apart from the counted ones of its rule
   * @param subjects the findings by host (or switch, or the whole plan when they name neither)
   */
  public record ChangeGroup(
      String changeId,
      List<Finding> findings,
      Tally tally,
      List<RuleGroup> rules,
      List<SubjectGroup> subjects) {
    public ChangeGroup {
      findings = List.copyOf(findings);
      rules = List.copyOf(rules);
      subjects = List.copyOf(subjects);
    }

    static ChangeGroup of(String changeId, List<Finding> findings) {
      List<RuleGroup> rules =
          groups(findings, f -> f.rule() + (f.counts() ? "" : " (" + EXEMPTED + ")"))
              .values()
              .stream()
              .map(fs -> new RuleGroup(fs.get(0).rule(), !fs.get(0).counts(), fs))
              .toList();
      List<SubjectGroup> subjects =
          groups(findings, DecisionSummary::subject).entrySet().stream()
              .map(e -> SubjectGroup.of(e.getKey(), e.getValue()))
              .toList();
      return new ChangeGroup(changeId, findings, Tally.of(findings), rules, subjects);
    }

    public boolean planWide() {
      return changeId == null;
    }

    /** "Change c1", or the plan-wide heading. */
    public String heading() {
      return planWide() ? PLAN_WIDE : "Change " + changeId;
    }
  }

  /**
   * The findings of one rule in one change; {@code exempted} groups the ones an exemption took out.
   */
  public record RuleGroup(String rule, boolean exempted, List<Finding> findings) {
    public RuleGroup {
      findings = List.copyOf(findings);
    }

    /** The rule id, marked when its findings are exempted. */
    public String label() {
      return rule + (exempted ? " (" + EXEMPTED + ")" : "");
    }

    public int hosts() {
      return (int)
          findings.stream().map(DecisionSummary::host).filter(Objects::nonNull).distinct().count();
    }
  }

  /**
   * The findings on one subject of one change.
   *
   * @param label the host name, "switch NAME", or "whole plan"
   * @param rules the distinct rule ids, in order: what a folded subject shows of its findings
   */
  public record SubjectGroup(
      String label, List<Finding> findings, Tally tally, List<String> rules) {
    public SubjectGroup {
      findings = List.copyOf(findings);
      rules = List.copyOf(rules);
    }

    static SubjectGroup of(String label, List<Finding> findings) {
      return new SubjectGroup(
          label,
          findings,
          Tally.of(findings),
          findings.stream().map(Finding::rule).distinct().toList());
    }
  }

  /** A finding's severity as the reports print it, or "exempted" when it does not count. */
  public static String label(Finding f) {
    return f.counts() ? f.severity().wire() : EXEMPTED;
  }

  /** The host a finding is about, or null. */
  public static String host(Finding f) {
    return f.subject() == null ? null : f.subject().host();
  }

  /** What a finding is about: its host, else its switch, else the whole plan. */
  public static String subject(Finding f) {
    if (host(f) != null) {
      return host(f);
    }
    if (f.subject() != null && f.subject().switchName() != null) {
      return "switch " + f.subject().switchName();
    }
    return "whole plan";
  }

  /** Findings by key, keys in the order they first appear, each list in the findings' order. */
  private static Map<String, List<Finding>> groups(
      List<Finding> findings, Function<Finding, String> key) {
    Map<String, List<Finding>> out = new LinkedHashMap<>();
    for (Finding f : findings) {
      out.computeIfAbsent(key.apply(f), k -> new ArrayList<>()).add(f);
    }
    return out;
  }
}
