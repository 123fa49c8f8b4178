package io.vsguard.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.core.decision.Decisions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, case 2: removing only the final newline of the last record made an acknowledged
 * decision look like a torn write, so the next append cut it away and verify said "intact". A
 * complete record is never cut: its line is finished, and the finishing is recorded.
 */
class SilentDeletionTest {
  @TempDir Path dir;

  private JsonlAuditStore storeWithThree() throws Exception {
    JsonlAuditStore store = new JsonlAuditStore(dir.resolve("audit.jsonl"));
    store.append(Records.entry("CHG-1"));
    store.append(Records.entry("CHG-2"));
    store.append(Records.entry("CHG-3"));
    return store;
  }

  private static void dropFinalNewline(Path file) throws Exception {
    byte[] all = Files.readAllBytes(file);
    assertThat(all[all.length - 1]).isEqualTo((byte) '\n');
    Files.write(file, Arrays.copyOf(all, all.length - 1));
  }

  @Test
  void aCompleteLastRecordWithoutItsNewlineIsFinishedNotCut() throws Exception {
    JsonlAuditStore store = storeWithThree();
    AuditRecord third = store.list(AuditQuery.ALL).get(2);
    dropFinalNewline(store.file());

    // still a record: listed, found, and counted by verify, with the missing newline said
    assertThat(store.list(AuditQuery.ALL)).extracting(AuditRecord::id).contains(third.id());
    assertThat(store.find(third.id())).hasSize(1);
    Verification before = store.verify();
    assertThat(before).isInstanceOf(Verification.Intact.class);
    assertThat(before.records()).isEqualTo(3);
    assertThat(before.trail().unterminatedLastLine()).isTrue();

    AuditRecord next = store.append(Records.entry("CHG-4"));
    assertThat(next.seq()).isEqualTo(4);
    assertThat(next.prev())
        .as("chained onto the decision, not onto the one before it")
        .isEqualTo(third.sha256());
    assertThat(next.repair()).isEqualTo(AuditRecord.Repair.newlineAdded(3));
    assertThat(store.list(AuditQuery.ALL))
        .extracting(AuditRecord::id)
        .contains(third.id(), next.id());

    Verification after = store.verify();
    assertThat(after).isInstanceOf(Verification.Intact.class);
    assertThat(after.records()).isEqualTo(4);
    assertThat(after.trail().repairs())
        .containsExactly(new Verification.RepairSeen(4, AuditRecord.Repair.newlineAdded(3)));
  }

  @Test
  void aSealedTailThatDoesNotChainIsRefusedNotCut() throws Exception {
    JsonlAuditStore store = storeWithThree();
    String log = Files.readString(store.file());
    String first = log.substring(0, log.indexOf('\n'));
    // a copy of record 1 put at the end without a newline: sealed, but not the next link
    Files.writeString(store.file(), log + first);
    assertThat(store.verify())
        .isInstanceOfSatisfying(
            Verification.Broken.class,
            b -> {
              assertThat(b.line()).isEqualTo(4);
              assertThat(b.reason()).contains("prev");
            });
    assertThatThrownBy(() -> store.append(Records.entry("CHG-4")))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("without its final newline")
        .hasMessageContaining("not cut");
    assertThat(Files.readString(store.file())).isEqualTo(log + first);
  }

  /**
   * The same attack one byte further: the newline of the last record removed and a byte put after
   * it made the whole line look torn, so the next append cut the acknowledged decision away as "an
   * interrupted append" and verify said intact. No crash leaves a whole record with bytes after it,
   * so it is a damaged line: refused, not cut, and verify names it.
   */
  @Test
  void aWholeRecordWithBytesAfterItIsNotTakenForATornWrite() throws Exception {
    JsonlAuditStore store = storeWithThree();
    AuditRecord third = store.list(AuditQuery.ALL).get(2);
    dropFinalNewline(store.file());
    Files.write(
        store.file(),
        "x".getBytes(StandardCharsets.UTF_8),
        java.nio.file.StandardOpenOption.APPEND);
    String damaged = Files.readString(store.file());

    assertThat(store.verify())
        .isInstanceOfSatisfying(
            Verification.Broken.class,
            b -> {
              assertThat(b.line()).isEqualTo(3);
              assertThat(b.recordId()).isEqualTo(third.id());
              assertThat(b.reason())
                  .contains(
                      "whole record followed by 1 character not part of it", "not a torn write");
            });
    assertThat(store.health().writable()).isFalse();
    assertThatThrownBy(() -> store.append(Records.entry("CHG-4")))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("not a torn write")
        .hasMessageContaining("not cut");
    assertThat(Files.readString(store.file())).as("nothing cut, nothing added").isEqualTo(damaged);
  }

  @Test
  void verifyReportsEveryRepairWithTheBytesAndHashRemoved() throws Exception {
    JsonlAuditStore store = storeWithThree();
    byte[] torn1 = "{\"seq\":4,\"recordedAt\":\"2026-".getBytes(StandardCharsets.UTF_8);
    Files.write(store.file(), torn1, java.nio.file.StandardOpenOption.APPEND);
    store.append(Records.entry("CHG-4"));
    byte[] torn2 = "{\"seq\":5,\"rec".getBytes(StandardCharsets.UTF_8);
    Files.write(store.file(), torn2, java.nio.file.StandardOpenOption.APPEND);
    store.append(Records.entry("CHG-5"));

    Verification v = store.verify();
    assertThat(v).isInstanceOf(Verification.Intact.class);
    assertThat(v.trail().repairs())
        .containsExactly(
            new Verification.RepairSeen(
                4, new AuditRecord.Repair((long) torn1.length, Decisions.sha256(torn1), null)),
            new Verification.RepairSeen(
                5, new AuditRecord.Repair((long) torn2.length, Decisions.sha256(torn2), null)));
  }
}
