package io.vsguard.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, case 1: anyone who can write the log could append a forged ALLOW, or turn record 3 into
 * an ALLOW and re-chain everything after it, and verify said intact. With the recording process's
 * Ed25519 key, each record is signed; a forger who can write the file but does not hold the key is
 * caught by verify with the public key alone, and by the next signed append.
 */
class ForgeryTest {
  static final AuditSigner KEY = AuditSigner.generate();
  static final AuditSigner OTHER = AuditSigner.generate();

  @TempDir Path dir;

  private final VerifyOptions withKey = new VerifyOptions(List.of(KEY.publicKey()), null, false);

  /**
   * A record's body with its fields changed and its seal redone, as a forger with a text editor
   * would.
   */
  static String forge(
      String line, long seq, String prev, String decisionId, AuditSigner forgersKey) {
    String body =
        SealedLine.parse(line)
            .body()
            .replaceFirst("^\\{\"seq\":\\d+", "{\"seq\":" + seq)
            .replaceFirst("\"prev\":\"[0-9a-f]{64}\"", "\"prev\":\"" + prev + "\"")
            .replace("\"verdict\":\"BLOCK\"", "\"verdict\":\"ALLOW\"");
    if (decisionId != null) {
      body =
          body.replaceFirst("\"decisionId\":\"[^\"]+\"", "\"decisionId\":\"" + decisionId + "\"");
    }
    return SealedLine.seal(body, forgersKey);
  }

  /** The forged line wearing the genuine signature member of another line. */
  static String withSignatureOf(String forged, String genuine) {
    String member = genuine.substring(genuine.indexOf(",\"signature\":"), genuine.length() - 1);
    return forged.substring(0, forged.length() - 1) + member + "}";
  }

  private JsonlAuditStore signedStoreWithFive() throws Exception {
    JsonlAuditStore store =
        new JsonlAuditStore(dir.resolve("audit.jsonl"), java.time.Clock.systemUTC(), KEY);
    for (int i = 1; i <= 5; i++) {
      store.append(Records.entry("CHG-" + i));
    }
    return store;
  }

  private static String sha(String line) {
    return SealedLine.parse(line).sha256();
  }

  @Test
  void everyRecordIsSignedAndVerifiesWithThePublicKeyAlone() throws Exception {
    JsonlAuditStore store = signedStoreWithFive();
    List<String> lines = Files.readAllLines(store.file());
    assertThat(lines)
        .allMatch(
            l -> l.contains(",\"signature\":{\"alg\":\"Ed25519\",\"key\":\"" + KEY.keyId() + "\""));
    Verification v = new JsonlAuditStore(store.file()).verify(withKey);
    assertThat(v).isInstanceOf(Verification.Intact.class);
    assertThat(v.trail().signedRecords()).isEqualTo(5);
    assertThat(v.trail().signaturesChecked()).isTrue();
    assertThat(store.list(AuditQuery.ALL).get(0).signature().key()).isEqualTo(KEY.keyId());
  }

  @Test
  void aForgedAllowAppendedAtTheEndIsDetected() throws Exception {
    JsonlAuditStore store = signedStoreWithFive();
    List<String> lines = Files.readAllLines(store.file());
    String last = lines.get(4);
    lines.add(forge(last, 6, sha(last), "f0f0f0f0-0000-4000-8000-000000000006", null));
    Files.write(store.file(), lines);

    // even without the key: a signed log does not go on unsigned
    assertThat(store.verify())
        .isInstanceOfSatisfying(
            Verification.Broken.class,
            b -> {
              assertThat(b.line()).isEqualTo(6);
              assertThat(b.recordId()).isEqualTo("f0f0f0f0-0000-4000-8000-000000000006");
              assertThat(b.reason()).contains("not signed, but the records before it are");
            });
    // the next signed append will not chain onto it
    assertThatThrownBy(() -> store.append(Records.entry("CHG-7")))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("is not signed, but records before it are");
  }

