package io.vsguard.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, case 5: the web view re-verified the whole log on every page (1 to 4.8 s at 44 MB). The
 * monitor walks only what was appended since its last look.
 */
class ChainMonitorTest {
  @TempDir Path dir;

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-24T10:00:00Z"));
  final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  private JsonlAuditStore store(AuditSigner key, int n) throws Exception {
    JsonlAuditStore store = new JsonlAuditStore(dir.resolve("audit.jsonl"), Clock.systemUTC(), key);
    for (int i = 1; i <= n; i++) {
      store.append(Records.entry("CHG-" + i));
    }
    return store;
  }

  @Test
  void aLookWalksOnlyWhatWasAppendedSinceTheLastOne() throws Exception {
    JsonlAuditStore store = store(null, 40);
    ChainMonitor monitor =
        new ChainMonitor(store, VerifyOptions.NONE, clock, Duration.ofMinutes(10));
    long size = Files.size(store.file());
    assertThat(monitor.current().records()).isEqualTo(40);
    assertThat(monitor.bytesWalked()).isEqualTo(size);

    store.append(Records.entry("CHG-41"));
    long line = Files.size(store.file()) - size;
    Verification v = monitor.current();
    assertThat(v).isInstanceOf(Verification.Intact.class);
    assertThat(v.records()).isEqualTo(41);
    assertThat(monitor.bytesWalked()).as("one record, not the log").isEqualTo(line);
    monitor.current();
    assertThat(monitor.bytesWalked()).isZero();
  }

  @Test
  void anEditToTheLastVerifiedRecordShowsAtOnceAnEarlierOneAtTheNextFullWalk() throws Exception {
    JsonlAuditStore store = store(null, 10);
    ChainMonitor monitor =
        new ChainMonitor(store, VerifyOptions.NONE, clock, Duration.ofMinutes(10));
    assertThat(monitor.current()).isInstanceOf(Verification.Intact.class);

    List<String> lines = Files.readAllLines(store.file());
    lines.set(2, lines.get(2).replace("CHG-3", "CHG-X"));
    Files.write(store.file(), lines);
    assertThat(monitor.current()).as("between full walks").isInstanceOf(Verification.Intact.class);
    now.set(now.get().plus(Duration.ofMinutes(10)));
    assertThat(monitor.current())
        .isInstanceOfSatisfying(Verification.Broken.class, b -> assertThat(b.line()).isEqualTo(3));

    lines = Files.readAllLines(store.file());
    lines.set(2, lines.get(2).replace("CHG-X", "CHG-3"));
    Files.write(store.file(), lines);
    now.set(now.get().plus(Duration.ofMinutes(10)));
    assertThat(monitor.current()).isInstanceOf(Verification.Intact.class);
    lines.set(9, lines.get(9).replace("CHG-10", "CHG-Y"));
    Files.write(store.file(), lines);
    assertThat(monitor.current())
        .as("the last verified record changed")
        .isInstanceOf(Verification.Broken.class);
  }

  @Test
  void withTheKeyAForgedAppendShowsAtTheNextLook() throws Exception {
    AuditSigner key = AuditSigner.generate();
    JsonlAuditStore store = store(key, 5);
    ChainMonitor monitor =
        new ChainMonitor(
            store,
            new VerifyOptions(List.of(key.publicKey()), null, false),
            clock,
            Duration.ofMinutes(10));
    assertThat(monitor.current()).isInstanceOf(Verification.Intact.class);
    store.append(Records.entry("CHG-6"));
    assertThat(monitor.current()).isInstanceOf(Verification.Intact.class);

    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(store.file()));
    String last = lines.get(5);
    lines.add(
        ForgeryTest.withSignatureOf(
            ForgeryTest.forge(last, 7, SealedLine.parse(last).sha256(), "f-7", null), last));
    Files.write(store.file(), lines);
    assertThat(monitor.current())
        .isInstanceOfSatisfying(Verification.Broken.class, b -> assertThat(b.line()).isEqualTo(7));
  }

  /**
   * Records cut from the end leave a shorter chain that is intact on its own, signatures and all.
   * The server had verified the record that is gone, so it says so, and keeps saying so.
   */
  @Test
  void recordsCutFromTheEndWhileItWatchesStayBroken() throws Exception {
    AuditSigner key = AuditSigner.generate();
    JsonlAuditStore store = store(key, 6);
    ChainMonitor monitor =
        new ChainMonitor(
            store,
            new VerifyOptions(List.of(key.publicKey()), null, false),
            clock,
            Duration.ofMinutes(10));
    assertThat(monitor.current()).isInstanceOf(Verification.Intact.class);
    String whole = Files.readString(store.file());
    String head = SealedLine.parse(Files.readAllLines(store.file()).get(5)).sha256();

    List<String> lines = Files.readAllLines(store.file());
    Files.write(store.file(), lines.subList(0, 4));
    assertThat(store.verify())
        .as("on its own, the shorter log verifies")
        .isInstanceOf(Verification.Intact.class);
    assertThat(monitor.current())
        .isInstanceOfSatisfying(
            Verification.Broken.class,
            b -> assertThat(b.reason()).contains(head, "removed from its end"));

    store.append(Records.entry("CHG-5b"));
    now.set(now.get().plus(Duration.ofMinutes(30)));
    assertThat(monitor.current())
        .as("new records and full walks do not make it go away")
        .isInstanceOf(Verification.Broken.class);

    Files.writeString(store.file(), whole);
    assertThat(monitor.current()).as("the log put back").isInstanceOf(Verification.Intact.class);
  }
}
