package io.vsguard.vsphere.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.check.Checker;
import io.vsguard.vsphere.VsphereCapture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In guard-vsphere and guard-core, nothing outside the apply package refers to it: the capture
 * client (transport, soap, vim, collect, map) cannot write. guard-cli's ReadOnlyCommandsTest checks
 * the command line the same way.
 */
class WriteBoundaryTest {

  @Test
  void onlyTheApplyPackageRefersToItselfInGuardVsphere() {
    List<String> referencing = WriteBoundary.referencing(VsphereCapture.class);

    // the scan sees the package's own uses, so an outside use would be seen too
    assertThat(referencing)
        .contains("io/vsguard/vsphere/apply/StepExecutor", "io/vsguard/vsphere/apply/ApplyClient");
    assertThat(referencing).allSatisfy(c -> assertThat(c).startsWith("io/vsguard/vsphere/apply/"));
    assertThat(referencing).doesNotContain("io/vsguard/vsphere/VsphereCapture");
  }

  @Test
  void guardCoreDoesNotReferToIt() {
    assertThat(WriteBoundary.referencing(Checker.class)).isEmpty();
  }

  @Test
  void theAllowedPlacesAreThePackageAndTheApplyCommand() {
    assertThat(WriteBoundary.allowed("io/vsguard/vsphere/apply/VimWrites")).isTrue();
    assertThat(WriteBoundary.allowed("io/vsguard/cli/ApplyCommand")).isTrue();
    assertThat(WriteBoundary.allowed("io/vsguard/cli/ApplyCommand$Halt")).isTrue();
    assertThat(WriteBoundary.allowed("io/vsguard/cli/apply/Gates")).isTrue();
    assertThat(WriteBoundary.allowed("io/vsguard/cli/CheckCommand")).isFalse();
    assertThat(WriteBoundary.allowed("io/vsguard/cli/ApplyCommandLike")).isFalse();
    assertThat(WriteBoundary.allowed("io/vsguard/vsphere/VsphereCapture")).isFalse();
    assertThat(
            WriteBoundary.contains(
                "xx io.vsguard.vsphere.apply.ApplyClient".getBytes(StandardCharsets.UTF_8),
                WriteBoundary.NEEDLES.get(1)))
        .isTrue();
  }
}
