package io.vsguard.cli;

import static io.vsguard.cli.CheckCommandTest.INCIDENT_INVENTORY;
import static io.vsguard.cli.CheckCommandTest.INCIDENT_PLAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.text.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  static final String SAFE_PLAN = "../examples/safe/plan.yaml";

  @TempDir Path dir;

  private Path log() {
    return dir.resolve("audit/audit.jsonl");
  }

  private Cli check(String plan, String... more) {
    String[] base = {
      "check", "--plan", plan, "--inventory", INCIDENT_INVENTORY, "--audit-log", log().toString()
    };
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return Cli.run(args);
  }

  private Cli audit(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--audit-log";
    all[args.length + 1] = log().toString();
    return Cli.run(all);
  }

  private String decisionId(Cli jsonCheck) throws Exception {
    return Json.json().readTree(jsonCheck.out()).get("decisionId").asText();
  }

  @Test
  void theIncidentIsRecordedListedAndVerified() throws Exception {
    Cli checked = check(INCIDENT_PLAN, "--output", "json");
    assertThat(checked.exit()).isEqualTo(ExitCodes.BLOCK);
    String id = decisionId(checked);
    assertThat(Files.readAllLines(log())).hasSize(1);

    Cli list = audit("audit", "list", "--verdict", "BLOCK");
    assertThat(list.exit()).as(list.err()).isEqualTo(0);
    assertThat(list.out())
        .contains(id.substring(0, 8), "BLOCK", "CHG-2016-1122~", "CHG0042", "lacp-dire~ +")
        .contains("1 decision match");
    assertThat(list.out().lines()).allMatch(l -> l.length() <= 80 || l.contains(log().toString()));
    assertThat(audit("audit", "list", "--verdict", "allow").out())
        .doesNotContain(id.substring(0, 8));

    Cli verify = audit("audit", "verify");
    assertThat(verify.exit()).isEqualTo(0);
    assertThat(verify.out()).startsWith("intact: 1 records");
  }

  @Test
  void flippingOneByteFailsVerifyNamingTheRecord() throws Exception {
    check(SAFE_PLAN);
    String id = decisionId(check(INCIDENT_PLAN, "--output", "json"));
    check(SAFE_PLAN);
    byte[] bytes = Files.readAllBytes(log());
    String text = new String(bytes, StandardCharsets.UTF_8);
    int secondLine = text.indexOf('\n') + 1;
    int at = text.indexOf("esx-par-0", secondLine) + 8; // a host name inside the second record
    bytes[at] = (byte) (bytes[at] == '1' ? '2' : '1');
    Files.write(log(), bytes);

    Cli verify = audit("audit", "verify");
    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.out())
        .contains("BROKEN at line 2 (record " + id + ")", "changed after it was written");
  }

  /** Issue 12, case 2: a decision whose newline was removed is kept, and the repair is reported. */
  @Test
  void aDecisionThatLostItsNewlineIsKeptAndTheRepairReported() throws Exception {
    String block = decisionId(check(INCIDENT_PLAN, "--output", "json"));
    byte[] bytes = Files.readAllBytes(log());
    Files.write(log(), java.util.Arrays.copyOf(bytes, bytes.length - 1));
    Cli before = audit("audit", "verify");
    assertThat(before.exit()).isEqualTo(0);
    assertThat(before.out())
        .contains("intact: 1 records", "unterminated: the last record (line 1)");

    String warn = decisionId(check(SAFE_PLAN, "--output", "json"));
    assertThat(audit("audit", "list").out()).contains(block.substring(0, 8), warn.substring(0, 8));
    Cli verify = audit("audit", "verify");
    assertThat(verify.exit()).isEqualTo(0);
    assertThat(verify.out())
        .contains(
            "intact: 2 records",
            "repairs: 1",
            "before record 2: the writer wrote the missing final newline of record 1");
    assertThat(audit("audit", "show", warn).out())
        .contains("wrote the missing final newline of record 1");
  }

  @Test
  void verifyListsTornTailCutsWithTheirSizeAndHash() throws Exception {
    check(SAFE_PLAN);
    Files.write(
        log(),
        "{\"seq\":2,\"recor".getBytes(StandardCharsets.UTF_8),
        java.nio.file.StandardOpenOption.APPEND);
    check(SAFE_PLAN);
    Cli verify = audit("audit", "verify");
    assertThat(verify.exit()).isEqualTo(0);
    assertThat(verify.out())
        .contains(
            "repairs: 1",
            "before record 2: the writer cut a torn, unacknowledged tail of 15"
                + " bytes (sha256 "
                + io.vsguard.core.decision.Decisions.sha256(
                    "{\"seq\":2,\"recor".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void everyVerdictIsRecordedAndShownInFull() throws Exception {
    String warn = decisionId(check(SAFE_PLAN, "--output", "json"));
    String block = decisionId(check(INCIDENT_PLAN, "--output", "json"));

    assertThat(audit("audit", "list", "--verdict", "WARN").out())
        .contains(warn.substring(0, 8))
        .doesNotContain(block.substring(0, 8));
    assertThat(audit("audit", "list", "--rule", "lacp-direct-migration").out())
        .contains(block.substring(0, 8))
        .doesNotContain(warn.substring(0, 8));
    assertThat(audit("audit", "list", "--plan", "CHG-2016-1122-01").out())
        .contains(block.substring(0, 8));

    Cli show = audit("audit", "show", block.substring(0, 8));
    assertThat(show.exit()).as(show.err()).isEqualTo(0);
    assertThat(show.out())
        .startsWith("BLOCK  CHG-2016-1122-01")
        .contains(
            "decision   " + block,
            "asked by   " + System.getProperty("user.name") + " (os-user)",
            "ticket     CHG0042",
            "inventory  file " + Path.of(INCIDENT_INVENTORY).toAbsolutePath().normalize(),
            "[block] lacp-direct-migration change c1",
            "Suggested rollout (",
            "steps: enter-maintenance",
            "prev       ",
            "sha256     ");

    JsonNode record = Json.json().readTree(audit("audit", "show", block, "--output", "json").out());
    assertThat(record.get("seq").asLong()).isEqualTo(2);
    assertThat(record.get("decision").get("verdict").asText()).isEqualTo("BLOCK");
    assertThat(record.get("plan").get("ticket").asText()).isEqualTo("CHG0042");
    assertThat(record.get("policy").get("sha256").asText()).hasSize(64);
  }

  @Test
  void showRejectsUnknownAndAmbiguousIds() throws Exception {
    check(SAFE_PLAN);
    check(SAFE_PLAN);
    assertThat(audit("audit", "show", "zzz").err()).contains("no decision with id zzz");
    Cli ambiguous = audit("audit", "show", "");
    assertThat(ambiguous.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(ambiguous.err()).contains("is ambiguous: 2 decisions");
  }

  @Test
  void sinceTakesADateOrADateTime() throws Exception {
    String id = decisionId(check(SAFE_PLAN, "--output", "json"));
    assertThat(audit("audit", "list", "--since", "2000-01-01").out()).contains(id.substring(0, 8));
    assertThat(audit("audit", "list", "--since", "2999-01-01T00:00:00Z").out())
        .doesNotContain(id.substring(0, 8))
        .contains("0 decisions match");
    Cli bad = audit("audit", "list", "--since", "yesterday");
    assertThat(bad.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(bad.err()).contains("--since: 'yesterday' is not an ISO date");
  }

  @Test
  void exportWritesStableCsvColumnsAndAJsonArray() throws Exception {
    String warn = decisionId(check(SAFE_PLAN, "--output", "json"));
    String block = decisionId(check(INCIDENT_PLAN, "--output", "json"));

    Cli csv = audit("audit", "export", "--format", "csv");
    assertThat(csv.exit()).isEqualTo(0);
    List<String> rows = csv.out().lines().toList();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).isEqualTo(String.join(",", AuditExportCommand.COLUMNS));
    assertThat(rows.get(1)).startsWith("1,").contains(warn, ",WARN,");
    assertThat(rows.get(2)).startsWith("2,").contains(block, ",BLOCK,", "lacp-direct-migration");
    assertThat(AuditExportCommand.csvRow(List.of("=cmd()", "a,\"b\"")))
        .isEqualTo("'=cmd(),\"a,\"\"b\"\"\"\r\n");

    JsonNode json = Json.json().readTree(audit("audit", "export", "--format", "json").out());
    assertThat(json.isArray()).isTrue();
    assertThat(json).hasSize(2);
    assertThat(json.get(1).get("decision").get("decisionId").asText()).isEqualTo(block);
    assertThat(json.get(1).get("prev").asText()).isEqualTo(json.get(0).get("sha256").asText());
  }

  @Test
  void aDecisionThatCannotBeRecordedIsAnError() throws Exception {
    Path notADir = dir.resolve("plain-file");
    Files.writeString(notADir, "x");
    Cli r =
        Cli.run(
            "check",
            "--plan",
            INCIDENT_PLAN,
            "--inventory",
            INCIDENT_INVENTORY,
            "--audit-log",
            notADir.resolve("audit.jsonl").toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.out()).startsWith("ERROR");
    assertThat(r.err()).contains("could not be recorded in the audit log", notADir.toString());

    Cli json =
        Cli.run(
            "check",
            "--plan",
            INCIDENT_PLAN,
            "--inventory",
            INCIDENT_INVENTORY,
            "--output",
            "json",
            "--audit-log",
            notADir.resolve("audit.jsonl").toString());
    JsonNode d = Json.json().readTree(json.out());
    assertThat(d.get("verdict").asText()).isEqualTo("ERROR");
    assertThat(d.get("error").get("message").asText())
        .contains("decision (BLOCK) could not be recorded");
  }

  @Test
  void auditCommandsRefuseAMissingLog() {
    for (String[] cmd :
        List.of(
            new String[] {"audit", "list"},
            new String[] {"audit", "verify"},
            new String[] {"audit", "show", "abc"},
            new String[] {"audit", "export", "--format", "json"})) {
      Cli r = audit(cmd);
      assertThat(r.exit()).as(String.join(" ", cmd)).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(r.err()).contains(log().toString(), "no audit log there");
    }
  }

  @Test
  void withoutTheFlagChecksRecordIntoTheConfiguredDefaultNeverTheRealHome() throws Exception {
    Path configured = Path.of(System.getProperty(AuditLogOption.PROPERTY));
    assertThat(configured.toString()).contains("target");
    long before = Files.exists(configured) ? Files.readAllLines(configured).size() : 0;
    Cli r = Cli.run("check", "--plan", SAFE_PLAN, "--inventory", INCIDENT_INVENTORY);
    assertThat(r.exit()).isEqualTo(0);
    assertThat(Files.readAllLines(configured)).hasSize((int) before + 1);
  }

  @Test
  void theVcenterPasswordInTheEnvironmentNeverReachesTheLog() throws Exception {
    String password = "S3cr3t-Pa55w0rd-" + System.nanoTime();
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "check",
                "--plan",
                INCIDENT_PLAN,
                "--inventory",
                INCIDENT_INVENTORY,
                "--audit-log",
                log().toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.txt").toFile());
    pb.environment().put("VSGUARD_VCENTER_USER", "administrator@vsphere.local");
    pb.environment().put("VSGUARD_VCENTER_PASSWORD", password);
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue())
        .as(Files.readString(dir.resolve("out.txt")))
        .isEqualTo(ExitCodes.BLOCK);
    String logged = Files.readString(log());
    assertThat(logged).contains("CHG-2016-1122-01").doesNotContain(password);
  }

  @Test
  void theDefaultLogIsUnderHomeAsTheShellSeesIt() throws Exception {
    Path home = dir.resolve("home");
    Files.createDirectories(home);
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "check",
                "--plan",
                INCIDENT_PLAN,
                "--inventory",
                INCIDENT_INVENTORY)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.txt").toFile());
    pb.environment().remove(AuditLogOption.ENV);
    pb.environment().put("HOME", home.toString());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue())
        .as(Files.readString(dir.resolve("out.txt")))
        .isEqualTo(ExitCodes.BLOCK);
    assertThat(Files.readString(home.resolve(".vsguard/audit.jsonl"))).contains("CHG-2016-1122-01");
  }
}
