package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --deadline ends an evaluation in ERROR (exit 3); documents over the limits are input errors (exit
 * 2).
 */
class DeadlineAndLimitsCommandTest {
  static final String PLAN = CheckCommandTest.INCIDENT_PLAN;
  static final String INV = CheckCommandTest.INCIDENT_INVENTORY;

  @Test
  void aCheckPastItsDeadlineIsAnAuditedError(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("audit.jsonl");
    Cli r =
        Cli.run(
            "check",
            "--plan",
            PLAN,
            "--inventory",
            INV,
            "--audit-log",
            log.toString(),
            "--output",
            "json",
            "--deadline",
            "0.000001");
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.out())
        .contains("\"verdict\" : \"ERROR\"", "did not finish within its deadline of 0.000001 s");
    assertThat(r.err())
        .contains("ERROR, could not evaluate: the evaluation did not finish within its deadline");
    assertThat(Files.readString(log)).contains("\"verdict\":\"ERROR\"", "deadline");
  }

  @Test
  void theDefaultDeadlineLetsTheIncidentBeDecided(@TempDir Path dir) {
    Cli r =
        Cli.run(
            "check",
            "--plan",
            PLAN,
            "--inventory",
            INV,
            "--audit-log",
            dir.resolve("a.jsonl").toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.BLOCK);
  }

  @Test
  void aStagePastItsDeadlineOffersNothing(@TempDir Path dir) {
    Path out = dir.resolve("staged.yaml");
    Cli r =
        Cli.run(
            "stage",
            "--plan",
            PLAN,
            "--inventory",
            INV,
            "--out",
            out.toString(),
            "--deadline",
            "0.000001");
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err())
        .contains(
            "vsguard stage: ERROR, could not stage: the evaluation did not finish within its deadline");
    assertThat(out).doesNotExist();
  }

  @Test
  void aDeadlineThatIsNotAPositiveNumberIsAUsageError(@TempDir Path dir) {
    Cli zero =
        Cli.run(
            "check",
            "--plan",
            PLAN,
            "--inventory",
            INV,
            "--audit-log",
            dir.resolve("a.jsonl").toString(),
            "--deadline",
            "0");
    assertThat(zero.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(zero.err()).contains("--deadline takes a number of seconds above 0");
    Cli word = Cli.run("stage", "--plan", PLAN, "--inventory", INV, "--deadline", "soon");
    assertThat(word.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(word.err()).contains("--deadline");
  }

  @Test
  void aPlanWithTooManyChangesIsRefusedNamingTheLimit(@TempDir Path dir) throws Exception {
    // issue 12: 100,000 changes kept a core busy for minutes; now the loader refuses them
    StringBuilder plan =
        new StringBuilder(
            "{\"apiVersion\": \"vsguard/v1\", \"kind\": \"ChangePlan\",\n"
                + " \"metadata\": {\"id\": \"CHG-HUGE\"},\n \"spec\": {\n  \"changes\": [\n");
    for (int i = 0; i < 100_000; i++) {
      plan.append(i == 0 ? "" : ",\n")
          .append("   {\"id\": \"c")
          .append(i)
          .append("\", \"action\": \"set-mtu\", \"switch\": \"DVS-Prod-v6\", \"mtu\": 9000}");
    }
    plan.append("]}}\n");
    Path file = dir.resolve("huge.json");
    Files.writeString(file, plan);
    Cli r =
        Cli.run(
            "check",
            "--plan",
            file.toString(),
            "--inventory",
            INV,
            "--audit-log",
            dir.resolve("a.jsonl").toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err())
        .contains(file + ":4: spec.changes: 100000 changes; the limit is 1000 changes per plan");
  }

  @Test
  void whenBothDocumentsAreWrongTheInventorysErrorIsTheOneReported(@TempDir Path dir) {
    // plan and inventory are read on two threads; the report is the same as reading them in turn
    Cli r =
        Cli.run(
            "check",
            "--plan",
            dir.resolve("no-plan.yaml").toString(),
            "--inventory",
            dir.resolve("no-inventory.json").toString(),
            "--audit-log",
            dir.resolve("a.jsonl").toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err())
        .contains("no-inventory.json: file not found")
        .doesNotContain("no-plan.yaml");
    Cli plan =
        Cli.run(
            "check",
            "--plan",
            dir.resolve("no-plan.yaml").toString(),
            "--inventory",
            INV,
            "--audit-log",
            dir.resolve("a.jsonl").toString());
    assertThat(plan.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(plan.err()).contains("no-plan.yaml: file not found");
  }

  @Test
  void anInventoryOverTheSizeLimitIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.json");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(129L * 1024 * 1024); // sparse: nothing is written, nothing must be read
    }
    Cli r =
        Cli.run(
            "check",
            "--plan",
            PLAN,
            "--inventory",
            big.toString(),
            "--audit-log",
            dir.resolve("a.jsonl").toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err())
        .contains(
            big + ": the document is 129 MiB; the limit is 128 MiB (docs/spec/formats.md, Limits)");
  }
}
