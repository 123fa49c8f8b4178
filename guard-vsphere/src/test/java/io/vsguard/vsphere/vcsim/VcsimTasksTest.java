package io.vsguard.vsphere.vcsim;

import static io.vsguard.vsphere.vcsim.RawSoap.childText;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The harness's tasks run like vCenter's: queued, then running, then success or error, each state
 * visible to the property collector and reported by WaitForUpdatesEx; their times are configurable
 * and can be slowed through the control endpoint; a task can be made to fail.
 */
class VcsimTasksTest {

  static Vcsim vcsim;
  static VimSession vim;

  @BeforeAll
  static void start() {
    vcsim = Vcsim.start(VcsimIncidentTest.INVENTORY, VcsimIncidentTest.FAST);
    vim = VimSession.open(vcsim);
  }

  @AfterAll
  static void stop() {
    if (vcsim != null) {
      vcsim.control().taskTimes(Duration.ofMillis(10), Duration.ofMillis(30));
      vcsim.close();
    }
  }

  @Test
  void waitForUpdatesExReportsQueuedRunningAndSuccess() {
    // a second per state: the first update (queued) comes long before the task runs
    vcsim.control().taskTimes(Duration.ofMillis(1000), Duration.ofMillis(1000));
    try {
      String task = vim.enterMaintenanceMode("esx-par-01", 0);
      assertThat(vim.watch(task)).containsExactly("queued", "running", "success");

      Element info = vim.property("Task", task, "info");
      assertThat(childText(info, "name")).isEqualTo("EnterMaintenanceMode_Task");
      assertThat(childText(info, "descriptionId")).isEqualTo("HostSystem.enterMaintenanceMode");
      assertThat(childText(info, "entityName")).isEqualTo("esx-par-01");
      assertThat(childText(info, "entity")).isEqualTo(vim.hostId("esx-par-01"));
      assertThat(childText(info, "progress")).isEqualTo("100");
      assertThat(childText(info, "queueTime")).isNotBlank();
      assertThat(childText(info, "startTime")).isNotBlank();
      assertThat(childText(info, "completeTime")).isNotBlank();
    } finally {
      vcsim.control().taskTimes(Duration.ofMillis(10), Duration.ofMillis(30));
    }
    assertThat(vim.await(vim.exitMaintenanceMode("esx-par-01")).succeeded()).isTrue();
  }

  @Test
  void aFailedTaskEndsInErrorWithItsFault() {
    vcsim.control().taskTimes(Duration.ofMillis(1000), Duration.ofMillis(1000));
    try {
      vcsim.control().failNextTask("esx-par-02", "Timedout");
      String task = vim.enterMaintenanceMode("esx-par-02", 0);
      assertThat(vim.watch(task)).containsExactly("queued", "running", "error");
      VimSession.TaskResult result = vim.await(task);
      assertThat(result.fault()).isEqualTo("Timedout");
      assertThat(result.message()).contains("esx-par-02");
    } finally {
      vcsim.control().taskTimes(Duration.ofMillis(10), Duration.ofMillis(30));
    }
    assertThat(vim.inMaintenanceMode("esx-par-02")).isFalse();
    // armed for one task only
    assertThat(vim.await(vim.enterMaintenanceMode("esx-par-02", 0)).succeeded()).isTrue();
  }

  @Test
  void slowedTasksStayQueuedThenRunThenEnd() throws Exception {
    vcsim.control().taskTimes(Duration.ofMillis(1500), Duration.ofMillis(3000));
    try {
      long start = System.nanoTime();
      String task = vim.enterMaintenanceMode("esx-par-03", 0);
      assertThat(vim.taskState(task)).isEqualTo("queued");
      assertThat(vim.inMaintenanceMode("esx-par-03")).isFalse();
      // running from 1.5 s to 4.5 s after the call
      Thread.sleep(Math.max(0, 2500 - Duration.ofNanos(System.nanoTime() - start).toMillis()));
      assertThat(vim.taskState(task)).isEqualTo("running");
      assertThat(vim.inMaintenanceMode("esx-par-03"))
          .as("the work is done when the task ends")
          .isFalse();
      assertThat(vim.await(task).succeeded()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(4500));
      assertThat(vim.inMaintenanceMode("esx-par-03")).isTrue();
    } finally {
      vcsim.control().taskTimes(Duration.ofMillis(10), Duration.ofMillis(30));
    }
  }
}
