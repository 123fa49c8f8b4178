package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.plan.Step;
import io.vsguard.core.text.Json;
import io.vsguard.vsphere.Credentials;
import io.vsguard.vsphere.Secret;
import io.vsguard.vsphere.VcenterTarget;
import io.vsguard.vsphere.apply.ApplyClient;
import io.vsguard.vsphere.apply.Cancellation;
import io.vsguard.vsphere.apply.StepExecutor;
import io.vsguard.vsphere.apply.StepPlanner;
import io.vsguard.vsphere.apply.StepResult;
import io.vsguard.vsphere.transport.Thumbprints;
import io.vsguard.vsphere.transport.Timeouts;
import io.vsguard.vsphere.transport.TlsPolicy;
import io.vsguard.vsphere.vcsim.Vcsim;
import io.vsguard.vsphere.vcsim.VcsimControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vsguard apply} end to end against the simulated vCenter (vcsim over TLS, the incident's
 * inventory, fast tasks): the staged incident plan carried out whole; a host dropped at a gate,
 * then resumed; drift between the check and a wave; a BLOCK plan refused; a dry run that only
 * reads; a task failing mid-host with the host's way back. Each test has its own simulator, since
 * apply changes it. The harness missing is a failure (Vcsim throws), never a skip.
 */
class ApplyCommandTest {
  static final String STAGED = "../examples/incident/staged-plan.yaml";
  static final String PASSWORD = "Apply-Pa55word-never-printed";
  static final Vcsim.Options FAST =
      Vcsim.Options.defaults().withTaskTimes(Duration.ofMillis(10), Duration.ofMillis(30));

  @TempDir Path dir;

