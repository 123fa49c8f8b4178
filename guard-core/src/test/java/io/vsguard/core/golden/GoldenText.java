package io.vsguard.core.golden;

import io.vsguard.core.decision.Decision;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.stage.StageResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes what the engine decided as compact, line-oriented text, so a golden file can be diffed by
 * eye: the verdict, every field of every finding in order, the suggested rollout, the stage result.
 * A finding's remediation and reference come from its rule and repeat on every finding of that
 * rule, so they are written once per file (the {@code rule} lines at the top) and on a finding only
 * when they differ from those; nothing is left out. Decision ids and timestamps are random or the
 * clock's and are not engine output.
 */
final class GoldenText {
  private final List<String> body = new ArrayList<>();
  private final Map<String, String> ruleTexts = new LinkedHashMap<>();

  void section(String title) {
    body.add("");
    body.add("== " + title);
  }

  void line(String text) {
    body.add(text);
  }

  void decision(Decision d) {
    decision(d, null);
  }

  /**
   * {@code staged}: the rollout the stage of the same case printed, so an identical suggestion is
   * not repeated.
   */
  void decision(Decision d, Rollout staged) {
    body.add("verdict " + d.verdict() + " plan " + d.plan().id());
    if (d.error() != null) {
      body.add("error " + esc(d.error().message()));
    }
    for (Finding f : d.findings()) {
      finding(f);
    }
    if (d.suggestedRollout() == null) {
      body.add("suggestedRollout none");
    } else if (d.suggestedRollout().equals(staged)) {
      body.add("suggestedRollout = the staged rollout");
    } else {
      body.add("suggestedRollout");
      rollout(d.suggestedRollout());
    }
  }

  void stage(StageResult r) {
    if (r instanceof StageResult.Failed failed) {
      body.add("stage failed " + esc(failed.reason()));
      return;
    }
    if (r instanceof StageResult.Refused refused) {
      body.add("stage refused");
      refused.reasons().forEach(x -> body.add("  reason " + esc(x)));
      return;
    }
    StageResult.Staged s = (StageResult.Staged) r;
    body.add("stage staged");
    s.notes().forEach(x -> body.add("  note " + esc(x)));
    rollout(s.plan().spec().rollout());
  }

  private void finding(Finding f) {
    String texts = "remediation " + opt(f.remediation()) + " | reference " + opt(f.reference());
    String known = ruleTexts.putIfAbsent(f.rule(), texts);
    StringBuilder sb = new StringBuilder("F ");
    sb.append(f.rule())
        .append(" | ")
        .append(f.severity().wire())
        .append(" | ")
        .append(opt(f.change()))
        .append(" | ")
        .append(opt(f.wave()))
        .append(" | ")
        .append(f.step() == null ? "-" : f.step().toString())
        .append(" | ")
        .append(opt(f.subject().switchName()))
        .append(" | ")
        .append(opt(f.subject().host()))
        .append(" | ")
        .append(esc(f.message()));
    if (f.exemption() != null) {
      Finding.Exemption e = f.exemption();
      sb.append(" | exempted ")
          .append(esc(e.justification()))
          .append(" / ")
          .append(esc(e.approver()))
          .append(" / ")
          .append(e.expires())
          .append(" / ")
          .append(esc(e.scope()));
    }
    if (known != null && !known.equals(texts)) {
      sb.append(" | ").append(texts);
    }
    body.add(sb.toString());
  }

  /** Waves one per line; a wave whose steps equal an earlier wave's names that wave. */
  private void rollout(Rollout r) {
    Map<List<Step>, String> seen = new LinkedHashMap<>();
    for (Rollout.Wave w : r.waves()) {
      String steps;
      String first = seen.putIfAbsent(w.steps(), w.name());
      if (first != null) {
        steps = "as " + first;
      } else {
        List<String> d = new ArrayList<>();
        w.steps().forEach(s -> d.add(s.describe()));
        steps = esc(String.join("; ", d));
      }
      String gate =
          w.gate() == null
              ? "-"
              : w.gate().soakMinutes() + "min " + String.join(",", w.gate().checks());
      body.add(
          "  wave "
              + w.name()
              + " | hosts "
              + String.join(",", w.hosts())
              + " | gate "
              + gate
              + " | steps "
              + steps);
    }
  }

  String render() {
    List<String> out = new ArrayList<>();
    out.add(
        "# Golden engine output (GoldenTest). Regenerate only when a change of output is intended:");
    out.add("#   ./mvnw -B -q -pl guard-core test -Dtest=GoldenTest -Dgolden.update=true");
    ruleTexts.forEach((rule, texts) -> out.add("rule " + rule + " | " + texts));
    out.addAll(body);
    return String.join("\n", out) + "\n";
  }

  private static String opt(String s) {
    return s == null ? "-" : esc(s);
  }

  static String esc(String s) {
    Objects.requireNonNull(s, "golden text of a null string");
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '|' -> sb.append("\\|");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
