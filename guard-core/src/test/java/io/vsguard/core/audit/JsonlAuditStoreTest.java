package io.vsguard.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.core.decision.Decisions;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.rule.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlAuditStoreTest {
  @TempDir Path dir;

  private JsonlAuditStore storeWithThree() throws Exception {
    JsonlAuditStore store = new JsonlAuditStore(dir.resolve("audit.jsonl"));
    store.append(Records.entry("CHG-1"));
    store.append(Records.entry("CHG-2", "stale-inventory", Severity.WARN));
    store.append(Records.entry("CHG-3"));
    return store;
  }

  private List<String> lines(JsonlAuditStore store) throws Exception {
    return new ArrayList<>(Files.readAllLines(store.file()));
  }

  private void write(JsonlAuditStore store, List<String> lines) throws Exception {
    Files.writeString(store.file(), String.join("\n", lines) + "\n");
  }

  @Test
  void recordsChainFromGenesisAndRoundTrip() throws Exception {
    JsonlAuditStore store = new JsonlAuditStore(dir.resolve("audit.jsonl"));
    AuditEntry e1 = Records.entry("CHG-1");
    AuditRecord r1 = store.append(e1);
    AuditRecord r2 = store.append(Records.entry("CHG-2"));

    assertThat(r1.seq()).isEqualTo(1);
    assertThat(r1.prev()).isEqualTo(AuditRecord.GENESIS);
    assertThat(r2.seq()).isEqualTo(2);
    assertThat(r2.prev()).isEqualTo(r1.sha256());
    List<AuditRecord> all = store.list(AuditQuery.ALL);
    assertThat(all).containsExactly(r1, r2);
    assertThat(all.get(0).decision()).isEqualTo(e1.decision());
    Chains.assertIntact(store.verify(), 2, r2.sha256());
  }

  @Test
  void theHashIsTheLineWithoutItsSealAsDocumented() throws Exception {
    JsonlAuditStore store = storeWithThree();
    String line = lines(store).get(1);
    String body = line.replaceFirst(",\"sha256\":\"[0-9a-f]*\"}$", "}");
    assertThat(line)
        .endsWith(
            ",\"sha256\":\"" + Decisions.sha256(body.getBytes(StandardCharsets.UTF_8)) + "\"}");
    assertThat(body).contains("\"prev\":\"" + store.list(AuditQuery.ALL).get(0).sha256() + "\"");
  }

  @Test
  void aChangedByteIsDetectedAtItsRecord() throws Exception {
    JsonlAuditStore store = storeWithThree();
    List<String> lines = lines(store);
    String id = store.list(AuditQuery.ALL).get(1).id();
    lines.set(1, lines.get(1).replace("\"verdict\":\"WARN\"", "\"verdict\":\"ALLO\""));
    write(store, lines);
    assertThat(store.verify())
        .isInstanceOfSatisfying(
            Verification.Broken.class,
            b -> {
              assertThat(b.line()).isEqualTo(2);
              assertThat(b.recordId()).isEqualTo(id);
              assertThat(b.records()).isEqualTo(1);
              assertThat(b.reason()).contains("does not match its sha256");
            });
  }

  @Test
  void aResealedEditBreaksTheNextRecordsLink() throws Exception {
    JsonlAuditStore store = storeWithThree();
    List<String> lines = lines(store);
    String body =
        SealedLine.parse(lines.get(1))
            .body()
            .replace("\"verdict\":\"WARN\"", "\"verdict\":\"ALLOW\"");
    lines.set(1, SealedLine.seal(body));
    write(store, lines);
    Verification v = store.verify();
    assertThat(v)
        .isInstanceOfSatisfying(
            Verification.Broken.class,
            b -> {
              assertThat(b.line()).isEqualTo(3);
              assertThat(b.reason()).contains("prev");
            });
  }

  @Test
  void aDeletedLineIsDetected() throws Exception {
    JsonlAuditStore store = storeWithThree();
    List<String> lines = lines(store);
    String third = store.list(AuditQuery.ALL).get(2).id();
    lines.remove(1);
    write(store, lines);
    assertThat(store.verify())
        .isInstanceOfSatisfying(
            Verification.Broken.class,
            b -> {
              assertThat(b.line()).isEqualTo(2);
              assertThat(b.recordId()).isEqualTo(third);
              assertThat(b.reason()).contains("removed, inserted or moved");
            });
  }

  @Test
  void aReorderedLineIsDetected() throws Exception {
    JsonlAuditStore store = storeWithThree();
    List<String> lines = lines(store);
    Collections.swap(lines, 1, 2);
    write(store, lines);
    assertThat(store.verify())
        .isInstanceOfSatisfying(Verification.Broken.class, b -> assertThat(b.line()).isEqualTo(2));
  }

  @Test
  void aTruncatedLastLineIsReportedAsATornTailAndRepairedByTheNextAppend() throws Exception {
    JsonlAuditStore store = storeWithThree();
    byte[] all = Files.readAllBytes(store.file());
    int cut = all.length - 40;
    Files.write(store.file(), java.util.Arrays.copyOf(all, cut));
    String secondSha = store.list(AuditQuery.ALL).get(1).sha256();
    int lastLineStart =
        new String(all, StandardCharsets.UTF_8).lastIndexOf('\n', all.length - 2) + 1;

    assertThat(store.verify())
        .isInstanceOfSatisfying(
            Verification.TornTail.class,
            t -> {
              assertThat(t.records()).isEqualTo(2);
              assertThat(t.headSha256()).isEqualTo(secondSha);
              assertThat(t.line()).isEqualTo(3);
              assertThat(t.bytes()).isEqualTo(cut - lastLineStart);
            });
    assertThat(store.list(AuditQuery.ALL)).hasSize(2);

    AuditRecord next = store.append(Records.entry("CHG-4"));
    assertThat(next.seq()).isEqualTo(3);
    assertThat(next.prev()).isEqualTo(secondSha);
    AuditRecord.Repair cutOff =
        new AuditRecord.Repair(
            cut - lastLineStart,
            Decisions.sha256(java.util.Arrays.copyOfRange(all, lastLineStart, cut)));
    assertThat(next.repair()).isEqualTo(cutOff);
    Chains.assertIntact(store.verify(), 3, next.sha256());
    assertThat(store.verify().trail().repairs())
        .containsExactly(new Verification.RepairSeen(3, cutOff));
  }

  @Test
  void anAppendRefusesToChainOntoADamagedLastRecord() throws Exception {
    JsonlAuditStore store = storeWithThree();
    List<String> lines = lines(store);
    lines.set(2, lines.get(2).replace("CHG-3", "CHG-9"));
    write(store, lines);
    assertThatThrownBy(() -> store.append(Records.entry("CHG-4")))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("last record")
        .hasMessageContaining("damaged");
    assertThat(lines(store)).hasSize(3);
  }

  @Test
  void queriesFilterByVerdictTimeRuleAndPlan() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
    Instant t2 = Instant.parse("2026-02-01T10:00:00Z");
    new JsonlAuditStore(file, Clock.fixed(t1, ZoneOffset.UTC)).append(Records.entry("CHG-1"));
    new JsonlAuditStore(file, Clock.fixed(t2, ZoneOffset.UTC))
        .append(Records.entry("CHG-2", "stale-inventory", Severity.WARN));
    JsonlAuditStore store = new JsonlAuditStore(file);

    assertThat(store.list(new AuditQuery(Verdict.BLOCK, null, null, null)))
        .extracting(r -> r.plan().id())
        .containsExactly("CHG-1");
    assertThat(store.list(new AuditQuery(null, Instant.parse("2026-01-15T00:00:00Z"), null, null)))
        .extracting(r -> r.plan().id())
        .containsExactly("CHG-2");
    assertThat(store.list(new AuditQuery(null, t1, null, null))).hasSize(2);
    assertThat(store.list(new AuditQuery(null, null, "stale-inventory", null)))
        .extracting(r -> r.plan().id())
        .containsExactly("CHG-2");
    assertThat(store.list(new AuditQuery(null, null, null, "CHG-1"))).hasSize(1);
    assertThat(store.list(new AuditQuery(Verdict.ALLOW, null, null, null))).isEmpty();
  }

  @Test
  void findTakesAnIdOrAUniquePrefix() throws Exception {
    JsonlAuditStore store = storeWithThree();
    AuditRecord second = store.list(AuditQuery.ALL).get(1);
    assertThat(store.find(second.id())).containsExactly(second);
    assertThat(store.find(second.id().substring(0, 13))).containsExactly(second);
    assertThat(store.find("")).hasSize(3);
    assertThat(store.find("not-an-id")).isEmpty();
  }

  @Test
  void anAbsentLogHasNoRecordsAndIsNotCreatedByReading() throws Exception {
    JsonlAuditStore store = new JsonlAuditStore(dir.resolve("none/audit.jsonl"));
    assertThat(store.list(AuditQuery.ALL)).isEmpty();
    Chains.assertIntact(store.verify(), 0, AuditRecord.GENESIS);
    assertThat(dir.resolve("none")).doesNotExist();
  }

  @Test
  void theLogAndItsDirectoryArePrivate() throws Exception {
    JsonlAuditStore store = new JsonlAuditStore(dir.resolve("home/.vsguard/audit.jsonl"));
    store.append(Records.entry("CHG-1"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void healthSaysWhetherAnAppendWouldSucceedWithoutAppending() throws Exception {
    JsonlAuditStore store = storeWithThree();
    long size = Files.size(store.file());
    assertThat(store.health().writable()).isTrue();
    assertThat(Files.size(store.file())).isEqualTo(size);
    try (var files = Files.list(dir)) {
      assertThat(files).as("the probe file is removed").containsExactly(store.file());
    }

    assertThat(store.withReserve(Long.MAX_VALUE).health())
        .satisfies(
            h -> {
              assertThat(h.writable()).isFalse();
              assertThat(h.detail()).contains("bytes free");
            });
    AuditSigner key = AuditSigner.generate();
    store.withSigner(key).append(Records.entry("CHG-4"));
    assertThat(store.health().detail()).as("a writer without the key").contains("is signed");
    assertThat(store.withSigner(key).health().writable()).isTrue();

    JsonlAuditStore dirAsLog =
        new JsonlAuditStore(Files.createDirectories(dir.resolve("a-directory")));
    assertThat(dirAsLog.health().writable()).isFalse();
    Path notADir = dir.resolve("file");
    Files.writeString(notADir, "x");
    assertThat(new JsonlAuditStore(notADir.resolve("audit.jsonl")).health().detail())
        .contains(notADir.toString());
  }

  @Test
  void anUnwritableLogFailsTheAppend() throws Exception {
    Path notADir = dir.resolve("file");
    Files.writeString(notADir, "x");
    JsonlAuditStore store = new JsonlAuditStore(notADir.resolve("audit.jsonl"));
    assertThatThrownBy(() -> store.append(Records.entry("CHG-1")))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining(notADir.toString());
  }
}
