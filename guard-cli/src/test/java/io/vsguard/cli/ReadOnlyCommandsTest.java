package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.vsphere.VsphereCapture;
import io.vsguard.vsphere.apply.WriteBoundary;
import org.junit.jupiter.api.Test;

/**
 * Writes to vCenter belong to {@code vsguard apply} alone: no class of the command line but the
 * apply command (io.vsguard.cli.ApplyCommand, io.vsguard.cli.apply) refers to guard-vsphere's write
 * package, so check, stage, inventory export and serve cannot write whatever their options.
 * VcsimReadOnlyCommandTest shows the same from the simulated vCenter's call log.
 */
class ReadOnlyCommandsTest {

  @Test
  void noCommandButApplyReachesTheWritePackage() {
    // the scan finds the write package's own classes in guard-vsphere, so it would find a use here
    assertThat(WriteBoundary.referencing(VsphereCapture.class)).isNotEmpty();

    assertThat(WriteBoundary.referencing(Main.class))
        .allSatisfy(
            c ->
                assertThat(WriteBoundary.allowed(c))
                    .as(c + " refers to io.vsguard.vsphere.apply")
                    .isTrue());
    assertThat(WriteBoundary.referencing(Main.class))
        .doesNotContain(
            "io/vsguard/cli/CheckCommand",
            "io/vsguard/cli/StageCommand",
            "io/vsguard/cli/InventoryCommand",
            "io/vsguard/cli/ServeCommand");
  }
}
