package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {
  static final String PRODUCTION = "../policies/examples/production";

  @Test
  void theShippedPacksValidate() {
    for (String p : new String[] {"../policies/default", PRODUCTION, "../policies/examples/lab"}) {
      Cli r = Cli.run("policy", "validate", p);
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).contains("is valid", "sha256 ");
    }
  }

  @Test
  void policyTestRunsThePackTestsAndCounts() {
    Cli r = Cli.run("policy", "test", PRODUCTION);
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("PASS no change on par-prod on a Friday")
        .endsWith("3 passed, 0 failed\n");
  }

  @Test
  void aCasePastItsDeadlineFailsAsAnError() {
    Cli r = Cli.run("policy", "test", PRODUCTION, "--deadline", "0.000001");
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.BLOCK);
    assertThat(r.out())
        .contains(
            "FAIL", "verdict ERROR, expected", "did not finish within its deadline of 0.000001 s")
        .endsWith("0 passed, 3 failed\n");
    Cli zero = Cli.run("policy", "test", PRODUCTION, "--deadline", "0");
    assertThat(zero.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(zero.err())
        .contains("vsguard policy test: --deadline takes a number of seconds above 0");
  }

  @Test
  void aFailingPolicyTestExitsOne(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("pack.yaml"),
        """
        apiVersion: vsguard/v1
        kind: PolicyPack
        metadata: {name: wrong-expectations}
        """);
    Files.createDirectory(dir.resolve("tests"));
    Files.writeString(
        dir.resolve("tests/allow.yaml"),
        """
        apiVersion: vsguard/v1
        kind: PolicyTest
        metadata: {name: the incident passes (it must not)}
        spec:
          plan: %s
          inventory: %s
          now: "2016-11-22T10:45:00Z"
          expect: {verdict: ALLOW}
        """
            .formatted(
                Path.of(CheckCommandTest.INCIDENT_PLAN).toAbsolutePath(),
                Path.of(CheckCommandTest.INCIDENT_INVENTORY).toAbsolutePath()));
    Cli r = Cli.run("policy", "test", dir.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.BLOCK);
    assertThat(r.out())
        .contains("FAIL the incident passes (it must not)", "verdict BLOCK, expected ALLOW")
        .endsWith("0 passed, 1 failed\n");
  }

  @Test
  void aBrokenCelExpressionExitsTwoNamingFileAndPosition(@TempDir Path dir) throws Exception {
    Path pack = dir.resolve("pack.yaml");
    Files.writeString(
        pack,
        """
        apiVersion: vsguard/v1
        kind: PolicyPack
        metadata: {name: broken}
        spec:
          customRules:
            - id: typo
              severity: block
              expression: size(wave.hosts) <= )
              message: never shown
        """);
    for (String[] args :
        new String[][] {
          {"policy", "validate", pack.toString()},
          {
            "check",
            "--policy",
            pack.toString(),
            "--plan",
            CheckCommandTest.INCIDENT_PLAN,
            "--inventory",
            CheckCommandTest.INCIDENT_INVENTORY
          }
        }) {
      Cli r = Cli.run(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(r.err())
          .contains(
              pack + ":8: spec.customRules[0].expression: CEL compile error at line 1, column");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void aCelEvaluationErrorExitsThree(@TempDir Path dir) throws Exception {
    Path pack = dir.resolve("pack.yaml");
    Files.writeString(
        pack,
        """
        apiVersion: vsguard/v1
        kind: PolicyPack
        metadata: {name: evaluates-badly}
        spec:
          customRules:
            - id: needs-ticket-field
              severity: block
              expression: plan.metadata.noSuchField != ''
              message: never shown
        """);
    Cli r =
        Cli.run(
            "check",
            "--policy",
            pack.toString(),
            "--plan",
            "../examples/safe/plan.yaml",
            "--inventory",
            CheckCommandTest.INCIDENT_INVENTORY,
            "--output",
            "json");
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.out()).contains("\"verdict\" : \"ERROR\"", "needs-ticket-field");
  }

  @Test
  void checkRecordsThePackAndAppliesItsOverrides() {
    Cli r =
        Cli.run(
            "check",
            "--policy",
            "../policies/examples/lab",
            "--plan",
            CheckCommandTest.INCIDENT_PLAN,
            "--inventory",
            CheckCommandTest.INCIDENT_INVENTORY,
            "--output",
            "json");
    assertThat(r.exit()).isEqualTo(ExitCodes.BLOCK);
    assertThat(r.out()).contains("\"name\" : \"lab\"").doesNotContain("stale-inventory");
    assertThat(r.out()).containsPattern("\"rule\" : \"canary-first\",\\s*\"severity\" : \"warn\"");
  }

  @Test
  void rulesListsAndExplainsThePacksCustomRules() {
    Cli list = Cli.run("rules", "--policy", PRODUCTION);
    assertThat(list.exit()).isZero();
    // Summaries wrap at 80 columns; read the list with its white space folded.
    assertThat(list.out().replaceAll("\\s+", " "))
        .contains(
            "no-friday-par-prod block No change touching cluster par-prod on a Friday (Paris time) [custom]");
    assertThat(list.out())
        .contains("Rules active under policy pack production")
        .containsPattern("stale-inventory +block");
    Cli one = Cli.run("rules", "--policy", PRODUCTION, "max-wave-4");
    assertThat(one.exit()).isZero();
    assertThat(one.out())
        .contains(
            "# max-wave-4 (custom rule of policy pack production)",
            "Evaluated per wave",
            "size(wave.hosts) <= 4");
  }

  @Test
  void aDirectoryOfPacksIsValidatedAndTestedPackByPack() {
    Cli v = Cli.run("policy", "validate", "../policies/examples");
    assertThat(v.exit()).as(v.err()).isZero();
    assertThat(v.out())
        .contains(
            "examples/lab: pack lab is valid", "examples/production: pack production is valid");
    Cli t = Cli.run("policy", "test", "../policies");
    assertThat(t.exit()).as(t.out() + t.err()).isZero();
    assertThat(t.out())
        .contains(
            "(../policies/default/tests/",
            "(../policies/examples/lab/tests/",
            "(../policies/examples/production/tests/")
        .endsWith("8 passed, 0 failed\n");
  }

  @Test
  void aBrokenPackIsReportedAndTheOthersStillRun(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("a-good");
    Files.createDirectories(good.resolve("tests"));
    Files.writeString(
        good.resolve("pack.yaml"),
        """
        apiVersion: vsguard/v1
        kind: PolicyPack
        metadata: {name: good}
        """);
    Files.writeString(
        good.resolve("tests/incident.yaml"),
        """
        apiVersion: vsguard/v1
        kind: PolicyTest
        metadata: {name: the incident is blocked}
        spec:
          plan: %s
          inventory: %s
          now: "2016-11-22T10:45:00Z"
          expect: {verdict: BLOCK, rules: [lacp-direct-migration]}
        """
            .formatted(
                Path.of(CheckCommandTest.INCIDENT_PLAN).toAbsolutePath(),
                Path.of(CheckCommandTest.INCIDENT_INVENTORY).toAbsolutePath()));
    Path broken = dir.resolve("b-broken");
    Files.createDirectories(broken);
    Files.writeString(
        broken.resolve("pack.yaml"),
        """
        apiVersion: vsguard/v1
        kind: PolicyPack
        metadata: {name: broken}
        spec:
          rules: {no-such-rule: block}
        """);
    Cli v = Cli.run("policy", "validate", dir.toString());
    assertThat(v.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(v.out()).contains("a-good: pack a-good is valid");
    assertThat(v.err())
        .contains(
            "vsguard policy validate: "
                + broken.resolve("pack.yaml")
                + ":5: spec.rules.no-such-rule");

    Cli t = Cli.run("policy", "test", dir.toString());
    assertThat(t.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(t.out()).contains("PASS the incident is blocked").endsWith("1 passed, 0 failed\n");
    assertThat(t.err()).contains("vsguard policy test: " + broken.resolve("pack.yaml") + ":5:");
  }
}
