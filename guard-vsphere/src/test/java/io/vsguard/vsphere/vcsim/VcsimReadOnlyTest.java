package io.vsguard.vsphere.vcsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.vsphere.VsphereCapture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The capture client stays read-only now that the simulated vCenter can be written to: the harness
 * logs every method it serves, and a capture leaves only reads in that log. The log does see
 * writes, so the assertion can fail.
 */
class VcsimReadOnlyTest {

  /** What a capture may call; anything else would be news worth a look. */
  static final List<String> CAPTURE_METHODS =
      List.of(
          "RetrieveServiceContent",
          "Login",
          "CreateContainerView",
          "RetrievePropertiesEx",
          "ContinueRetrievePropertiesEx",
          "DestroyView",
          "Logout");

  @Test
  void aCaptureOnlyReads() throws Exception {
    try (Vcsim vcsim =
            Vcsim.start(VcsimIncidentTest.INVENTORY, Vcsim.Options.defaults().withPageSize(50));
        VsphereCapture capture = VcsimRoundTripTest.pinned(vcsim)) {
      VcsimControl control = vcsim.control();
      long before = control.lastCall();

      Captured.by(capture);

      List<VcsimControl.Call> calls = control.callsSince(before);
      assertThat(calls)
          .extracting(VcsimControl.Call::method)
          .contains("Login", "RetrievePropertiesEx", "ContinueRetrievePropertiesEx")
          .allSatisfy(m -> assertThat(CAPTURE_METHODS).contains(m));
      assertThat(calls).noneMatch(VcsimControl.Call::write);

      // the same log records a write as one
      long mark = control.lastCall();
      VimSession vim = VimSession.open(vcsim);
      vim.addVirtualSwitch("esx-par-01", "vSwitch-w", List.of());
      assertThat(control.callsSince(mark))
          .filteredOn(VcsimControl.Call::write)
          .extracting(VcsimControl.Call::method, VcsimControl.Call::target)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "AddVirtualSwitch", "HostNetworkSystem:" + vim.networkSystem("esx-par-01")));
    }
  }
}
