package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus runner itself: it reads expectations strictly and notices when an answer differs. */
class CorpusRunnerTest {
  static final Path ONE_HOST = CorpusTest.CORPUS.resolve("21-lyon-add-one-host");

  /** A copy of a shipped case with its own expect.yaml. */
  private static Path caseWith(Path dir, String expect) throws IOException {
    Path c = dir.resolve("01-test-case");
    Files.createDirectories(c);
    for (String f : new String[] {"inventory.json", "plan.yaml"}) {
      Files.copy(ONE_HOST.resolve(f), c.resolve(f));
    }
    Files.writeString(c.resolve("expect.yaml"), expect);
    return c;
  }

  private static final String MET =
      """
      description: one new host joins a switch without LACP
      now: "2026-03-10T21:30:00Z"
      check: { verdict: ALLOW, absentRules: [canary-first] }
      stage: { staged: true }
      semantics: current
      """;

  @Test
  void aCaseThatHoldsHasNoMismatch(@TempDir Path dir) throws IOException {
    CorpusRun.Result r =
        new CorpusRun().run(CorpusCase.load(caseWith(dir, MET)), dir.resolve("work"));
    assertThat(r.mismatches()).isEmpty();
    assertThat(r.check().verdict()).isEqualTo("ALLOW");
    assertThat(r.stagedCheck()).isNotNull();
  }

  @Test
  void everyDifferenceIsReported(@TempDir Path dir) throws IOException {
    String wrong =
        """
        description: expectations that do not hold
        now: "2026-03-10T21:30:00Z"
        check:
          verdict: BLOCK
          rules: [canary-first]
          messages: { switch-version-compat: [too old] }
        stage: { staged: false, reasons: [no safe rollout] }
        semantics: current
        """;
    CorpusRun.Result r =
        new CorpusRun().run(CorpusCase.load(caseWith(dir, wrong)), dir.resolve("work"));
    assertThat(r.mismatches())
        .hasSize(4)
        .anySatisfy(m -> assertThat(m).startsWith("check: verdict ALLOW, expected BLOCK"))
        .anySatisfy(m -> assertThat(m).isEqualTo("check: no counted finding of canary-first"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .isEqualTo("check: no finding of switch-version-compat mentions 'too old'"))
        .anySatisfy(
            m -> assertThat(m).startsWith("stage: wrote a staged plan, expected a refusal"));
  }

  @Test
  void aRuleIdTheCatalogDoesNotKnowIsAMismatch(@TempDir Path dir) throws IOException {
    String typo = MET.replace("canary-first", "canary-frist");
    CorpusRun.Result r =
        new CorpusRun().run(CorpusCase.load(caseWith(dir, typo)), dir.resolve("work"));
    assertThat(r.mismatches())
        .containsExactly("names rule canary-frist, which `vsguard rules` does not know");
  }

  @Test
  void theCaseIsDecidedAtItsOwnNow(@TempDir Path dir) throws IOException {
    // Three hours after the snapshot, stale-inventory warns (the default pack accepts 60 minutes).
    String later =
        MET.replace("2026-03-10T21:30:00Z", "2026-03-11T00:30:00Z")
            .replace("verdict: ALLOW", "verdict: WARN, rules: [stale-inventory]");
    CorpusRun.Result r =
        new CorpusRun().run(CorpusCase.load(caseWith(dir, later)), dir.resolve("work"));
    assertThat(r.mismatches()).isEmpty();
  }

  @Test
  void expectationsAreReadStrictly(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () -> CorpusCase.load(caseWith(dir, MET.replace("absentRules", "absentRule"))))
        .isInstanceOf(CorpusCase.Invalid.class)
        .hasMessageContaining(
            "expect.yaml: check.absentRule: unknown field; expected one of verdict, verdictNot,");
    for (String[] bad :
        new String[][] {
          {
            "check: { verdict: ALLOW,",
            "check: { verdict: ALLOW, verdictNot: BLOCK,",
            "exactly one of verdict and verdictNot"
          },
          {"verdict: ALLOW", "verdict: PASS", "'PASS' is not a verdict"},
          {
            "stage: { staged: true }",
            "stage: { staged: false }",
            "stage.reasons: a refusal must say"
          },
          {"semantics: current", "semantics: later", "semantics: expected current"},
          {"now: \"2026-03-10T21:30:00Z\"", "now: tonight", "now: expected an ISO-8601 instant"},
          {
            "absentRules: [canary-first]",
            "rules: [canary-first], absentRules: [canary-first]",
            "both must and must not"
          }
        }) {
      Path d = Files.createTempDirectory(dir, "case");
      assertThatThrownBy(() -> CorpusCase.load(caseWith(d, MET.replace(bad[0], bad[1]))))
          .as(bad[1])
          .isInstanceOf(CorpusCase.Invalid.class)
          .hasMessageContaining(bad[2]);
    }
  }

  @Test
  void aCaseDirectoryNeedsItsThreeFiles(@TempDir Path dir) throws IOException {
    Path c = caseWith(dir, MET);
    Files.delete(c.resolve("plan.yaml"));
    assertThatThrownBy(() -> CorpusCase.load(c)).hasMessageContaining("missing plan.yaml");
    try (Stream<Path> cases = Files.list(CorpusTest.CORPUS)) {
      assertThat(cases.filter(Files::isDirectory))
          .isNotEmpty()
          .allSatisfy(d -> assertThat(d.getFileName().toString()).matches("\\d\\d-[a-z0-9.-]+"));
    }
  }
}
