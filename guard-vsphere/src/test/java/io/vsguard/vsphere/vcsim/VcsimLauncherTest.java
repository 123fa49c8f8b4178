package io.vsguard.vsphere.vcsim;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without the harness and without Go, vSphere tests fail loudly instead of being skipped. */
class VcsimLauncherTest {

  @Test
  void aMissingBinaryWithoutGoIsAClearFailure(@TempDir Path checkout) {
    assertThatThrownBy(() -> Vcsim.ensureBinary(checkout, false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("vcsim harness binary missing")
        .hasMessageContaining("guard-vsphere/target/vcsim/vsguard-vcsim")
        .hasMessageContaining(".ci/vcsim-setup.sh");
  }

  @Test
  void aMissingFixtureIsAClearFailure(@TempDir Path dir) {
    assertThatThrownBy(() -> Vcsim.start(dir.resolve("absent.json")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("inventory fixture not found");
  }
}
