package io.vsguard.cli;

import io.vsguard.core.check.Checker;
import io.vsguard.core.policy.PolicyPack;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The second core a one-shot command (check, stage) may use: one daemon thread, started on first
 * use, that overlaps independent work (a plan's evaluation with its staging, the report with the
 * audit append). On a one-core machine there is none, and everything runs in order on the calling
 * thread. The server does not use it: its concurrent requests keep every core busy.
 */
final class SecondCore {
  private static final boolean AVAILABLE = Runtime.getRuntime().availableProcessors() > 1;

  private SecondCore() {}

  /** The policy's checker, with the second core when there is one. */
  static Checker checker(PolicyPack pack) {
    Checker c = Checker.of(pack);
    return AVAILABLE ? c.withHelper(Holder.EXECUTOR) : c;
  }

  /**
   * A computation started on the second core, or run now when there is none; {@link Started#get()}
   * gives its value or rethrows what it threw.
   */
  static <T> Started<T> start(Callable<T> work) {
    if (!AVAILABLE) {
      return new Started<>(null, work);
    }
    return new Started<>(Holder.EXECUTOR.submit(work), work);
  }

  /** A value being computed on the second core (or, without one, when asked for). */
  static final class Started<T> {
    private final Future<T> future;
    private final Callable<T> work;

    private Started(Future<T> future, Callable<T> work) {
      this.future = future;
      this.work = work;
    }

    T get() {
      try {
        if (future == null) {
          return work.call();
        }
        return future.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  // The thread starts on first use only: --help and --version never pay for it.
  private static final class Holder {
    static final ExecutorService EXECUTOR =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "vsguard-second-core");
              t.setDaemon(true);
              return t;
            });
  }
}
