package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.vsphere.vcsim.Vcsim;
import io.vsguard.vsphere.vcsim.VcsimControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vsguard's commands that talk to vCenter only read it: the simulated vCenter can now be written to
 * and logs every method it serves, and after check, stage and inventory export with --vcenter that
 * log holds no write.
 */
class VcsimReadOnlyCommandTest {
  static Vcsim vcsim;
  @TempDir static Path dir;
  static Path creds;

  @BeforeAll
  static void start() throws Exception {
    vcsim = Vcsim.start(Path.of(CheckCommandTest.INCIDENT_INVENTORY));
    creds = dir.resolve("vc.credentials");
    Files.writeString(creds, "user=vsguard-ro@vsphere.local\npassword=Ro-Pa55word\n");
    Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rw-------"));
  }

  @AfterAll
  static void stop() {
    if (vcsim != null) {
      vcsim.close();
    }
  }

  /** Runs a command against the simulator and answers the methods it made the simulator serve. */
  static List<VcsimControl.Call> served(String... args) {
    long before = vcsim.control().lastCall();
    Cli r = Cli.run(args);
    assertThat(r.exit()).as(r.err()).isIn(ExitCodes.ALLOW, ExitCodes.BLOCK);
    List<VcsimControl.Call> calls = vcsim.control().callsSince(before);
    assertThat(calls)
        .as("the command reached the simulator")
        .extracting(VcsimControl.Call::method)
        .contains("Login", "RetrievePropertiesEx");
    return calls;
  }

  static String[] vcenter(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--vcenter",
            vcsim.url().toString(),
            "--thumbprint",
            vcsim.thumbprint(),
            "--credentials",
            creds.toString()));
    return all.toArray(String[]::new);
  }

  @Test
  void checkOnlyReads() {
    assertThat(
            served(
                vcenter(
                    "check",
                    "--plan",
                    CheckCommandTest.INCIDENT_PLAN,
                    "--output",
                    "json",
                    "--audit-log",
                    dir.resolve("audit.jsonl").toString())))
        .noneMatch(VcsimControl.Call::write);
  }

  @Test
  void stageOnlyReads() {
    assertThat(
            served(
                vcenter(
                    "stage",
                    "--plan",
                    CheckCommandTest.INCIDENT_PLAN,
                    "--out",
                    dir.resolve("staged.yaml").toString())))
        .noneMatch(VcsimControl.Call::write);
    assertThat(dir.resolve("staged.yaml")).isNotEmptyFile();
  }

  @Test
  void inventoryExportOnlyReads() {
    assertThat(
            served(
                vcenter("inventory", "export", "--out", dir.resolve("exported.json").toString())))
        .noneMatch(VcsimControl.Call::write);
  }
}
