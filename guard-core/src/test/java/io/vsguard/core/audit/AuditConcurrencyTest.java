package io.vsguard.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads of this JVM and separate writer processes append to one log at the same time: no record
 * may be lost or torn and the chain must hold. The elapsed time is printed, never asserted.
 */
class AuditConcurrencyTest {
  static final int THREADS = 6;
  static final int PROCESSES = 3;
  static final int PER_WRITER = 30;

  @Test
  void threadsAndProcessesAppendingTogetherLoseNothing(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("audit.jsonl");
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    long started = System.nanoTime();

    List<Process> processes = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      processes.add(Writers.start(log, PER_WRITER, "proc" + p));
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String tag = "thread" + t;
      // a store per thread and one shared store both have to work: the lock is per file, not per
      // object
      JsonlAuditStore store = new JsonlAuditStore(log);
      threads.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < PER_WRITER; i++) {
                  acknowledged.add(store.append(Records.entry(tag + "-" + i)).id());
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : threads) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    for (Process p : processes) {
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(acknowledged::add);
      }
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    }
    long ms = (System.nanoTime() - started) / 1_000_000;

    int total = (THREADS + PROCESSES) * PER_WRITER;
    JsonlAuditStore store = new JsonlAuditStore(log);
    assertThat(store.verify())
        .isInstanceOfSatisfying(
            Verification.Intact.class, v -> assertThat(v.records()).isEqualTo(total));
    List<AuditRecord> records = store.list(AuditQuery.ALL);
    Set<String> ids = new HashSet<>();
    records.forEach(r -> ids.add(r.id()));
    assertThat(ids).hasSize(total).containsExactlyInAnyOrderElementsOf(acknowledged);
    Set<String> plans = new HashSet<>();
    records.forEach(r -> plans.add(r.plan().id()));
    assertThat(plans).hasSize(total);
    System.out.printf(
        "audit concurrency: %d appends (%d threads + %d processes, fsync each) in %d ms = %.0f/s%n",
        total, THREADS, PROCESSES, ms, total * 1000.0 / ms);
  }

  @Test
  void singleWriterThroughput(@TempDir Path dir) throws Exception {
    JsonlAuditStore store = new JsonlAuditStore(dir.resolve("audit.jsonl"));
    int n = 200;
    long started = System.nanoTime();
    for (int i = 0; i < n; i++) {
      store.append(Records.entry("CHG-" + i));
    }
    long ms = Math.max(1, (System.nanoTime() - started) / 1_000_000);
    Chains.assertIntact(store.verify(), n, store.list(AuditQuery.ALL).get(n - 1).sha256());
    System.out.printf(
        "audit throughput: %d sequential appends (fsync each) in %d ms = %.0f/s%n",
        n, ms, n * 1000.0 / ms);
  }
}
