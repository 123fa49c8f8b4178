package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.text.Json;
import io.vsguard.vsphere.vcsim.Vcsim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end against the simulated vCenter (vcsim over TLS, serving the incident's
 * inventory): export, check, certificate handling and a refused password. The harness missing is a
 * failure (Vcsim throws), never a skip.
 */
class VcsimCommandTest {
  static final String WRONG_PASSWORD = "Wr0ng-Pa55word-never-printed";
  static final String PASSWORD = "Ro-Pa55word-never-printed";

  static Vcsim vcsim;
  @TempDir static Path dir;
  static Path creds;
  static Path wrongCreds;

  @BeforeAll
  static void start() throws Exception {
    vcsim =
        Vcsim.start(
            Path.of(CheckCommandTest.INCIDENT_INVENTORY),
            Vcsim.Options.defaults().rejecting(WRONG_PASSWORD));
    creds = credentials("vc.credentials", PASSWORD);
    wrongCreds = credentials("wrong.credentials", WRONG_PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (vcsim != null) {
      vcsim.close();
    }
  }

  static Path credentials(String name, String password) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, "user=vsguard-ro@vsphere.local\npassword=" + password + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  static String url() {
    return vcsim.url().toString();
  }

  static String auditLog() {
    return dir.resolve("audit.jsonl").toString();
  }

  static void assertNoSecret(Cli r) {
    assertThat(r.out() + r.err()).doesNotContain(PASSWORD).doesNotContain(WRONG_PASSWORD);
  }

  @Test
  void exportWithAPinnedCertificateWritesWhatTheLoaderAccepts() throws Exception {
    Path out = dir.resolve("exported.json");
    Cli r =
        Cli.run(
            "inventory",
            "export",
            "--vcenter",
            url(),
            "--thumbprint",
            vcsim.thumbprint(),
            "--credentials",
            creds.toString(),
            "--out",
            out.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.ALLOW);
    assertNoSecret(r);
    Inventory exported = InventoryLoader.load(out);
    Inventory fixture = InventoryLoader.load(Path.of(CheckCommandTest.INCIDENT_INVENTORY));
    assertThat(exported.source().tls()).isEqualTo("pinned");
    assertThat(exported.source().url()).isEqualTo(url());
    assertThat(exported.hosts())
        .extracting(h -> h.name())
        .containsExactlyElementsOf(fixture.hosts().stream().map(h -> h.name()).sorted().toList());
    assertThat(exported.vcenter()).isEqualTo(fixture.vcenter());
    assertThat(Files.readString(out)).doesNotContain(PASSWORD);
  }

  /**
   * Same verdict and same findings (rule, severity, change, wave, step, subject, message) as with
   * the snapshot the simulator serves. Two differences come from time alone and are asserted, not
   * dropped: the 2016 snapshot is stale while the live capture is seconds old (stale-inventory only
   * on the file), and outside-window names the instant of each check.
   */
  @Test
  void checkAgainstTheSimulatorDecidesAsAgainstTheSnapshot() throws Exception {
    Cli live =
        Cli.run(
            "check",
            "--plan",
            CheckCommandTest.INCIDENT_PLAN,
            "--vcenter",
            url(),
            "--thumbprint",
            vcsim.thumbprint(),
            "--credentials",
            creds.toString(),
            "--output",
            "json",
            "--audit-log",
            auditLog());
    Cli file =
        Cli.run(
            "check",
            "--plan",
            CheckCommandTest.INCIDENT_PLAN,
            "--inventory",
            CheckCommandTest.INCIDENT_INVENTORY,
            "--output",
            "json",
            "--audit-log",
            auditLog());
    JsonNode l = Json.json().readTree(live.out());
    JsonNode f = Json.json().readTree(file.out());
    assertThat(live.exit()).as(live.err()).isEqualTo(file.exit()).isEqualTo(ExitCodes.BLOCK);
    assertThat(l.get("verdict").asText()).isEqualTo(f.get("verdict").asText()).isEqualTo("BLOCK");
    assertThat(l.get("inventory").get("tls").asText()).isEqualTo("pinned");

    List<List<String>> fromFile = findings(f);
    List<List<String>> stale =
        fromFile.stream().filter(row -> row.get(0).equals("stale-inventory")).toList();
    assertThat(stale)
        .singleElement()
        .satisfies(row -> assertThat(row.get(6)).contains("2016-11-22T10:30:00Z"));
    assertThat(findings(l))
        .isNotEmpty()
        .containsExactlyElementsOf(fromFile.stream().filter(row -> !stale.contains(row)).toList());
    assertThat(findings(l))
        .extracting(row -> row.get(0))
        .contains("lacp-direct-migration", "vcenter-host-last");
    // no finding names a managed-object id: they differ between vCenter and the snapshot
    assertThat(live.out()).doesNotContainPattern("\\b(host|dvs|dvportgroup|vm)-[0-9]+\\b");
    assertNoSecret(live);
  }

  /**
   * The finding fields a decision is compared by; the instant in outside-window's message is
   * masked.
   */
  static List<List<String>> findings(JsonNode decision) throws Exception {
    List<List<String>> out = new ArrayList<>();
    for (JsonNode finding : decision.get("findings")) {
      List<String> row = new ArrayList<>();
      for (String field : List.of("rule", "severity", "change", "wave", "step")) {
        row.add(finding.path(field).isNull() ? null : finding.path(field).asText());
      }
      row.add(Json.json().writeValueAsString(finding.get("subject")));
      String message = finding.path("message").asText();
      if (row.get(0).equals("outside-window")) {
        message = message.replaceFirst("^now \\([^)]*\\)", "now (…)");
      }
      row.add(message);
      out.add(row);
    }
    return out;
  }

  @Test
  void withoutPinOrTrustStoreTheSelfSignedCertificateIsRefusedWithItsThumbprint() {
    Cli r =
        Cli.run(
            "inventory",
            "export",
            "--vcenter",
            url(),
            "--credentials",
            creds.toString(),
            "--out",
            dir.resolve("refused.json").toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains(vcsim.thumbprint());
    assertThat(dir.resolve("refused.json")).doesNotExist();
    assertNoSecret(r);
  }

  @Test
  void aWrongThumbprintIsRefused() throws Exception {
    String other =
        vcsim.thumbprint().startsWith("00")
            ? "11" + vcsim.thumbprint().substring(2)
            : "00" + vcsim.thumbprint().substring(2);
    Cli r =
        Cli.run(
            "check",
            "--plan",
            CheckCommandTest.INCIDENT_PLAN,
            "--vcenter",
            url(),
            "--thumbprint",
            other,
            "--credentials",
            creds.toString(),
            "--output",
            "json",
            "--audit-log",
            auditLog());
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains(vcsim.thumbprint());
    assertThat(Json.json().readTree(r.out()).get("verdict").asText()).isEqualTo("ERROR");
    assertNoSecret(r);
  }

  @Test
  void insecureWorksWarnsAndIsRecordedInTheDecision() throws Exception {
    Cli r =
        Cli.run(
            "check",
            "--plan",
            CheckCommandTest.INCIDENT_PLAN,
            "--vcenter",
            url(),
            "--insecure",
            "--credentials",
            creds.toString(),
            "--output",
            "json",
            "--audit-log",
            auditLog());
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.BLOCK);
    assertThat(r.err()).contains("WARNING: --insecure");
    JsonNode d = Json.json().readTree(r.out());
    assertThat(d.get("verdict").asText()).isEqualTo("BLOCK");
    assertThat(d.get("inventory").get("tls").asText()).isEqualTo("insecure");
    assertNoSecret(r);
  }

  @Test
  void aRefusedPasswordIsAnErrorThatNeverShowsThePassword() throws Exception {
    Cli export =
        Cli.run(
            "inventory",
            "export",
            "--vcenter",
            url(),
            "--thumbprint",
            vcsim.thumbprint(),
            "--credentials",
            wrongCreds.toString(),
            "--out",
            dir.resolve("denied.json").toString());
    assertThat(export.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(export.err().lines().count()).as(export.err()).isEqualTo(1);
    assertThat(export.err()).containsIgnoringCase("login");
    assertNoSecret(export);

    Cli check =
        Cli.run(
            "check",
            "--plan",
            CheckCommandTest.INCIDENT_PLAN,
            "--vcenter",
            url(),
            "--thumbprint",
            vcsim.thumbprint(),
            "--credentials",
            wrongCreds.toString(),
            "--output",
            "json",
            "--audit-log",
            auditLog());
    assertThat(check.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(Json.json().readTree(check.out()).get("verdict").asText()).isEqualTo("ERROR");
    assertNoSecret(check);
    assertThat(Files.readString(Path.of(auditLog())))
        .doesNotContain(WRONG_PASSWORD)
        .doesNotContain(PASSWORD);
  }
}
