package io.vsguard.cli;

import static io.vsguard.cli.CheckCommandTest.INCIDENT_INVENTORY;
import static io.vsguard.cli.CheckCommandTest.INCIDENT_PLAN;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, smaller ones: --out was written in place, so a process stopped in the middle of the
 * write left a truncated staged plan or inventory where the previous good one was. It is now
 * written beside the target and renamed over it once complete.
 */
class AtomicOutTest {
  @TempDir Path dir;

  @Test
  void aWriteCutShortLeavesThePreviousFileWholeAndNoDebris() throws Exception {
    Path target = dir.resolve("staged.yaml");
    Files.writeString(target, "# the previous staged plan, reviewed and approved\n");
    // The process may write at most 2 KiB per file: the write of the staged plan fails in the
    // middle, as it would on a full disk (the JVM ignores SIGXFSZ, so write() fails with EFBIG).
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cmd =
        "ulimit -f 2; exec '"
            + java
            + "' -XX:-UsePerfData -cp '"
            + System.getProperty("java.class.path")
            + "' "
            + Main.class.getName()
            + " stage --plan "
            + INCIDENT_PLAN
            + " --inventory "
            + INCIDENT_INVENTORY
            + " --out '"
            + target
            + "'";
    Process p =
        new ProcessBuilder("bash", "-c", cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.txt").toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(dir.resolve("out.txt"));
    assertThat(p.exitValue()).as(out).isNotZero();
    assertThat(Files.readString(target))
        .as("the previous file, whole")
        .isEqualTo("# the previous staged plan, reviewed and approved\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
          .containsExactly("out.txt", "staged.yaml");
    }
    assertThat(out).contains(target.toString()).doesNotContain("Exception");
  }

  @Test
  void aCompleteWriteReplacesTheFile() throws Exception {
    Path target = dir.resolve("staged.yaml");
    Files.writeString(target, "old\n");
    Cli r =
        Cli.run(
            "stage",
            "--plan",
            INCIDENT_PLAN,
            "--inventory",
            INCIDENT_INVENTORY,
            "--out",
            target.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(Files.readString(target)).startsWith("apiVersion: vsguard/v1").contains("rollout:");
    try (var files = Files.list(dir)) {
      assertThat(files.toList()).isEqualTo(List.of(target));
    }
  }
}
