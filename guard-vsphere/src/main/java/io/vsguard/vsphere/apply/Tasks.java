package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.apply.VimReads.ObjSpec;
import io.vsguard.vsphere.apply.VimReads.PropSpec;
import io.vsguard.vsphere.apply.VimReads.Props;
import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlNode;
import io.vsguard.vsphere.vim.Mor;
import java.time.Duration;
import java.util.List;

/**
 * Waits for a vCenter task the way vCenter's own clients do: a property collector of its own, a
 * filter on the task's {@code info.state}, and WaitForUpdatesEx until the state is success or error
 * or the deadline passes — no polling loop, each wait bounded on the server (in whole seconds, so
 * the wait may end up to a second after the deadline). The task's error comes back as the typed
 * {@link Fault} in a {@link VimCallException}.
 */
final class Tasks {
  /** Each server-side wait stays well under the transport's read timeout. */
  static final int MAX_WAIT_SECONDS = 30;

  private final VimReads reads;
  private final Mor collector;

  Tasks(VimReads reads, Mor collector) {
    this.reads = reads;
    this.collector = collector;
  }

  /** A task that ended well. */
  record Done(Mor task, Duration took) {}

  Done await(Mor task, String label, Duration timeout) throws VsphereException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Mor own = reads.createPropertyCollector(collector);
    VsphereException failure = null;
    try {
      reads.createFilter(
          own,
          List.of(new PropSpec("Task", List.of("info.state"))),
          List.of(new ObjSpec(task, false)));
      String version = "";
      String state = "queued";
      while (!state.equals("success") && !state.equals("error")) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TaskTimeoutException(label, task, timeout, state);
        }
        int wait =
            (int) Math.min(MAX_WAIT_SECONDS, Math.max(1, (left + 999_999_999L) / 1_000_000_000L));
        VimReads.Update update = reads.waitForUpdatesEx(own, version, wait);
        if (update == null) {
          continue;
        }
        version = update.version();
        for (VimReads.Change c : update.changes()) {
          if (c.obj().equals(task) && "info.state".equals(c.name()) && c.value() != null) {
            state = c.value().text().strip();
          }
        }
      }
      if (state.equals("error")) {
        throw new VimCallException(label, task, error(task));
      }
      return new Done(task, Duration.ofNanos(System.nanoTime() - start));
    } catch (VsphereException e) {
      failure = e;
      throw e;
    } finally {
      try {
        reads.destroyPropertyCollector(own);
      } catch (VsphereException e) {
        // the collector dies with the session anyway; the wait's own outcome is what matters
        if (failure != null) {
          failure.addSuppressed(e);
        }
      }
    }
  }

  /** The task's info.error, read once it ended in error. */
  private Fault error(Mor task) throws VsphereException {
    List<Props> info =
        reads.retrieve(
            collector,
            List.of(new PropSpec("Task", List.of("info.error"))),
            List.of(new ObjSpec(task, false)),
            1);
    XmlNode error = info.isEmpty() ? null : info.get(0).values().get("info.error");
    if (error == null) {
      throw new MalformedResponseException(
          "task " + Text.visible(task.value()) + " ended in error without info.error");
    }
    return Fault.ofLocalized(error);
  }
}
