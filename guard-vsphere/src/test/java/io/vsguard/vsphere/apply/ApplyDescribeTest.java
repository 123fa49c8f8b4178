package io.vsguard.vsphere.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.SwitchRef;
import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.transport.HttpRoundTrip;
import io.vsguard.vsphere.transport.ResponseReader;
import io.vsguard.vsphere.transport.RoundTrip;
import io.vsguard.vsphere.transport.SoapRequest;
import io.vsguard.vsphere.transport.Thumbprints;
import io.vsguard.vsphere.transport.Timeouts;
import io.vsguard.vsphere.transport.TlsPolicy;
import io.vsguard.vsphere.vcsim.Vcsim;
import io.vsguard.vsphere.vcsim.VcsimControl;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the client says it will do is what it does: the calls a step is described with are the
 * writes the simulated vCenter logs (method and target, in order), a dry run of a whole host —
 * planned on predicted states, reading only — describes the same calls as planning each step live
 * just before it runs, and cancelling stops before the next call.
 */
class ApplyDescribeTest {
  static final String PLACEHOLDER = "configVersion=(read when the step runs)";

  @Test
  void aHostsDescribedCallsAreTheWritesVcenterReceivesAndTheDryRunDescribesThemBeforehand()
      throws Exception {
    ChangePlan staged = PlanLoader.load(Harness.ROOT.resolve("examples/incident/staged-plan.yaml"));
    Rollout.Wave canary = staged.spec().rollout().waves().get(0);
    String host = canary.hosts().get(0);
    try (Vcsim vcsim = Vcsim.start(Harness.INVENTORY, Harness.FAST);
        ApplyClient client = Harness.client(vcsim)) {
      StepExecutor executor =
          new StepExecutor(
              client,
              new StepPlanner(StepPlanner.Options.DEFAULTS),
              StepExecutor.Options.DEFAULTS,
              new Cancellation());
      VcsimControl control = vcsim.control();

      long beforeDryRun = control.lastCall();
      List<StepPlan> dryRun = executor.dryRun(host, canary.steps());
      assertThat(control.callsSince(beforeDryRun)).isNotEmpty().noneMatch(VcsimControl.Call::write);

      long beforeRun = control.lastCall();
      List<StepPlan> live = new ArrayList<>();
      List<String> described = new ArrayList<>();
      for (Step step : canary.steps()) {
        StepPlan plan = executor.plan(host, step);
        live.add(plan);
        plan.calls().forEach(c -> described.add(c.method() + " " + c.target()));
        assertThat(executor.execute(plan)).isInstanceOf(StepResult.Done.class);
      }

      List<VcsimControl.Call> served = control.callsSince(beforeRun);
      List<String> received =
          served.stream()
              .filter(VcsimControl.Call::write)
              .map(c -> c.method() + " " + c.target())
              .toList();
      // what it costs vCenter: one property read per step (and one per check), and per task a
      // collector of its own, one filter and its waits; nothing else
      java.util.Map<String, Long> reads =
          served.stream()
              .filter(c -> !c.write())
              .collect(
                  java.util.stream.Collectors.groupingBy(
                      VcsimControl.Call::method, java.util.stream.Collectors.counting()));
      long tasks = live.stream().flatMap(p -> p.calls().stream()).filter(VimCall::task).count();
      assertThat(tasks).isEqualTo(5);
      assertThat(reads)
          .containsOnlyKeys(
              "RetrievePropertiesEx",
              "CreatePropertyCollector",
              "CreateFilter",
              "WaitForUpdatesEx",
              "DestroyPropertyCollector");
      assertThat(reads.get("RetrievePropertiesEx")).isEqualTo(canary.steps().size() + 1);
      assertThat(reads.get("CreatePropertyCollector")).isEqualTo(tasks);
      assertThat(reads.get("CreateFilter")).isEqualTo(tasks);
      assertThat(reads.get("DestroyPropertyCollector")).isEqualTo(tasks);
      assertThat(reads.get("WaitForUpdatesEx")).isBetween(tasks, 3 * tasks);
      assertThat(received).hasSize(15).isEqualTo(described);
      assertThat(received)
          .first()
          .asString()
          .isEqualTo("EnterMaintenanceMode_Task HostSystem:" + client.hosts().get(host).value());

      assertThat(dryRun).hasSameSizeAs(live);
      int placeholders = 0;
      for (int i = 0; i < live.size(); i++) {
        List<String> predicted = dryRun.get(i).describe();
        List<String> actual = new ArrayList<>();
        for (int j = 0; j < live.get(i).describe().size(); j++) {
          String line = live.get(i).describe().get(j);
          if (j < predicted.size() && predicted.get(j).contains(PLACEHOLDER)) {
            line = line.replaceFirst("configVersion=\\d+", PLACEHOLDER);
            placeholders++;
          }
          actual.add(line);
        }
        assertThat(predicted).as(canary.steps().get(i).describe()).isEqualTo(actual);
      }
      // each switch's configVersion is known until the first change to it, then read at the step
      assertThat(placeholders).isEqualTo(3);
      assertThat(dryRun.get(0).describe())
          .containsExactly(
              "EnterMaintenanceMode_Task "
                  + client.hosts().get(host).value()
                  + " ("
                  + host
                  + ") timeout=0 evacuatePoweredOffVms=true");
    }
  }

