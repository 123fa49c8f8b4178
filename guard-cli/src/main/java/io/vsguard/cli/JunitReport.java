package io.vsguard.cli;

import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Severity;

/**
 * The decision as JUnit XML, the report format every CI server reads: one test case per finding
 * (class = the change, or "plan" for findings of the whole plan). A finding that decides the exit
 * code fails its case — block always, warn with {@code --fail-on warn} — an exempted one is skipped
 * with its approver, the rest pass with their message. An ERROR decision is one errored case, and a
 * plan without findings is one passing case, so the report is never empty.
 */
final class JunitReport {
  private final ChangePlan plan;
  private final boolean failOnWarn;

  JunitReport(ChangePlan plan, boolean failOnWarn) {
    this.plan = plan;
    this.failOnWarn = failOnWarn;
  }

  String render(Decision d) {
    StringBuilder cases = new StringBuilder();
    int failures = 0;
    int skipped = 0;
    int errors = 0;
    int tests = 0;
    String suite = "vsguard." + plan.metadata().id();
    if (d.verdict() == Verdict.ERROR) {
      tests++;
      errors++;
      cases
          .append("    <testcase classname=\"")
          .append(attr(suite))
          .append("\" name=\"evaluation\">\n")
          .append("      <error message=\"")
          .append(attr(d.error().message()))
          .append("\"/>\n")
          .append("    </testcase>\n");
    }
    for (Finding f : d.findings()) {
      tests++;
      String name =
          f.rule()
              + (f.subject().host() != null
                  ? " on " + f.subject().host()
                  : f.subject().switchName() != null ? " on " + f.subject().switchName() : "")
              + (f.wave() != null ? " wave " + f.wave() : "")
              + (f.step() != null ? " step " + f.step() : "");
      cases
          .append("    <testcase classname=\"")
          .append(attr(suite + "." + (f.change() == null ? "plan" : f.change())))
          .append("\" name=\"")
          .append(attr(name))
          .append("\">\n");
      String text = f.message() + (f.remediation() == null ? "" : "\nfix: " + f.remediation());
      if (!f.counts()) {
        skipped++;
        cases
            .append("      <skipped message=\"")
            .append(
                attr(
                    "exempted until "
                        + f.exemption().expires()
                        + ", approved by "
                        + f.exemption().approver()
                        + ": "
                        + f.exemption().justification()))
            .append("\"/>\n");
      } else if (f.severity() == Severity.BLOCK || (failOnWarn && f.severity() == Severity.WARN)) {
        failures++;
        cases
            .append("      <failure type=\"")
            .append(f.severity().wire())
            .append("\" message=\"")
            .append(attr(f.message()))
            .append("\">")
            .append(text(text))
            .append("</failure>\n");
      } else {
        cases
            .append("      <system-out>")
            .append(text("[" + f.severity().wire() + "] " + text))
            .append("</system-out>\n");
      }
      cases.append("    </testcase>\n");
    }
    if (tests == 0) {
      tests++;
      cases
          .append("    <testcase classname=\"")
          .append(attr(suite))
          .append("\" name=\"no findings\"/>\n");
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<testsuites name=\"vsguard\" tests=\""
        + tests
        + "\" failures=\""
        + failures
        + "\" errors=\""
        + errors
        + "\" skipped=\""
        + skipped
        + "\">\n"
        + "  <testsuite name=\""
        + attr(suite)
        + "\" tests=\""
        + tests
        + "\" failures=\""
        + failures
        + "\" errors=\""
        + errors
        + "\" skipped=\""
        + skipped
        + "\" timestamp=\""
        + d.timestamp()
        + "\">\n"
        + "    <properties>\n"
        + "      <property name=\"verdict\" value=\""
        + d.verdict()
        + "\"/>\n"
        + "      <property name=\"decisionId\" value=\""
        + attr(d.decisionId())
        + "\"/>\n"
        + "    </properties>\n"
        + cases
        + "  </testsuite>\n"
        + "</testsuites>\n";
  }

  private static String text(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String attr(String s) {
    return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
  }
}
