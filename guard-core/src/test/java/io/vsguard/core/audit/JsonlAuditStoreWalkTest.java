package io.vsguard.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's walk from a sequence number, what the web view pages its list with. */
class JsonlAuditStoreWalkTest {
  @TempDir Path dir;

  private JsonlAuditStore storeWithFive() throws Exception {
    JsonlAuditStore store = new JsonlAuditStore(dir.resolve("audit.jsonl"));
    store.append(Records.entry("CHG-1"));
    store.append(Records.entry("CHG-2"));
    store.appendAccessDenied(
        AuditRecord.Actor.unauthenticated("192.0.2.7"),
        new AuditRecord.AccessDenied(
            "GET", "/v1/decisions", AuditRecord.AccessDenied.MISSING_TOKEN));
    store.append(Records.entry("CHG-4"));
    store.append(Records.entry("CHG-5"));
    return store;
  }

  private static List<Long> walk(JsonlAuditStore store, long from, boolean newestFirst, int limit)
      throws Exception {
    List<Long> seen = new ArrayList<>();
    store.walk(
        from,
        newestFirst,
        r -> {
          seen.add(r.seq());
          return seen.size() < limit;
        });
    return seen;
  }

  @Test
  void newestFirstFromBeforeASequenceNumberSkippingAccessRecords() throws Exception {
    JsonlAuditStore store = storeWithFive();
    assertThat(walk(store, Long.MAX_VALUE, true, 100)).containsExactly(5L, 4L, 2L, 1L);
    assertThat(walk(store, 5, true, 100)).containsExactly(4L, 2L, 1L);
    assertThat(walk(store, 4, true, 2)).containsExactly(2L, 1L);
    assertThat(walk(store, 1, true, 100)).isEmpty();
  }

  @Test
  void oldestFirstFromAfterASequenceNumber() throws Exception {
    JsonlAuditStore store = storeWithFive();
    assertThat(walk(store, 0, false, 100)).containsExactly(1L, 2L, 4L, 5L);
    assertThat(walk(store, 2, false, 100)).containsExactly(4L, 5L);
    assertThat(walk(store, 1, false, 1)).containsExactly(2L);
    assertThat(walk(store, 5, false, 100)).isEmpty();
    assertThat(walk(store, Long.MAX_VALUE, false, 100)).isEmpty();
  }

  @Test
  void theWalkStopsWhenTheVisitorSaysSo() throws Exception {
    JsonlAuditStore store = storeWithFive();
    assertThat(walk(store, Long.MAX_VALUE, true, 1)).containsExactly(5L);
  }

  @Test
  void onlyTheRecordsWalkedAreRead() throws Exception {
    JsonlAuditStore store = storeWithFive();
    List<String> lines = new ArrayList<>(Files.readAllLines(store.file()));
    lines.set(0, "not a record");
    Files.write(store.file(), lines);
    assertThat(walk(store, Long.MAX_VALUE, true, 3)).containsExactly(5L, 4L, 2L);
    assertThatThrownBy(() -> walk(store, Long.MAX_VALUE, true, 100))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("not a sealed audit record; run vsguard audit verify");
  }

  @Test
  void anAbsentLogHasNothingToWalk() throws Exception {
    JsonlAuditStore store = new JsonlAuditStore(dir.resolve("none.jsonl"));
    assertThat(walk(store, Long.MAX_VALUE, true, 100)).isEmpty();
  }
}
