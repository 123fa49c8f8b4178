package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one grouping and counting of a decision that the text, Markdown and HTML reports share. */
class DecisionSummaryTest {
  static final Finding.Exemption CAB =
      new Finding.Exemption(
          "hosts are empty", "cab@example.org", LocalDate.parse("2999-12-31"), "change c1");

  static Finding finding(
      String rule, Severity s, String change, String sw, String host, Finding.Exemption e) {
    return new Finding(
        rule,
        s,
        change,
        null,
        1,
        new Finding.Subject(sw, host),
        rule + " on " + host,
        "fix it",
        null,
        e);
  }

  static Decision decision(List<Finding> findings) {
    return new Decision(
        "vsguard/v1",
        Decision.KIND,
        "d-1",
        Instant.parse("2016-11-22T10:00:00Z"),
        Verdict.BLOCK,
        null,
        null,
        null,
        findings,
        null,
        null,
        null);
  }

  @Test
  void groupsByChangeInDecisionOrderThenByRuleAndBySubject() {
    Decision d =
        decision(
            List.of(
                finding("all-hosts-at-once", Severity.BLOCK, null, null, null, null),
                finding("lacp-direct-migration", Severity.BLOCK, "c1", "DVS-LACP", "esx-01", null),
                finding("maintenance-required", Severity.WARN, "c1", "DVS-LACP", "esx-01", CAB),
                finding("lacp-direct-migration", Severity.BLOCK, "c1", "DVS-LACP", "esx-02", null),
                finding("maintenance-required", Severity.WARN, "c1", "DVS-LACP", "esx-02", null),
                finding("lag-global-change", Severity.BLOCK, "c2", "DVS-LACP", null, null)));

    DecisionSummary s = DecisionSummary.of(d);

    assertThat(s.changes())
        .extracting(DecisionSummary.ChangeGroup::changeId)
        .containsExactly(null, "c1", "c2");
    assertThat(s.changes())
        .extracting(DecisionSummary.ChangeGroup::heading)
        .containsExactly("Rollout and whole plan", "Change c1", "Change c2");
    DecisionSummary.ChangeGroup c1 = s.changes().get(1);
    assertThat(c1.rules())
        .extracting(DecisionSummary.RuleGroup::label)
        .containsExactly(
            "lacp-direct-migration", "maintenance-required (exempted)", "maintenance-required");
    assertThat(c1.rules().get(0).hosts()).isEqualTo(2);
    assertThat(c1.subjects())
        .extracting(DecisionSummary.SubjectGroup::label)
        .containsExactly("esx-01", "esx-02");
    assertThat(c1.subjects().get(0).rules())
        .containsExactly("lacp-direct-migration", "maintenance-required");
    assertThat(c1.subjects().get(0).tally()).isEqualTo(new DecisionSummary.Tally(1, 1, 0, 0, 1, 1));
    assertThat(s.changes().get(0).subjects())
        .extracting(DecisionSummary.SubjectGroup::label)
        .containsExactly("whole plan");
    assertThat(s.changes().get(2).subjects())
        .extracting(DecisionSummary.SubjectGroup::label)
        .containsExactly("switch DVS-LACP");
  }

  @Test
  void theTallyCountsSeveritiesOfCountedFindingsAndTheExemptedApart() {
    DecisionSummary s =
        DecisionSummary.of(
            decision(
                List.of(
                    finding("a", Severity.BLOCK, "c1", null, "esx-01", null),
                    finding("b", Severity.WARN, "c1", null, "esx-02", null),
                    finding("c", Severity.INFO, "c1", null, "esx-02", null),
                    finding("d", Severity.BLOCK, "c1", null, "esx-03", CAB))));

    assertThat(s.tally()).isEqualTo(new DecisionSummary.Tally(3, 1, 1, 1, 1, 3));
    assertThat(s.tally().total()).isEqualTo(4);
    assertThat(s.tally().of(Severity.WARN)).isEqualTo(1);
  }

  @Test
  void labelsAreTheSeverityOrExempted() {
    assertThat(DecisionSummary.label(finding("a", Severity.WARN, null, null, null, null)))
        .isEqualTo("warn");
    assertThat(DecisionSummary.label(finding("a", Severity.BLOCK, null, null, null, CAB)))
        .isEqualTo("exempted");
  }

  @Test
  void aRecordedFindingWithoutSubjectIsAboutTheWholePlan() {
    Finding bare =
        new Finding(
            "stale-inventory", Severity.WARN, null, null, null, null, "old", null, null, null);
    DecisionSummary s = DecisionSummary.of(decision(List.of(bare)));
    assertThat(s.tally().hosts()).isZero();
    assertThat(s.changes().get(0).subjects().get(0).label()).isEqualTo("whole plan");
  }

  @Test
  void noFindingsNoGroups() {
    DecisionSummary s = DecisionSummary.of(decision(List.of()));
    assertThat(s.changes()).isEmpty();
    assertThat(s.tally()).isEqualTo(new DecisionSummary.Tally(0, 0, 0, 0, 0, 0));
  }
}
