package io.vsguard.cli;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The corpus's confusion tables: expected verdict against decided verdict (for check, and for the
 * check of every staged plan), and per rule how often a finding that had to appear did, and one
 * that must not appear did not.
 */
final class CorpusTally {
  private static final List<String> DECIDED =
      List.of("ALLOW", "WARN", "BLOCK", "ERROR", "INPUT-ERROR", "other");

  private CorpusTally() {}

  static String render(List<CorpusRun.Result> results) {
    StringBuilder out = new StringBuilder();
    long met = results.stream().filter(CorpusRun.Result::met).count();
    out.append(
        String.format(
            "Corpus: %d cases, %d met, %d mismatched%n%n",
            results.size(), met, results.size() - met));
    verdicts(out, "check", results, r -> r.kase().check(), CorpusRun.Result::check);
    verdicts(
        out,
        "check of the staged plan",
        results.stream().filter(r -> r.stagedCheck() != null).toList(),
        r -> r.kase().stagedCheck(),
        CorpusRun.Result::stagedCheck);
    stage(out, results);
    rules(out, results);
    out.append(String.format("%nCases%n"));
    for (CorpusRun.Result r : results) {
      String status = r.met() ? "met" : "NOT MET";
      out.append(String.format("  %-48s %s%n", r.kase().name(), status));
      for (String m : r.mismatches()) {
        out.append("      - ").append(m).append('\n');
      }
    }
    return out.toString();
  }

  private static void verdicts(
      StringBuilder out,
      String title,
      List<CorpusRun.Result> results,
      Function<CorpusRun.Result, CorpusCase.Expect> expect,
      Function<CorpusRun.Result, CorpusRun.Decided> decided) {
    Map<String, int[]> rows = new TreeMap<>();
    for (CorpusRun.Result r : results) {
      CorpusCase.Expect e = expect.apply(r);
      String row = e.verdict() != null ? e.verdict() : "not " + e.verdictNot();
      String v = decided.apply(r).verdict();
      int col = DECIDED.indexOf(v);
      rows.computeIfAbsent(row, k -> new int[DECIDED.size()])[col < 0 ? DECIDED.size() - 1 : col]++;
    }
    out.append(String.format("Verdicts, %s (rows: expected; columns: decided)%n", title));
    out.append(String.format("  %-12s", "expected"));
    DECIDED.forEach(d -> out.append(String.format(" %11s", d)));
    out.append('\n');
    rows.forEach(
        (row, counts) -> {
          out.append(String.format("  %-12s", row));
          for (int n : counts) {
            out.append(String.format(" %11d", n));
          }
          out.append('\n');
        });
    out.append('\n');
  }

  private static void stage(StringBuilder out, List<CorpusRun.Result> results) {
    int[][] m = new int[2][2];
    for (CorpusRun.Result r : results) {
      m[r.kase().stage().staged() ? 0 : 1][r.stage().staged() ? 0 : 1]++;
    }
    out.append(String.format("stage (rows: expected; columns: answered)%n"));
    out.append(String.format("  %-12s %11s %11s%n", "expected", "staged", "refused"));
    out.append(String.format("  %-12s %11d %11d%n", "staged", m[0][0], m[0][1]));
    out.append(String.format("  %-12s %11d %11d%n%n", "refused", m[1][0], m[1][1]));
  }

  /**
   * Per rule, over check and staged-check expectations: must appear and found / missing, must not
   * appear and found / absent.
   */
  private static void rules(StringBuilder out, List<CorpusRun.Result> results) {
    Map<String, int[]> rows = new TreeMap<>();
    for (CorpusRun.Result r : results) {
      count(rows, r.kase().check(), r.check());
      if (r.stagedCheck() != null) {
        count(rows, r.kase().stagedCheck(), r.stagedCheck());
      }
    }
    out.append(
        String.format(
            "Rules (expected present: found / missing; expected absent: found / absent)%n"));
    out.append(
        String.format("  %-28s %9s %9s %9s %9s%n", "rule", "found", "missing", "found", "absent"));
    rows.forEach(
        (rule, c) ->
            out.append(String.format("  %-28s %9d %9d %9d %9d%n", rule, c[0], c[1], c[2], c[3])));
  }

  private static void count(Map<String, int[]> rows, CorpusCase.Expect e, CorpusRun.Decided d) {
    for (String rule : e.rules()) {
      rows.computeIfAbsent(rule, k -> new int[4])[d.counted(rule) ? 0 : 1]++;
    }
    for (String rule : e.absentRules()) {
      rows.computeIfAbsent(rule, k -> new int[4])[d.counted(rule) ? 2 : 3]++;
    }
  }
}