  @Test
  void aPredictedPlanIsDescribedButNeverSent() throws Exception {
    try (Vcsim vcsim = Vcsim.start(Harness.INVENTORY, Harness.FAST);
        ApplyClient client = Harness.client(vcsim)) {
      StepExecutor executor =
          new StepExecutor(
              client,
              new StepPlanner(StepPlanner.Options.DEFAULTS),
              StepExecutor.Options.DEFAULTS,
              new Cancellation());
      List<StepPlan> predicted =
          executor.dryRun(
              "esx-par-01",
              List.of(
                  new Step.MovePnic("vmnic5", SwitchRef.distributed(Harness.TARGET), "uplink3"),
                  new Step.MovePnic("vmnic5", SwitchRef.distributed(Harness.TARGET), "uplink4")));
      assertThat(predicted.get(1).describe().get(0)).contains(PLACEHOLDER);
      long before = vcsim.control().lastCall();

      assertThatThrownBy(() -> executor.execute(predicted.get(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("planned from a prediction");

      assertThat(vcsim.control().callsSince(before)).noneMatch(VcsimControl.Call::write);
    }
  }

  @Test
  void cancellingBetweenTwoCallsOfAStepStopsBeforeTheSecond() throws Exception {
    String host = "esx-par-02";
    try (Vcsim vcsim = Vcsim.start(Harness.INVENTORY, Harness.FAST)) {
      Cancellation cancellation = new Cancellation();
      RoundTrip http =
          new HttpRoundTrip(
              vcsim.url(),
              new TlsPolicy.Pinned(Thumbprints.parse(vcsim.thumbprint())),
              Timeouts.DEFAULTS);
      // an operator's Ctrl-C, arriving while the first call of the step is on the wire
      RoundTrip interrupted =
          new RoundTrip() {
            @Override
            public <T> T send(SoapRequest request, ResponseReader<T> reader)
                throws VsphereException {
              T response = http.send(request, reader);
              if (request.operation().equals("AddPortGroup")) {
                cancellation.cancel();
              }
              return response;
            }

            @Override
            public void close() {
              http.close();
            }
          };
      try (ApplyClient client = ApplyClient.over(interrupted, Harness.ADMIN)) {
        StepExecutor executor =
            new StepExecutor(
                client,
                new StepPlanner(StepPlanner.Options.DEFAULTS),
                StepExecutor.Options.DEFAULTS,
                cancellation);
        assertThat(executor.run(host, new Step.CreateStandardSwitch("vSwitch-t")))
            .isInstanceOf(StepResult.Done.class);
        long before = vcsim.control().lastCall();

        StepResult result =
            executor.run(
                host, new Step.MoveVmkernel("vmk1", SwitchRef.standard("vSwitch-t"), "pg-vmotion"));

        assertThat(result).isInstanceOf(StepResult.Cancelled.class);
        assertThat(result.done())
            .extracting(c -> c.call().method())
            .containsExactly("AddPortGroup");
        assertThat(((StepResult.Cancelled) result).next())
            .startsWith("UpdateVirtualNic ")
            .contains("device=vmk1 portgroup=pg-vmotion");
        assertThat(vcsim.control().callsSince(before))
            .filteredOn(VcsimControl.Call::write)
            .extracting(VcsimControl.Call::method)
            .containsExactly("AddPortGroup");
        assertThat(executor.run(host, new Step.EnterMaintenance()))
            .isInstanceOf(StepResult.Cancelled.class);
      }
    }
  }
}