  @Test
  void aForgedAllowWearingACopiedSignatureIsDetected() throws Exception {
    JsonlAuditStore store = signedStoreWithFive();
    List<String> lines = Files.readAllLines(store.file());
    String last = lines.get(4);
    lines.add(
        withSignatureOf(
            forge(last, 6, sha(last), "f0f0f0f0-0000-4000-8000-000000000006", null), last));
    Files.write(store.file(), lines);

    assertThat(store.verify(withKey))
        .isInstanceOfSatisfying(
            Verification.Broken.class,
            b -> {
              assertThat(b.line()).isEqualTo(6);
              assertThat(b.reason()).contains("signature does not verify");
            });
    assertThatThrownBy(
            () ->
                new JsonlAuditStore(store.file(), java.time.Clock.systemUTC(), KEY)
                    .append(Records.entry("CHG-7")))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("does not verify");
  }

  @Test
  void aRecordTurnedIntoAnAllowAndRechainedIsDetected() throws Exception {
    JsonlAuditStore store = signedStoreWithFive();
    List<String> lines = Files.readAllLines(store.file());
    List<String> forged = new ArrayList<>(lines.subList(0, 2));
    String prev = sha(lines.get(1));
    for (int i = 2; i < 5; i++) {
      String line = withSignatureOf(forge(lines.get(i), i + 1, prev, null, null), lines.get(i));
      forged.add(line);
      prev = sha(line);
    }
    Files.write(store.file(), forged);

    assertThat(store.verify())
        .as("the chain alone is consistent")
        .isInstanceOf(Verification.Intact.class);
    assertThat(store.verify(withKey))
        .isInstanceOfSatisfying(
            Verification.Broken.class,
            b -> {
              assertThat(b.line())
                  .as("the first forged record, found after the last signature failed")
                  .isEqualTo(3);
              assertThat(b.records()).isEqualTo(2);
              assertThat(b.reason()).contains("signature does not verify with key " + KEY.keyId());
            });
  }

  @Test
  void aLogResignedWithAnotherKeyOrStrippedOfSignaturesFailsWithTheRightKey() throws Exception {
    JsonlAuditStore store = signedStoreWithFive();
    List<String> lines = Files.readAllLines(store.file());
    List<String> resigned = new ArrayList<>();
    List<String> stripped = new ArrayList<>();
    String prevA = AuditRecord.GENESIS;
    String prevB = AuditRecord.GENESIS;
    for (int i = 0; i < 5; i++) {
      String a = forge(lines.get(i), i + 1, prevA, null, OTHER);
      String b = forge(lines.get(i), i + 1, prevB, null, null);
      resigned.add(a);
      stripped.add(b);
      prevA = sha(a);
      prevB = sha(b);
    }
    Files.write(store.file(), resigned);
    assertThat(store.verify(withKey))
        .isInstanceOfSatisfying(
            Verification.Broken.class,
            b -> {
              assertThat(b.line()).isEqualTo(1);
              assertThat(b.reason())
                  .contains("signed with key " + OTHER.keyId() + ", not with the public key given");
            });
    Files.write(store.file(), stripped);
    assertThat(store.verify(withKey))
        .isInstanceOfSatisfying(
            Verification.Broken.class, b -> assertThat(b.reason()).contains("no record is signed"));
  }

  @Test
  void aChainCutAtTheEndIsDetectedByTheExpectedHead() throws Exception {
    JsonlAuditStore store = signedStoreWithFive();
    List<String> lines = Files.readAllLines(store.file());
    String head = store.verify(withKey) instanceof Verification.Intact i ? i.headSha256() : null;
    Files.write(store.file(), lines.subList(0, 3));

    assertThat(store.verify(withKey))
        .as("a shorter chain is still a valid chain")
        .isInstanceOf(Verification.Intact.class);
    Verification cut = store.verify(new VerifyOptions(List.of(KEY.publicKey()), head, false));
    assertThat(cut)
        .isInstanceOfSatisfying(
            Verification.Broken.class,
            b -> {
              assertThat(b.line()).isEqualTo(4);
              assertThat(b.reason())
                  .contains("expected head " + head + " is not in the log", "now ends at record 3");
            });
    // a head kept earlier is still found once the log has grown past it
    Files.write(store.file(), lines);
    store.append(Records.entry("CHG-6"));
    Verification grown = store.verify(new VerifyOptions(List.of(KEY.publicKey()), head, false));
    assertThat(grown).isInstanceOf(Verification.Intact.class);
    assertThat(grown.trail().expectedHeadAt()).isEqualTo(5);
  }

