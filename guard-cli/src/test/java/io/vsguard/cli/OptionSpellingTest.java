package io.vsguard.cli;

import static io.vsguard.cli.CheckCommandTest.INCIDENT_INVENTORY;
import static io.vsguard.cli.CheckCommandTest.INCIDENT_PLAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.text.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Options that mean the same thing are spelled, described and accepted the same way on every
 * command.
 */
class OptionSpellingTest {
  /**
   * Options whose meaning depends on the command, and why; every other name means one thing
   * everywhere.
   */
  static final Map<String, String> DEPENDS_ON_THE_COMMAND =
      Map.of(
          "--output",
              "the formats a command writes (check: text/json/markdown/sarif/junit, stage: yaml/json/markdown)",
          "--format", "the same option as --output",
          "--plan",
              "audit list --plan filters on a plan id (metadata.id); check and stage read a plan file");

  /** One command's own spelling of an option that means one thing everywhere else, and why. */
  static final Map<String, String> ONE_COMMAND_DIFFERS =
      Map.of(
          "vsguard audit keygen --out",
          "it names the key files to create (required, never overwritten); stage and "
              + "inventory export write their document there instead of stdout");

  @TempDir Path dir;

  /** Every option of every command, by the command's qualified name. */
  static Map<String, List<OptionSpec>> optionsByCommand() {
    CommandLine root =
        VsguardCommand.newCommandLine(
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    Map<String, List<OptionSpec>> out = new HashMap<>();
    List<CommandLine> todo = new ArrayList<>(List.of(root));
    while (!todo.isEmpty()) {
      CommandLine cl = todo.remove(0);
      out.put(cl.getCommandSpec().qualifiedName(), cl.getCommandSpec().options());
      todo.addAll(cl.getSubcommands().values());
    }
    return out;
  }

  @Test
  void anOptionNameMeansTheSameOnEveryCommand() {
    Map<String, String> firstSeen = new HashMap<>();
    Map<String, String> where = new HashMap<>();
    optionsByCommand()
        .forEach(
            (command, options) -> {
              for (OptionSpec o : options) {
                if (o.usageHelp() || o.versionHelp()) {
                  continue;
                }
                String shape =
                    String.join(", ", o.names())
                        + " "
                        + o.paramLabel()
                        + " "
                        + o.arity()
                        + " "
                        + String.join(" ", o.description());
                for (String name : o.names()) {
                  if (DEPENDS_ON_THE_COMMAND.containsKey(name)
                      || ONE_COMMAND_DIFFERS.containsKey(command + " " + name)) {
                    continue;
                  }
                  String before = firstSeen.putIfAbsent(name, shape);
                  where.putIfAbsent(name, command);
                  assertThat(shape)
                      .as(name + " on " + command + " and on " + where.get(name))
                      .isEqualTo(before == null ? shape : before);
                }
              }
            });
    assertThat(firstSeen)
        .containsKeys("--policy", "--audit-log", "--vcenter", "--inventory", "--out", "--timeout");
  }

  @Test
  void theOutputFormatIsSpelledBothWaysWherever() {
    optionsByCommand()
        .forEach(
            (command, options) -> {
              for (OptionSpec o : options) {
                List<String> names = List.of(o.names());
                if (names.contains("--output") || names.contains("--format")) {
                  assertThat(names).as(command).containsExactlyInAnyOrder("--output", "--format");
                }
              }
            });
  }

  @Test
  void theAliasesAndAnyCaseAreAccepted() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    Cli check =
        Cli.run(
            "check",
            "--plan",
            INCIDENT_PLAN,
            "--inventory",
            INCIDENT_INVENTORY,
            "--format",
            "JSON",
            "--audit-log",
            log.toString());
    assertThat(check.exit()).as(check.err()).isEqualTo(ExitCodes.BLOCK);
    String id = Json.json().readTree(check.out()).get("decisionId").asText();

    Cli stage =
        Cli.run(
            "stage",
            "--plan",
            INCIDENT_PLAN,
            "--inventory",
            INCIDENT_INVENTORY,
            "--output",
            "json");
    assertThat(stage.exit()).as(stage.err()).isZero();
    JsonNode staged = Json.json().readTree(stage.out());
    assertThat(staged.at("/spec/rollout/waves").size()).isPositive();

    Cli show = Cli.run("audit", "show", id, "--format", "json", "--audit-log", log.toString());
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(Json.json().readTree(show.out()).at("/decision/decisionId").asText()).isEqualTo(id);

    Cli export = Cli.run("audit", "export", "--output", "CSV", "--audit-log", log.toString());
    assertThat(export.exit()).as(export.err()).isZero();
    assertThat(export.out()).startsWith("seq,recordedAt,decisionId").contains(id);
  }

  @Test
  void anOutFileThatCannotBeWrittenIsAnInputErrorNamingIt() {
    Path nowhere = dir.resolve("no-such-dir/staged.yaml");
    Cli stage =
        Cli.run(
            "stage",
            "--plan",
            INCIDENT_PLAN,
            "--inventory",
            INCIDENT_INVENTORY,
            "--out",
            nowhere.toString());
    assertThat(stage.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(stage.err())
        .contains("vsguard stage: " + nowhere + ": cannot write: no such directory");
    assertThat(stage.out()).isEmpty();
  }

  @Test
  void stageSaysWhyItTakesNoAuditLog() {
    Cli help = Cli.run("stage", "--help");
    assertThat(help.out()).contains("No --audit-log: a staged plan is a proposal, not a decision");
    Cli r =
        Cli.run(
            "stage",
            "--plan",
            INCIDENT_PLAN,
            "--inventory",
            INCIDENT_INVENTORY,
            "--audit-log",
            "x.jsonl");
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("Unknown option", "'--audit-log'", "Try 'vsguard stage --help'");
  }

  @Test
  void checkAndStageReadTheirInputsAlike() {
    for (String command : new String[] {"check", "stage"}) {
      Cli both =
          Cli.run(
              command,
              "--plan",
              INCIDENT_PLAN,
              "--inventory",
              INCIDENT_INVENTORY,
              "--vcenter",
              "https://vc01.example/sdk");
      assertThat(both.exit()).as(command).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(both.err())
          .as(command)
          .isEqualTo(
              "vsguard " + command + ": give exactly one of --inventory FILE or --vcenter URL\n");
      Cli missing = Cli.run(command, "--plan", "nowhere.yaml", "--inventory", INCIDENT_INVENTORY);
      assertThat(missing.exit()).as(command).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(missing.err())
          .as(command)
          .isEqualTo("vsguard " + command + ": nowhere.yaml: file not found\n");
    }
  }
}
