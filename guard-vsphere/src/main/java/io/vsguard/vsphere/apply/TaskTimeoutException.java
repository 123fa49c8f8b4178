package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.vim.Mor;
import java.time.Duration;

/**
 * A task did not end within the wait allowed for it. vsguard stops waiting but does not cancel the
 * task (cancelling is a write of its own): it may still complete, so what the host looks like is
 * unknown until someone reads it.
 */
public final class TaskTimeoutException extends VsphereException {
  private final Mor task;
  private final String lastState;

  TaskTimeoutException(String call, Mor task, Duration waited, String lastState) {
    super(
        call
            + " ("
            + Text.visible(task.value())
            + ") still "
            + Text.visible(lastState)
            + " after "
            + seconds(waited)
            + "; vsguard stopped waiting and did not cancel it: check the task in the vSphere Client"
            + " (Recent Tasks) and the host's state before going on");
    this.task = task;
    this.lastState = lastState;
  }

  public Mor task() {
    return task;
  }

  /** queued or running, as last reported. */
  public String lastState() {
    return lastState;
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0
        ? ms / 1000 + " s"
        : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