  @Test
  void anOldUnsignedLogStaysReadableAndItsPrefixIsCoveredByTheFirstSignature() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    JsonlAuditStore old = new JsonlAuditStore(file);
    old.append(Records.entry("CHG-1"));
    old.append(Records.entry("CHG-2"));
    JsonlAuditStore signing = new JsonlAuditStore(file, java.time.Clock.systemUTC(), KEY);
    signing.append(Records.entry("CHG-3"));
    signing.append(Records.entry("CHG-4"));

    Verification v = signing.verify(withKey);
    assertThat(v).isInstanceOf(Verification.Intact.class);
    assertThat(v.records()).isEqualTo(4);
    assertThat(v.trail().unsignedBeforeFirstSigned()).isEqualTo(2);
    assertThat(v.trail().signedRecords()).isEqualTo(2);
    assertThat(signing.list(AuditQuery.ALL)).hasSize(4);

    // the unsigned prefix cannot be changed either: re-chaining it breaks the first signature
    List<String> lines = Files.readAllLines(file);
    String forged1 = forge(lines.get(1), 2, sha(lines.get(0)), null, null);
    String forged2 =
        withSignatureOf(forge(lines.get(2), 3, sha(forged1), null, null), lines.get(2));
    String forged3 =
        withSignatureOf(forge(lines.get(3), 4, sha(forged2), null, null), lines.get(3));
    Files.write(file, List.of(lines.get(0), forged1, forged2, forged3));
    assertThat(signing.verify(withKey))
        .isInstanceOfSatisfying(Verification.Broken.class, b -> assertThat(b.line()).isEqualTo(3));

    // and a writer without the key does not append to the signed log
    Files.write(file, lines);
    assertThatThrownBy(() -> old.append(Records.entry("CHG-5")))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("is signed (key " + KEY.keyId() + ")");
  }

  @Test
  void aWriterWithAnotherKeyDoesNotChainOntoTheLog() throws Exception {
    JsonlAuditStore store = signedStoreWithFive();
    assertThatThrownBy(() -> store.withSigner(OTHER).append(Records.entry("CHG-6")))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("one log, one key");
  }

  @Test
  void everySignatureFindsADamagedSignatureOnAnIntactRecord() throws Exception {
    JsonlAuditStore store = signedStoreWithFive();
    List<String> lines = Files.readAllLines(store.file());
    String damaged =
        withSignatureOf(SealedLine.seal(SealedLine.parse(lines.get(1)).body()), lines.get(0));
    lines.set(1, damaged);
    Files.write(store.file(), lines);

    assertThat(store.verify(withKey))
        .as("the last signature still covers record 2 through the chain")
        .isInstanceOf(Verification.Intact.class);
    assertThat(store.verify(new VerifyOptions(List.of(KEY.publicKey()), null, true)))
        .isInstanceOfSatisfying(Verification.Broken.class, b -> assertThat(b.line()).isEqualTo(2));
  }

  @Test
  void keyFilesRoundTripAndAMismatchedPairIsRefused() {
    AuditSigner back = AuditSigner.fromPem(KEY.toPem());
    assertThat(back.keyId()).isEqualTo(KEY.keyId());
    assertThat(AuditSigner.keyId(AuditSigner.publicFromPem(AuditSigner.publicPem(KEY.publicKey()))))
        .isEqualTo(KEY.keyId());
    String mismatched =
        KEY.toPem().substring(0, KEY.toPem().indexOf("-----BEGIN PUBLIC KEY-----"))
            + AuditSigner.publicPem(OTHER.publicKey());
    assertThatThrownBy(() -> AuditSigner.fromPem(mismatched))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not belong");
  }
}
