package io.vsguard.cli;

import static io.vsguard.cli.CheckCommandTest.INCIDENT_INVENTORY;
import static io.vsguard.cli.CheckCommandTest.INCIDENT_PLAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.text.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, case 3: escape codes in a plan's title, ticket or id reached the auditor's terminal
 * raw, so a BLOCK could be overwritten on screen by a green "ALLOW". Every text output now shows
 * control characters and bidi overrides escaped, as {@code \u001B}.
 */
class TerminalInjectionTest {
  /**
   * ESC [1A ESC [2K (up a line, erase it), then a green ALLOW, then reset; CSI as one C1 char too.
   */
  static final String TITLE =
      "Move hosts\u001b[1A\u001b[2K\r\u001b[32mALLOW nothing to see\u001b[0m\u009b2J";

  /** RIGHT-TO-LEFT OVERRIDE turns what follows around on screen. */
  static final String TICKET = "\u202eCHG0042";

  /** Control characters and bidi marks a terminal would act on; \n and \t are text. */
  static final Pattern RAW =
      Pattern.compile(
          "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u061c\\u200b\\u200e\\u200f"
              + "\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufeff]|\\r(?!\\n)");

  @TempDir Path dir;

  Path plan;

  private Path log() {
    return dir.resolve("audit.jsonl");
  }

  @BeforeEach
  void hostilePlan() throws Exception {
    JsonNode p = Json.yaml().readTree(Files.readString(Path.of(INCIDENT_PLAN)));
    ((com.fasterxml.jackson.databind.node.ObjectNode) p.get("metadata"))
        .put("title", TITLE)
        .put("ticket", TICKET)
        .put("requestedBy", "=HYPERLINK(\"http://evil.example\",\"ok\")");
    plan = dir.resolve("plan.json");
    Files.writeString(plan, Json.json().writeValueAsString(p));
  }

  private static void assertNoRaw(String output) {
    assertThat(RAW.matcher(output).find()).as("raw control character in:\n" + output).isFalse();
  }

  private Cli run(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--audit-log";
    all[args.length + 1] = log().toString();
    return Cli.run(all);
  }

  @Test
  void checkReportsShowTheTitleEscaped() {
    for (String format : List.of("text", "markdown")) {
      Cli r =
          run(
              "check",
              "--plan",
              plan.toString(),
              "--inventory",
              INCIDENT_INVENTORY,
              "--output",
              format);
      assertThat(r.exit()).isEqualTo(ExitCodes.BLOCK);
      assertNoRaw(r.out());
      assertNoRaw(r.err());
      assertThat(r.out()).contains("Move hosts\\u001B[1A\\u001B[2K\\u000D\\u001B[32mALLOW");
    }
  }

  @Test
  void auditListShowAndCsvExportShowThemEscaped() throws Exception {
    run("check", "--plan", plan.toString(), "--inventory", INCIDENT_INVENTORY);
    Cli list = run("audit", "list");
    Cli show = run("audit", "show", "");
    Cli csv = run("audit", "export", "--format", "csv");
    for (Cli c : List.of(list, show, csv)) {
      assertThat(c.exit()).as(c.err()).isEqualTo(0);
      assertNoRaw(c.out());
    }
    assertThat(list.out()).contains("\\u202E");
    assertThat(show.out())
        .contains("BLOCK  CHG-2016-1122-01: Move hosts\\u001B[1A", "ticket     \\u202ECHG0042");
    assertThat(csv.out()).contains("\\u202ECHG0042", ",\"'=HYPERLINK(");
  }

  @Test
  void jsonOutputsEscapeThemTheJsonWay() throws Exception {
    Cli r =
        run(
            "check",
            "--plan",
            plan.toString(),
            "--inventory",
            INCIDENT_INVENTORY,
            "--output",
            "json");
    assertNoRaw(r.out());
    assertNoRaw(Files.readString(log()));
    Cli export = run("audit", "export", "--format", "json");
    assertNoRaw(export.out());
    // the same values once parsed: escaping changes how they look, not what they are
    assertThat(Json.json().readTree(export.out()).get(0).at("/plan/title").asText())
        .isEqualTo(TITLE);
    assertThat(Json.json().readTree(export.out()).get(0).at("/plan/ticket").asText())
        .isEqualTo(TICKET);
  }

  @Test
  void stageRunbookAndPlanShowThemEscaped() throws Exception {
    Path staged = dir.resolve("staged.yaml");
    Cli yaml =
        Cli.run(
            "stage",
            "--plan",
            plan.toString(),
            "--inventory",
            INCIDENT_INVENTORY,
            "--out",
            staged.toString());
    assertThat(yaml.exit()).as(yaml.err()).isEqualTo(0);
    assertNoRaw(Files.readString(staged));
    assertThat(Json.yaml().readTree(Files.readString(staged)).at("/metadata/title").asText())
        .isEqualTo(TITLE);
    Cli runbook =
        Cli.run(
            "stage",
            "--plan",
            plan.toString(),
            "--inventory",
            INCIDENT_INVENTORY,
            "--format",
            "markdown");
    assertNoRaw(runbook.out());
    assertThat(runbook.out()).contains("\\u001B[32mALLOW");
  }

  @Test
  void rulesAndPolicyTestShowThemEscaped() throws Exception {
    Path pack = Files.createDirectories(dir.resolve("pack/tests"));
    Path abs = Path.of("..").toAbsolutePath().normalize();
    Files.writeString(
        dir.resolve("pack/pack.yaml"),
        """
        apiVersion: vsguard/v1
        kind: PolicyPack
        metadata: { name: "lab\\e[2K" }
        spec:
          customRules:
            - id: max-wave-4
              severity: block
              scope: wave
              summary: "No wave over 4 hosts\\e[8m hidden"
              expression: size(wave.hosts) <= 4
              message: "too wide\\u202e"
        """);
    Files.writeString(
        pack.resolve("t.yaml"),
        """
        apiVersion: vsguard/v1
        kind: PolicyTest
        metadata: { name: "passes\\e[1A\\e[2K" }
        spec:
          plan: %s/examples/safe/plan.yaml
          inventory: %s/examples/incident/inventory.json
          now: "2026-11-24T10:00:00Z"
          expect: { verdict: BLOCK }
        """
            .formatted(abs, abs));
    Cli rules = Cli.run("rules", "--policy", dir.resolve("pack").toString());
    assertThat(rules.exit()).as(rules.err()).isEqualTo(0);
    assertNoRaw(rules.out());
    assertThat(rules.out()).contains("\\u001B[8m");
    Cli test = Cli.run("policy", "test", dir.resolve("pack").toString());
    assertNoRaw(test.out());
    assertNoRaw(test.err());
    assertThat(test.out()).contains("passes\\u001B[1A\\u001B[2K");
  }

  @Test
  void errorMessagesShowThemEscaped() throws Exception {
    Path bad = dir.resolve("bad\u001b[2K.yaml");
    Files.writeString(
        bad,
        "apiVersion: vsguard/v1\nkind: ChangePlan\nmetadata: {id: \"x\\e[31m\"}\nspec: {changes: [{id: c1, action: \"\\e[2Kmigrate\"}]}\n");
    Cli r = run("check", "--plan", bad.toString(), "--inventory", INCIDENT_INVENTORY);
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertNoRaw(r.err());
    assertThat(r.err()).contains("bad\\u001B[2K.yaml");
  }
}
