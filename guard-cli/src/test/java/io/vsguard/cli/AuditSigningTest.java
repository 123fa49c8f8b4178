package io.vsguard.cli;

import static io.vsguard.cli.AuditCommandTest.SAFE_PLAN;
import static io.vsguard.cli.CheckCommandTest.INCIDENT_INVENTORY;
import static io.vsguard.cli.CheckCommandTest.INCIDENT_PLAN;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.decision.Decisions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, case 1 at the command line: check signs with the audit key, auditors verify with the
 * public key alone, and a forger who can edit the log but does not hold the key is caught.
 */
class AuditSigningTest {
  private static final Pattern SEAL =
      Pattern.compile(",\"sha256\":\"([0-9a-f]{64})\"(,\"signature\":\\{[^}]*\\})?}$");

  @TempDir Path dir;

  Path key;
  Path pub;

  private Path log() {
    return dir.resolve("audit.jsonl");
  }

  @BeforeEach
  void keygen() {
    key = dir.resolve("audit-key.pem");
    Cli r = Cli.run("audit", "keygen", "--out", key.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    pub = dir.resolve("audit-key.pem.pub");
    assertThat(r.out()).contains("private key " + key, "public key " + pub, "--public-key " + pub);
  }

  private Cli check(String plan, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "check",
                "--plan",
                plan,
                "--inventory",
                INCIDENT_INVENTORY,
                "--audit-log",
                log().toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private Cli verify(String... more) {
    List<String> args =
        new ArrayList<>(List.of("audit", "verify", "--audit-log", log().toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  /**
   * What a forger with an editor does: change the body, recompute the sha256, keep or drop a
   * signature.
   */
  private static String reseal(
      String line, String from, String to, String prev, boolean keepSignature) {
    Matcher m = SEAL.matcher(line);
    assertThat(m.find()).isTrue();
    String body = line.substring(0, m.start()).replace(from, to);
    if (prev != null) {
      body = body.replaceFirst("\"prev\":\"[0-9a-f]{64}\"", "\"prev\":\"" + prev + "\"");
    }
    body = body + "}";
    String sha = Decisions.sha256(body);
    String sig = keepSignature && m.group(2) != null ? m.group(2) : "";
    return body.substring(0, body.length() - 1) + ",\"sha256\":\"" + sha + "\"" + sig + "}";
  }

  private static String sha(String line) {
    Matcher m = SEAL.matcher(line);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void theKeyFileIsPrivateAndNeverOverwritten() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(key))
        .contains("-----BEGIN PRIVATE KEY-----", "-----BEGIN PUBLIC KEY-----");
    assertThat(Files.readString(pub))
        .contains("-----BEGIN PUBLIC KEY-----")
        .doesNotContain("PRIVATE");
    String before = Files.readString(key);
    Cli again = Cli.run("audit", "keygen", "--out", key.toString());
    assertThat(again.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(again.err()).contains("never overwritten");
    assertThat(Files.readString(key)).isEqualTo(before);
  }

  @Test
  void aKeyReadableByOthersIsRefused() throws Exception {
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    Cli r = check(SAFE_PLAN, "--signing-key", key.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains(key.toString(), "chmod 600");
    assertThat(log()).doesNotExist();
  }

  @Test
  void signedRecordsVerifyWithThePublicKeyAlone() throws Exception {
    assertThat(check(SAFE_PLAN, "--signing-key", key.toString()).exit()).isEqualTo(0);
    assertThat(check(INCIDENT_PLAN, "--signing-key", key.toString()).exit()).isEqualTo(1);
    assertThat(Files.readAllLines(log()))
        .allMatch(l -> l.contains(",\"signature\":{\"alg\":\"Ed25519\""));

    Cli v = verify("--public-key", pub.toString());
    assertThat(v.exit()).as(v.out() + v.err()).isEqualTo(0);
    assertThat(v.out())
        .contains("intact: 2 records", "signatures: 2 records signed, verified with key");

    Cli unchecked = verify();
    assertThat(unchecked.exit()).isEqualTo(0);
    assertThat(unchecked.out()).contains("NOT checked");
    assertThat(unchecked.err()).contains("signatures not checked");
  }

  @Test
  void aForgedAllowAppendedByEditingTheFileFailsVerify() throws Exception {
    check(SAFE_PLAN, "--signing-key", key.toString());
    check(INCIDENT_PLAN, "--signing-key", key.toString());
    List<String> lines = new ArrayList<>(Files.readAllLines(log()));
    String last = lines.get(1);
    String forged =
        reseal(
            last.replaceFirst("^\\{\"seq\":2", "{\"seq\":3"),
            "\"verdict\":\"BLOCK\"",
            "\"verdict\":\"ALLOW\"",
            sha(last),
            true);
    lines.add(forged);
    Files.write(log(), lines);

    Cli v = verify("--public-key", pub.toString());
    assertThat(v.exit()).isEqualTo(ExitCodes.BLOCK);
    assertThat(v.out()).contains("BROKEN at line 3", "signature does not verify");

    // the recording process does not chain onto it: the next check is an ERROR, fail closed
    Cli next = check(SAFE_PLAN, "--signing-key", key.toString());
    assertThat(next.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(next.err()).contains("does not verify");
  }

  @Test
  void aRechainedBlockTurnedAllowFailsVerify() throws Exception {
    check(INCIDENT_PLAN, "--signing-key", key.toString());
    check(SAFE_PLAN, "--signing-key", key.toString());
    List<String> lines = Files.readAllLines(log());
    String first =
        reseal(lines.get(0), "\"verdict\":\"BLOCK\"", "\"verdict\":\"ALLOW\"", null, true);
    String second =
        reseal(lines.get(1), "\"verdict\":\"WARN\"", "\"verdict\":\"WARN\"", sha(first), true);
    Files.write(log(), List.of(first, second));

    assertThat(verify().exit()).as("the chain alone cannot tell").isEqualTo(0);
    Cli v = verify("--public-key", pub.toString());
    assertThat(v.exit()).isEqualTo(ExitCodes.BLOCK);
    assertThat(v.out()).contains("BROKEN at line 1", "signature does not verify");
  }

  @Test
  void aWriterWithoutTheKeyCannotAppendToASignedLog() throws Exception {
    check(SAFE_PLAN, "--signing-key", key.toString());
    Cli r = check(INCIDENT_PLAN);
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.out()).startsWith("ERROR");
    assertThat(r.err()).contains("is signed (key", "--signing-key");
    assertThat(Files.readAllLines(log())).hasSize(1);
  }

  @Test
  void recordsCutFromTheEndAreFoundWithTheKeptHead() throws Exception {
    check(SAFE_PLAN, "--signing-key", key.toString());
    check(INCIDENT_PLAN, "--signing-key", key.toString());
    check(SAFE_PLAN, "--signing-key", key.toString());
    Cli whole = verify("--public-key", pub.toString());
    String head =
        whole
            .out()
            .lines()
            .filter(l -> l.startsWith("head: "))
            .findFirst()
            .orElseThrow()
            .replaceFirst(".*sha256 ", "");
    Files.write(log(), Files.readAllLines(log()).subList(0, 2));

    assertThat(verify("--public-key", pub.toString()).exit()).isEqualTo(0);
    Cli cut = verify("--public-key", pub.toString(), "--expect-head", head);
    assertThat(cut.exit()).isEqualTo(ExitCodes.BLOCK);
    assertThat(cut.out()).contains("expected head " + head + " is not in the log");
    assertThat(verify("--expect-head", "nothex").exit()).isEqualTo(ExitCodes.INPUT_ERROR);
  }

  @Test
  void anOldUnsignedLogKeepsVerifyingAndIsReportedAsSuch() throws Exception {
    check(SAFE_PLAN);
    check(SAFE_PLAN);
    check(INCIDENT_PLAN, "--signing-key", key.toString());
    Cli v = verify("--public-key", pub.toString());
    assertThat(v.exit()).as(v.out()).isEqualTo(0);
    assertThat(v.out())
        .contains(
            "intact: 3 records",
            "signatures: 1 records signed",
            "unsigned: records 1-2 were written before the audit key was in use");
    assertThat(Cli.run("audit", "list", "--audit-log", log().toString()).out())
        .contains("3 decisions");
  }
}
