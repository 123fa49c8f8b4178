package io.vsguard.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.core.audit.JsonlAuditStore;
import io.vsguard.core.policy.PolicyPack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server evaluates one request per core at a time; the others wait their turn, at most the
 * server's deadline, and are then turned away with nothing evaluated. A slot is given back however
 * its work ends.
 */
class EvaluationSlotsTest {
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  @TempDir Path dir;

  private Preflight preflight(Duration deadline) {
    return new Preflight(
        PolicyPack.builtIn(),
        "built-in",
        new JsonlAuditStore(dir.resolve("audit.jsonl")),
        Clock.systemUTC(),
        Optional.empty(),
        deadline);
  }

  @Test
  void aRequestWaitsAtMostTheDeadlineWhileEveryCoreIsTaken() throws Exception {
    Preflight p = preflight(Duration.ofMillis(300));
    CountDownLatch inside = new CountDownLatch(CORES);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(CORES);
    try {
      List<Future<String>> busy = new ArrayList<>();
      for (int i = 0; i < CORES; i++) {
        busy.add(
            pool.submit(
                () ->
                    p.evaluating(
                        () -> {
                          inside.countDown();
                          await(release);
                          return "done";
                        })));
      }
      inside.await();
      long start = System.nanoTime();
      assertThatThrownBy(() -> p.evaluating(() -> "never"))
          .isInstanceOf(Preflight.Busy.class)
          .hasMessageContaining("all its " + CORES + " cores")
          .hasMessageContaining("nothing was evaluated or recorded");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(250));
      release.countDown();
      for (Future<String> f : busy) {
        assertThat(f.get()).isEqualTo("done");
      }
      assertThat(p.evaluating(() -> "next")).isEqualTo("next");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void aSlotIsGivenBackWhenTheWorkThrows() throws Exception {
    Preflight p = preflight(Duration.ofMillis(200));
    for (int i = 0; i < CORES + 2; i++) {
      assertThatThrownBy(
              () ->
                  p.evaluating(
                      () -> {
                        throw new IllegalStateException("bad body");
                      }))
          .isInstanceOf(IllegalStateException.class);
    }
    assertThat(p.evaluating(() -> "free")).isEqualTo("free");
  }

  private static void await(CountDownLatch l) {
    try {
      l.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
