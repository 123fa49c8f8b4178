package io.vsguard.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.decision.Verdict;
import io.vsguard.core.rule.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's paged reads, both ways, with the cursor by seq the API and the web view use. */
class AuditPagingTest {
  @TempDir Path dir;

  private JsonlAuditStore store(int n) throws Exception {
    JsonlAuditStore store = new JsonlAuditStore(dir.resolve("audit.jsonl"));
    for (int i = 1; i <= n; i++) {
      store.append(
          Records.entry(
              "CHG-" + i,
              i % 3 == 0 ? "lacp-direct-migration" : "stale-inventory",
              i % 3 == 0 ? Severity.BLOCK : Severity.WARN));
      if (i % 4 == 0) {
        store.appendAccessDenied(
            AuditRecord.Actor.unauthenticated("192.0.2.7"),
            new AuditRecord.AccessDenied(
                "GET", "/v1/decisions", AuditRecord.AccessDenied.MISSING_TOKEN));
      }
    }
    return store;
  }

  private static List<String> ids(AuditPage p) {
    return p.records().stream().map(r -> r.plan().id()).toList();
  }

  private static List<String> walk(JsonlAuditStore store, PageRequest first) throws Exception {
    List<String> all = new ArrayList<>();
    PageRequest req = first;
    while (true) {
      AuditPage p = store.page(req);
      all.addAll(ids(p));
      if (p.next().isEmpty()) {
        return all;
      }
      req = req.at(p.next().getAsLong());
    }
  }

  @Test
  void pagesWalkTheDecisionsOldestOrNewestFirst() throws Exception {
    JsonlAuditStore store = store(23);
    AuditPage first = store.page(PageRequest.oldestFirst(AuditQuery.ALL, 5));
    assertThat(ids(first)).containsExactly("CHG-1", "CHG-2", "CHG-3", "CHG-4", "CHG-5");
    assertThat(first.next()).hasValue(6).as("seq of CHG-5, after the access record at 5");

    List<String> oldest = walk(store, PageRequest.oldestFirst(AuditQuery.ALL, 5));
    assertThat(oldest).hasSize(23).startsWith("CHG-1").endsWith("CHG-23").doesNotHaveDuplicates();
    List<String> newest = walk(store, PageRequest.newestFirst(AuditQuery.ALL, 4));
    List<String> reversed = new ArrayList<>(oldest);
    java.util.Collections.reverse(reversed);
    assertThat(newest).isEqualTo(reversed);

    PageRequest blocks =
        PageRequest.newestFirst(new AuditQuery(Verdict.BLOCK, null, null, null), 3);
    assertThat(walk(store, blocks))
        .containsExactly("CHG-21", "CHG-18", "CHG-15", "CHG-12", "CHG-9", "CHG-6", "CHG-3");
    assertThat(
            store
                .page(PageRequest.oldestFirst(new AuditQuery(Verdict.ALLOW, null, null, null), 5))
                .records())
        .isEmpty();
  }

  @Test
  void aPageEndsAtItsByteBudgetAndTheLastPageHasNoCursor() throws Exception {
    JsonlAuditStore store = store(6);
    long lineBytes = Files.readAllLines(store.file()).get(0).length();
    AuditPage p =
        store.page(
            new PageRequest(AuditQuery.ALL, PageRequest.Order.OLDEST_FIRST, 0, 100, lineBytes * 2));
    assertThat(p.records()).hasSize(2);
    assertThat(p.next()).isPresent();
    AuditPage last =
        store.page(PageRequest.oldestFirst(AuditQuery.ALL, 100).at(p.next().getAsLong()));
    assertThat(ids(last)).containsExactly("CHG-3", "CHG-4", "CHG-5", "CHG-6");
    assertThat(last.next()).isEqualTo(OptionalLong.empty());
  }

  @Test
  void backwardReadingHandlesLinesLongerThanItsBlockAndAnUnterminatedLastRecord() throws Exception {
    JsonlAuditStore store = new JsonlAuditStore(dir.resolve("audit.jsonl"));
    String big = "x".repeat(600_000);
    for (int i = 1; i <= 5; i++) {
      AuditEntry e = Records.entry("CHG-" + i);
      store.append(
          new AuditEntry(
              e.actor(),
              new AuditRecord.PlanInfo("CHG-" + i, i % 2 == 0 ? big : "small", null, null),
              e.inventorySource(),
              e.policy(),
              e.decision()));
    }
    byte[] all = Files.readAllBytes(store.file());
    Files.write(store.file(), java.util.Arrays.copyOf(all, all.length - 1));

    assertThat(walk(store, PageRequest.newestFirst(AuditQuery.ALL, 2)))
        .containsExactly("CHG-5", "CHG-4", "CHG-3", "CHG-2", "CHG-1");
    assertThat(walk(store, PageRequest.oldestFirst(AuditQuery.ALL, 2)))
        .containsExactly("CHG-1", "CHG-2", "CHG-3", "CHG-4", "CHG-5");
    assertThat(
            store
                .page(PageRequest.newestFirst(AuditQuery.ALL, 1).at(3))
                .records()
                .get(0)
                .plan()
                .title())
        .isEqualTo(big);
  }
}