  Path credentials() throws Exception {
    Path file = dir.resolve("vc.credentials");
    if (!Files.exists(file)) {
      Files.writeString(file, "user=vsguard-apply@vsphere.local\npassword=" + PASSWORD + "\n");
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
    return file;
  }

  Path audit() {
    return dir.resolve("audit.jsonl");
  }

  Cli apply(Vcsim vcsim, String plan, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "apply",
                "--plan",
                plan,
                "--vcenter",
                vcsim.url().toString(),
                "--thumbprint",
                vcsim.thumbprint(),
                "--credentials",
                credentials().toString(),
                "--audit-log",
                audit().toString(),
                "--accept-warn"));
    args.addAll(List.of(extra));
    Cli r = Cli.run(args.toArray(String[]::new));
    assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
    return r;
  }

  /** apply of the staged plan on another thread, so the test can act on the simulator meanwhile. */
  CompletableFuture<Cli> inBackground(Vcsim vcsim, String... extra) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return apply(vcsim, STAGED, extra);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** The apply records of the audit log, in order. */
  List<JsonNode> timeline() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(audit())) {
      return out;
    }
    try (Stream<String> lines = Files.lines(audit())) {
      for (String line : lines.toList()) {
        JsonNode r = Json.json().readTree(line);
        if (r.hasNonNull("apply")) {
          out.add(r.get("apply"));
        }
      }
    }
    return out;
  }

  /** Waits (bounded) until the timeline holds a record matching {@code what}. */
  void awaitRecord(Predicate<JsonNode> what, CompletableFuture<Cli> run) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < end) {
      if (timeline().stream().anyMatch(what)) {
        return;
      }
      if (run.isDone()) {
        throw new AssertionError(
            "apply ended before the record was written: " + run.get().out() + run.get().err());
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no such apply record within 120 s");
  }

  static Predicate<JsonNode> event(String event, String host) {
    return a ->
        a.get("event").asText().equals(event)
            && (host == null || host.equals(a.path("host").asText()));
  }

  static List<VcsimControl.Call> writesSince(Vcsim vcsim, long seq) {
    return vcsim.control().callsSince(seq).stream().filter(VcsimControl.Call::write).toList();
  }

  static ApplyClient client(Vcsim vcsim) throws Exception {
    return ApplyClient.open(
        new VcenterTarget(
            vcsim.url(),
            new TlsPolicy.Pinned(Thumbprints.parse(vcsim.thumbprint())),
            Timeouts.DEFAULTS),
        new Credentials("administrator@vsphere.local", new Secret("Adm1n-Pa55")));
  }

  static StepResult write(Vcsim vcsim, String host, Step step) throws Exception {
    try (ApplyClient c = client(vcsim)) {
      return new StepExecutor(
              c,
              new StepPlanner(StepPlanner.Options.DEFAULTS),
              StepExecutor.Options.DEFAULTS,
              new Cancellation())
          .run(host, step);
    }
  }

  @Test
  void theStagedIncidentPlanCompletesWithEveryHostOnTheTargetSwitchAndTheVcenterHostLast()
      throws Exception {
    try (Vcsim vcsim = Vcsim.start(Path.of(CheckCommandTest.INCIDENT_INVENTORY), FAST)) {
      Cli r = apply(vcsim, STAGED, "--execute", "--gate-soak", "0s");

      assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.ALLOW);
      assertThat(r.out()).contains("completed, 12 waves, 12 hosts, every host as predicted");
      // where the run is, on stderr, as it goes: the vCenter's host is the last one done
      assertThat(r.err())
          .contains("vsguard apply: canary: wave-started (esx-par-12)")
          .contains("vsguard apply: canary, esx-par-12: host-done");
      assertThat(
              r.err()
                  .lines()
                  .filter(l -> l.contains(": host-done"))
                  .reduce((a, b) -> b)
                  .orElseThrow())
          .contains("esx-par-07");
      assertThat(vcsim.control().hosts())
          .hasSize(12)
          .allSatisfy(
              h -> {
                assertThat(h.crashed()).as(h.name()).isFalse();
                assertThat(h.connectionState()).isEqualTo("connected");
                assertThat(h.inMaintenanceMode()).isFalse();
              });
      Cli export =
          Cli.run(
              "inventory",
              "export",
              "--vcenter",
              vcsim.url().toString(),
              "--thumbprint",
              vcsim.thumbprint(),
              "--credentials",
              credentials().toString(),
              "--out",
              dir.resolve("after.json").toString());
      assertThat(export.exit()).as(export.err()).isZero();
      JsonNode after = Json.json().readTree(dir.resolve("after.json").toFile());
      for (JsonNode s : after.get("distributedSwitches")) {
        if (s.get("name").asText().equals("DVS-LACP-Prod")) {
          assertThat(s.get("members")).isEmpty();
        }
        if (s.get("name").asText().equals("DVS-Prod-v6")) {
          assertThat(s.get("members"))
              .hasSize(12)
              .allSatisfy(
                  m ->
                      assertThat(m.get("pnics").toString())
                          .contains("vmnic2", "uplink3", "vmnic3", "uplink4"));
        }
      }
      for (JsonNode h : after.get("hosts")) {
        assertThat(h.get("standardSwitches")).isEmpty();
        assertThat(h.get("vmkernels").get(0).get("switch").asText()).isEqualTo("DVS-Prod-v6");
      }

      List<JsonNode> timeline = timeline();
      assertThat(timeline.get(0).get("event").asText()).isEqualTo("apply-started");
      assertThat(timeline.get(timeline.size() - 1).get("event").asText()).isEqualTo("completed");
      List<String> hostsDone =
          timeline.stream()
              .filter(event("host-done", null))
              .map(a -> a.get("host").asText())
              .toList();
      assertThat(hostsDone)
          .hasSize(12)
          .last()
          .isEqualTo("esx-par-07"); // the vCenter's host, in the inventory
      assertThat(timeline.stream().filter(event("gate-passed", null))).hasSize(12);
      assertThat(timeline.stream().filter(event("step-done", null))).hasSize(12 * 14);
      String decision = timeline.get(0).get("decisionId").asText();
      assertThat(timeline)
          .allSatisfy(
              a -> {
                assertThat(a.get("decisionId").asText()).isEqualTo(decision);
                assertThat(a.get("planSha256").asText()).hasSize(64);
                assertThat(a.get("inventorySha256").asText()).hasSize(64);
              });
      Cli show = Cli.run("audit", "show", decision, "--audit-log", audit().toString());
      assertThat(show.exit()).as(show.err()).isZero();
      assertThat(show.out())
          .contains("Applied (" + timeline.size() + " apply records)")
          .contains(" host-done canary esx-par-12: 14 steps, state as predicted")
          .contains(" completed: 12 waves, 12 hosts");
      Cli verify = Cli.run("audit", "verify", "--audit-log", audit().toString());
      assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
      assertThat(verify.out()).contains("intact");
    }
  }

  @Test
  void aHostDroppedAfterWave2HaltsAtTheGateLeavesLaterWavesUntouchedAndResumeCompletes()
      throws Exception {
    try (Vcsim vcsim = Vcsim.start(Path.of(CheckCommandTest.INCIDENT_INVENTORY), FAST)) {
      CompletableFuture<Cli> run = inBackground(vcsim, "--execute", "--gate-soak", "2s");
      // wave-2 is esx-par-01: its host-done record is written before its gate's soak starts
      awaitRecord(event("host-done", "esx-par-01"), run);
      vcsim.control().dropHost("esx-par-01", "notResponding", 0);
      long dropped = vcsim.control().lastCall();
      Cli r = run.get(5, TimeUnit.MINUTES);

      assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.HALTED);
      assertThat(r.out())
          .contains("HALTED at wave-2, gate, host-connected on esx-par-01")
          .contains("the host is notResponding")
          .contains("way back for esx-par-01")
          .contains(
              " --audit-log "
                  + audit()
                  + " --execute --resume, with this run's certificate and credentials");
      assertThat(writesSince(vcsim, dropped))
          .as("nothing is written once the host dropped")
          .isEmpty();
      assertThat(
              timeline().stream().filter(event("host-done", null)).map(a -> a.get("host").asText()))
          .containsExactly("esx-par-12", "esx-par-01");

      vcsim.control().resetHost("esx-par-01");
      Cli resumed = apply(vcsim, STAGED, "--execute", "--gate-soak", "0s", "--resume");

      assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isEqualTo(ExitCodes.ALLOW);
      assertThat(resumed.out()).contains("completed, 12 waves, 12 hosts");
      assertThat(vcsim.control().hosts()).noneMatch(VcsimControl.HostState::crashed);
      List<JsonNode> timeline = timeline();
      assertThat(timeline.stream().map(a -> a.get("event").asText()))
          .contains("halted", "resumed", "completed");
      assertThat(timeline.stream().map(a -> a.get("applyId").asText()).distinct()).hasSize(1);
      assertThat(
              timeline.stream().filter(event("host-done", null)).map(a -> a.get("host").asText()))
          .hasSize(12)
          .doesNotHaveDuplicates();
      assertThat(Cli.run("audit", "verify", "--audit-log", audit().toString()).exit()).isZero();
      Cli again = apply(vcsim, STAGED, "--execute", "--gate-soak", "0s", "--resume");
      assertThat(again.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(again.err()).contains("has completed");
    }
  }

  @Test
  void driftInjectedBetweenTheCheckAndAWaveHaltsBeforeAnyWriteToThatHost() throws Exception {
    try (Vcsim vcsim = Vcsim.start(Path.of(CheckCommandTest.INCIDENT_INVENTORY), FAST)) {
      CompletableFuture<Cli> run = inBackground(vcsim, "--execute", "--gate-soak", "2s");
      awaitRecord(event("host-done", "esx-par-12"), run);
      // someone puts wave-2's host into maintenance mode by hand while the canary soaks
      assertThat(write(vcsim, "esx-par-01", new Step.EnterMaintenance()))
          .isInstanceOf(StepResult.Done.class);
      long drifted = vcsim.control().lastCall();
      Cli r = run.get(5, TimeUnit.MINUTES);

      assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.HALTED);
      assertThat(r.out())
          .contains("HALTED at wave-2, esx-par-01, before its first write")
          .contains("maintenance mode: expected not in, vCenter reports in")
          .contains("nothing: no step of this run was carried out on it");
      assertThat(writesSince(vcsim, drifted)).isEmpty();
    }
  }

  @Test
  void aBlockPlanIsRefusedAndNothingIsWritten() throws Exception {
    try (Vcsim vcsim = Vcsim.start(Path.of(CheckCommandTest.INCIDENT_INVENTORY), FAST)) {
      long before = vcsim.control().lastCall();
      Cli r = apply(vcsim, CheckCommandTest.INCIDENT_PLAN, "--execute");

      assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.BLOCK);
      assertThat(r.out()).contains("BLOCK").contains("lacp-direct-migration");
      assertThat(r.err()).contains("refused: the check on the live inventory is BLOCK");
      assertThat(writesSince(vcsim, before)).isEmpty();
      assertThat(timeline()).isEmpty();
    }
  }

  @Test
  void withoutExecuteOnlyReadsAndPrintsTheCallsAndThePredictedState() throws Exception {
    try (Vcsim vcsim = Vcsim.start(Path.of(CheckCommandTest.INCIDENT_INVENTORY), FAST)) {
      long before = vcsim.control().lastCall();
      Cli r = apply(vcsim, STAGED);

      assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.ALLOW);
      assertThat(vcsim.control().callsSince(before)).isNotEmpty();
      assertThat(writesSince(vcsim, before)).isEmpty();
      assertThat(r.out())
          .contains("Dry run: nothing is written")
          .contains(
              "wave canary (1 host), gate: soak 15 min; host-connected, management-reachable, no-new-alarms")
          .contains("EnterMaintenanceMode_Task")
          .contains("UpdateNetworkConfig")
          .contains("ReconfigureDvs_Task")
          .contains("predicted: vmnic3 on standard:vSwitch-vsguard")
          .contains("predicted: vmnic2 on DVS-Prod-v6 uplink3");
      assertThat(r.out().lines().toList())
          .as("the README's dry run is what apply prints")
          .containsSubsequence(readmeDryRun());
      assertThat(timeline()).isEmpty();
    }
  }

  /**
   * The README's dry run of the incident's staged plan, without its header (ids and hashes differ
   * per run) and its elisions: every other line must be printed, in that order.
   */
  static List<String> readmeDryRun() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    int at = readme.indexOf("The dry run of `examples/incident/staged-plan.yaml`");
    assertThat(at).as("README section of the dry run").isNotNegative();
    int open = readme.indexOf("```\n", at) + 4;
    List<String> lines =
        readme
            .substring(open, readme.indexOf("```\n", open))
            .lines()
            .filter(
                l ->
                    !l.startsWith("check: ")
                        && !l.strip().equals("\u2026")
                        && !l.startsWith("(waves "))
            .toList();
    assertThat(lines).hasSizeGreaterThan(40);
    return lines;
  }

  @Test
  void aTaskFailureMidHostHaltsAndPrintsThatHostsWayBack() throws Exception {
    // slow tasks: a task's outcome is decided when it ends, seconds after vCenter created it
    Vcsim.Options slow =
        Vcsim.Options.defaults().withTaskTimes(Duration.ofMillis(10), Duration.ofSeconds(3));
    try (Vcsim vcsim = Vcsim.start(Path.of(CheckCommandTest.INCIDENT_INVENTORY), slow)) {
      CompletableFuture<Cli> run = inBackground(vcsim, "--execute", "--gate-soak", "0s");
      // the canary's first ReconfigureDvs_Task (step 7, after six steps) fails while it runs
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (vcsim.control().callsSince(0).stream()
          .noneMatch(c -> c.method().equals("ReconfigureDvs_Task"))) {
        assertThat(run.isDone()).as("apply ended before its first ReconfigureDvs_Task").isFalse();
        assertThat(System.nanoTime()).as("no ReconfigureDvs_Task within 120 s").isLessThan(end);
        Thread.sleep(10);
      }
      vcsim.control().failNextTask("esx-par-12", "HostConfigFault");
      Cli r = run.get(5, TimeUnit.MINUTES);

      assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.HALTED);
      assertThat(r.out())
          .contains("HALTED at canary, esx-par-12, step 7 remove-from-switch DVS-LACP-Prod")
          .contains("HostConfigFault")
          .contains("done: move-pnic vmnic2 -> standard:vSwitch-vsguard")
          .contains("half done: remove-from-switch DVS-LACP-Prod")
          .contains(
              "way back for esx-par-12 (inverse steps, last done first; checked by the simulation: they"
                  + " restore the host as it was before apply)")
          .contains("1. move-pnic vmnic2 -> DVS-LACP-Prod")
          .contains("move-vmkernel vmk0 -> DVS-LACP-Prod / pg-mgmt")
          .contains("remove-standard-switch vSwitch-vsguard")
          .contains("6. exit-maintenance");
      assertThat(vcsim.control().host("esx-par-12").crashed()).isFalse();
      assertThat(vcsim.control().host("esx-par-01").inMaintenanceMode())
          .as("wave-2 untouched")
          .isFalse();
      assertThat(timeline().stream().map(a -> a.get("event").asText())).endsWith("halted");
    }
  }

  @Test
  void insecureIsRefusedUnlessExplicitlyAllowed() throws Exception {
    Cli r = Cli.run("apply", "--plan", STAGED, "--vcenter", "https://vc.example/sdk", "--insecure");
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err())
        .contains("--insecure is refused for apply")
        .contains("--allow-insecure-apply");
  }
}
