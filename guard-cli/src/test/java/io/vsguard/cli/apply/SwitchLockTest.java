package io.vsguard.cli.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One apply per switch: a second is refused with the owner's name; a dead owner's lock is taken
 * over.
 */
class SwitchLockTest {
  static final String VC = "https://vc01.example/sdk";

  @TempDir Path dir;

  @Test
  void aSecondApplyOnTheSameSwitchIsRefusedWithTheOwnersName() throws Exception {
    try (SwitchLock first =
        SwitchLock.acquire(dir, VC, List.of("DVS-Prod-v6", "DVS-LACP-Prod"), "apply-1", n -> {})) {
      assertThatThrownBy(
              () -> SwitchLock.acquire(dir, VC, List.of("DVS-LACP-Prod"), "apply-2", n -> {}))
          .isInstanceOf(SwitchLock.Busy.class)
          .hasMessageContaining("another apply holds DVS-LACP-Prod on " + VC)
          .hasMessageContaining("apply apply-1")
          .hasMessageContaining("process " + ProcessHandle.current().pid());
      // another switch, or the same switch on another vCenter, is free
      SwitchLock.acquire(dir, VC, List.of("DVS-Storage"), "apply-3", n -> {}).close();
      SwitchLock.acquire(
              dir, "https://vc02.example/sdk", List.of("DVS-LACP-Prod"), "apply-4", n -> {})
          .close();
    }
    // released on close
    SwitchLock.acquire(dir, VC, List.of("DVS-LACP-Prod"), "apply-5", n -> {}).close();
    try (var files = Files.list(dir)) {
      assertThat(files.filter(f -> f.toString().endsWith(".lock"))).isEmpty();
    }
  }

  @Test
  void aLockLeftByAProcessOfThisMachineThatIsGoneIsTakenOverAndSaidSo() throws Exception {
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    try (SwitchLock held =
        SwitchLock.acquire(dir, VC, List.of("DVS-Prod-v6"), "apply-old", n -> {})) {
      Path file;
      try (var files = Files.list(dir)) {
        file = files.filter(f -> f.toString().endsWith(".lock")).findFirst().orElseThrow();
      }
      Files.writeString(file, Files.readString(file).replaceFirst("pid=\\d+", "pid=" + dead.pid()));
      List<String> notices = new ArrayList<>();
      SwitchLock.acquire(dir, VC, List.of("DVS-Prod-v6"), "apply-new", notices::add).close();
      assertThat(notices)
          .singleElement()
          .asString()
          .contains("taking over the lock on DVS-Prod-v6")
          .contains("apply-old");
    }
  }
}
