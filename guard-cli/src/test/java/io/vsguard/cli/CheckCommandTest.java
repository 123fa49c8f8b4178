package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.check.Checker;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.PlanRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.text.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
  static final String INCIDENT_PLAN = "../examples/incident/plan.yaml";
  static final String INCIDENT_INVENTORY = "../examples/incident/inventory.json";

  @Test
  void theIncidentIsBlockedWithExitCode1() {
    Cli r = Cli.run("check", "--plan", INCIDENT_PLAN, "--inventory", INCIDENT_INVENTORY);
    assertThat(r.exit()).isEqualTo(ExitCodes.BLOCK);
    assertThat(r.out())
        .startsWith("BLOCK CHG-2016-1122-01")
        .contains("[block] lacp-direct-migration", "[block] all-hosts-at-once", "fix: ");
    assertThat(r.out().lines())
        .allMatch(
            l -> l.length() <= 80 || !l.contains(" "),
            "lines fit 80 columns unless a single word is longer");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void jsonOutputIsExactlyOneDecisionDocument() throws Exception {
    Cli r =
        Cli.run(
            "check",
            "--plan",
            INCIDENT_PLAN,
            "--inventory",
            INCIDENT_INVENTORY,
            "--output",
            "json");
    assertThat(r.exit()).isEqualTo(ExitCodes.BLOCK);
    JsonNode d = Json.json().readTree(r.out());
    assertThat(d.get("apiVersion").asText()).isEqualTo("vsguard/v1");
    assertThat(d.get("kind").asText()).isEqualTo("Decision");
    assertThat(d.get("verdict").asText()).isEqualTo("BLOCK");
    assertThat(d.get("decisionId").asText()).matches("[0-9a-f-]{36}");
    assertThat(d.get("plan").get("id").asText()).isEqualTo("CHG-2016-1122-01");
    assertThat(d.get("plan").get("sha256").asText()).hasSize(64);
    assertThat(d.get("inventory").get("capturedAt").asText()).isEqualTo("2016-11-22T10:30:00Z");
    assertThat(d.get("policy").get("name").asText()).isNotBlank();
    assertThat(d.get("engine").get("version").asText()).isEqualTo("0.1.0");
    JsonNode f = d.get("findings").get(0);
    for (String field :
        new String[] {
          "rule",
          "severity",
          "change",
          "wave",
          "step",
          "subject",
          "message",
          "remediation",
          "reference",
          "exemption"
        }) {
      assertThat(f.has(field)).as(field).isTrue();
    }
    assertThat(d.get("findings").findValuesAsText("rule"))
        .contains("lacp-direct-migration", "all-hosts-at-once");
    // exactly one document: re-serialising the tree consumes all of stdout
    assertThat(Json.json().readTree(r.out().trim())).isEqualTo(d);
    assertThat(r.out().trim()).endsWith("}");
  }

  @Test
  void theFinePlanIsAllowed() {
    Cli r =
        Cli.run("check", "--plan", "../examples/safe/plan.yaml", "--inventory", INCIDENT_INVENTORY);
    assertThat(r.exit()).as(r.out()).isEqualTo(ExitCodes.ALLOW);
    // The snapshot is from 2016, so stale-inventory warns; nothing blocks.
    assertThat(r.out())
        .startsWith("WARN")
        .contains("[warn] stale-inventory")
        .doesNotContain("[block]");
  }

  @Test
  void aMalformedPlanExits2NamingFileAndField(@TempDir Path dir) throws Exception {
    Path plan = dir.resolve("bad.yaml");
    Files.writeString(
        plan,
        Files.readString(Path.of(INCIDENT_PLAN))
            .replace("action: migrate-hosts", "action: migrate"));
    Cli r = Cli.run("check", "--plan", plan.toString(), "--inventory", INCIDENT_INVENTORY);
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err())
        .contains("bad.yaml:")
        .contains("spec.changes[0].action: 'migrate' is not valid");
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void badYamlExits2WithTheLine(@TempDir Path dir) throws Exception {
    Path plan = dir.resolve("broken.yaml");
    Files.writeString(
        plan, "apiVersion: vsguard/v1\nkind: ChangePlan\nmetadata: {id: X\nspec: {}\n");
    Cli r = Cli.run("check", "--plan", plan.toString(), "--inventory", INCIDENT_INVENTORY);
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).containsPattern("broken\\.yaml:\\d+: invalid YAML");
  }

  @Test
  void aMissingFileExits2() {
    Cli r = Cli.run("check", "--plan", "nowhere.yaml", "--inventory", INCIDENT_INVENTORY);
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("nowhere.yaml: file not found");
  }

  @Test
  void anUnknownFlagExits2() {
    Cli r =
        Cli.run(
            "check", "--plan", INCIDENT_PLAN, "--inventory", INCIDENT_INVENTORY, "--frobnicate");
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("--frobnicate");
  }

  @Test
  void anInternalFailureExits3AndNeverAllows() throws Exception {
    PlanRule broken =
        new PlanRule() {
          @Override
          public RuleInfo info() {
            return new RuleInfo("broken-rule", Severity.INFO, "Throws", "none", "none");
          }

          @Override
          public List<Finding> checkPlan(Evaluation ev) {
            throw new IllegalStateException("index out of sync");
          }
        };
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            if (cls == CheckCommand.class) {
              return cls.cast(
                  new CheckCommand(
                      pack ->
                          Checker.of(
                              new PolicyPack(
                                  "test",
                                  pack.sha256(),
                                  pack.settings(),
                                  pack.parameters(),
                                  pack.exemptions(),
                                  List.of(broken)))));
            }
            return CommandLine.defaultFactory().create(cls);
          }
        };
    Cli r =
        Cli.run(
            factory,
            "check",
            "--plan",
            INCIDENT_PLAN,
            "--inventory",
            INCIDENT_INVENTORY,
            "--output",
            "json");
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    JsonNode d = Json.json().readTree(r.out());
    assertThat(d.get("verdict").asText()).isEqualTo("ERROR");
    assertThat(d.get("error").get("message").asText())
        .contains("broken-rule")
        .contains("index out of sync");
    assertThat(r.err()).contains("could not evaluate");
  }

  @Test
  void warnPassesUnlessFailOnWarn() {
    assertThat(CheckCommand.exitCode(io.vsguard.core.decision.Verdict.WARN, false))
        .isEqualTo(ExitCodes.ALLOW);
    assertThat(CheckCommand.exitCode(io.vsguard.core.decision.Verdict.WARN, true))
        .isEqualTo(ExitCodes.BLOCK);
    assertThat(CheckCommand.exitCode(io.vsguard.core.decision.Verdict.ERROR, false))
        .isEqualTo(ExitCodes.ERROR);
  }
}
