package io.vsguard.cli.apply;

import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.sim.Execution;
import io.vsguard.core.sim.HostNet;
import io.vsguard.core.sim.InventoryIndex;
import io.vsguard.core.sim.NetworkState;
import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.apply.ApplyClient;
import io.vsguard.vsphere.apply.CallRecord;
import io.vsguard.vsphere.apply.Cancellation;
import io.vsguard.vsphere.apply.LiveHost;
import io.vsguard.vsphere.apply.LiveState;
import io.vsguard.vsphere.apply.PlanningException;
import io.vsguard.vsphere.apply.StepExecutor;
import io.vsguard.vsphere.apply.StepPlan;
import io.vsguard.vsphere.apply.StepResult;
import io.vsguard.vsphere.apply.VimCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * Carries out a checked staged rollout on vCenter, wave by wave and host by host, and stops at the
 * first surprise. The guard's simulation ({@link NetworkState}, started from the inventory the
 * check was made on) walks along: before a host's first write its live state must be what the
 * simulation predicts at that point (else drift: halt before writing), each step is planned from a
 * fresh read and carried out by the {@link StepExecutor}, and after its last step the host must be
 * as predicted again. After each wave its gate: the soak time, then the checks. Every point is a
 * timeline record; every verified host and passed gate a checkpoint that {@code --resume} starts
 * from. Nothing is retried: a write is not idempotent, and a person decides after a halt.
 */
public final class ApplyRun {
  /** Where the timeline goes (the audit chain); a record that cannot be written halts the run. */
  public interface Timeline {
    void record(String event, String wave, String host, String step, String detail)
        throws Exception;
  }

  /** The last verified point: hosts done (steps carried out and verified) and gates passed. */
  public interface Checkpoint {
    void save(Set<String> hostsDone, int wavesPassed) throws Exception;
  }

  /** How a soak shows its countdown (stderr). */
  public interface Countdown {
    void remaining(String wave, Duration left);

    void done();
  }

  /** {@code soak}: the soak time of every gate instead of the plan's (null: the plan's). */
  public record Options(Duration soak) {}

  /** How the run ended. */
  public sealed interface Outcome {}

  public record Completed(int waves, int hosts) implements Outcome {}

  /**
   * Stopped: {@code where} (wave, host, step or gate), {@code reason}, what is half done on {@code
   * host} (null when no host is), and that host's way back.
   */
  public record Halted(
      String where, String reason, String host, List<String> halfDone, WayBack wayBack)
      implements Outcome {
    public Halted {
      halfDone = List.copyOf(halfDone);
    }
  }

  private final ApplyClient client;
  private final StepExecutor executor;
  private final Execution execution;
  private final InventoryIndex index;
  private final ChangePlan plan;
  private final Timeline timeline;
  private final Checkpoint checkpoint;
  private final Countdown countdown;
  private final Cancellation cancellation;
  private final Options options;

  public ApplyRun(
      ApplyClient client,
      StepExecutor executor,
      Execution execution,
      InventoryIndex index,
      ChangePlan plan,
      Timeline timeline,
      Checkpoint checkpoint,
      Countdown countdown,
      Cancellation cancellation,
      Options options) {
    this.client = client;
    this.executor = executor;
    this.execution = execution;
    this.index = index;
    this.plan = plan;
    this.timeline = timeline;
    this.checkpoint = checkpoint;
    this.countdown = countdown;
    this.cancellation = cancellation;
    this.options = options;
  }

  /** A wave's name as the timeline and the halt report name it. */
  public static String waveName(Execution.ExecWave w) {
    return w.name() != null ? w.name() : "wave-" + (w.index() + 1);
  }

  /**
   * Runs from the last verified point ({@code hostsDone}, {@code wavesPassed}: nothing for a new
   * run). A resumed run first compares every host of the plan with the prediction there.
   */
  public Outcome run(Set<String> doneBefore, int wavesPassedBefore, boolean resumed)
      throws Exception {
    Set<String> hostsDone = new LinkedHashSet<>(doneBefore);
    int wavesPassed = wavesPassedBefore;
    NetworkState sim = new NetworkState(index, plan);
    for (Execution.ExecWave w : execution.waves()) {
      for (String host : w.hosts()) {
        if (hostsDone.contains(host)) {
          for (Execution.PlannedStep ps : w.stepsOf(host)) {
            if (sim.apply(host, ps.step()) instanceof NetworkState.Outcome.Invalid inv) {
              return halt(
                  "resume",
                  "the simulation cannot replay "
                      + host
                      + ", "
                      + ps.step().describe()
                      + ": "
                      + inv.reason(),
                  null,
                  List.of(),
                  List.of());
            }
          }
        }
      }
    }
    if (resumed) {
      for (String host : execution.hosts()) {
        List<String> drift = drift(host, sim, client.state(host));
        if (!drift.isEmpty()) {
          return halt(
              "resume, " + host,
              "the host is not where the last verified point leaves it:\n  "
                  + String.join("\n  ", drift),
              host,
              List.of(),
              hostsDone.contains(host) ? stepsOf(host) : List.of());
        }
      }
    }
    List<Execution.ExecWave> waves = execution.waves();
    for (int i = wavesPassed; i < waves.size(); i++) {
      Execution.ExecWave w = waves.get(i);
      String wave = waveName(w);
      timeline.record("wave-started", wave, null, null, String.join(", ", w.hosts()));
      Map<String, SortedSet<String>> alarms = new HashMap<>();
      for (String host : w.hosts()) {
        if (wantsAlarms(w)) {
          alarms.put(host, client.triggeredAlarms(host));
        }
        if (hostsDone.contains(host)) {
          continue;
        }
        Halted h = host(w, host, sim);
        if (h != null) {
          return h;
        }
        hostsDone.add(host);
        checkpoint.save(hostsDone, wavesPassed);
      }
      Halted gate = gate(w, sim, alarms);
      if (gate != null) {
        return gate;
      }
      wavesPassed = i + 1;
      checkpoint.save(hostsDone, wavesPassed);
    }
    timeline.record(
        "completed", null, null, null, waves.size() + " waves, " + hostsDone.size() + " hosts");
    return new Completed(waves.size(), hostsDone.size());
  }

  /**
   * One host's steps: drift check, each step planned, sent and simulated, then the host verified.
   */
  private Halted host(Execution.ExecWave w, String host, NetworkState sim) throws Exception {
    String wave = waveName(w);
    if (cancellation.requested()) {
      return halt(
          wave + ", before " + host,
          "cancelled (Ctrl-C) before the host was touched",
          null,
          List.of(),
          List.of());
    }
    List<String> drift = drift(host, sim, client.state(host));
    if (!drift.isEmpty()) {
      return halt(
          wave + ", " + host + ", before its first write",
          "drift: vCenter does not report what the simulation predicts at this point:\n  "
              + String.join("\n  ", drift),
          host,
          List.of(),
          List.of());
    }
    List<Step> done = new ArrayList<>();
    for (Execution.PlannedStep ps : w.stepsOf(host)) {
      Step step = ps.step();
      String where = wave + ", " + host + ", step " + (done.size() + 1) + " " + step.describe();
      if (cancellation.requested()) {
        return halt(where, "cancelled (Ctrl-C) before this step", host, halfDone(done, null), done);
      }
      StepResult r;
      try {
        r = executor.run(host, step);
      } catch (VsphereException | PlanningException e) {
        return halt(
            where,
            "could not plan the step from vCenter's state: " + e.getMessage(),
            host,
            halfDone(done, null),
            done);
      }
      if (r instanceof StepResult.Failed f) {
        return halt(
            where,
            "failed at " + f.at() + ": " + f.cause().getMessage(),
            host,
            halfDone(done, r),
            done);
      }
      if (r instanceof StepResult.Cancelled c) {
        return halt(where, "cancelled (Ctrl-C) before " + c.next(), host, halfDone(done, r), done);
      }
      if (sim.apply(host, step) instanceof NetworkState.Outcome.Invalid inv) {
        done.add(step);
        return halt(
            where,
            "vCenter took the step but the simulation refuses it: " + inv.reason(),
            host,
            halfDone(done, null),
            done);
      }
      done.add(step);
      timeline.record("step-done", wave, host, step.describe(), calls(r));
    }
    List<String> after = drift(host, sim, client.state(host));
    if (!after.isEmpty()) {
      return halt(
          wave + ", " + host + ", after its last step",
          "the host is not what the simulation predicts:\n  " + String.join("\n  ", after),
          host,
          halfDone(done, null),
          done);
    }
    timeline.record("host-done", wave, host, null, done.size() + " steps, state as predicted");
    return null;
  }

  /** The soak, then the gate's checks on the wave's hosts; a failed check halts. */
  private Halted gate(
      Execution.ExecWave w, NetworkState sim, Map<String, SortedSet<String>> alarmsBefore)
      throws Exception {
    String wave = waveName(w);
    Rollout.Gate gate = w.gate();
    if (gate == null) {
      timeline.record("gate-passed", wave, null, null, "no gate");
      return null;
    }
    Duration soak =
        options.soak() != null ? options.soak() : Duration.ofMinutes(gate.soakMinutes());
    long end = System.nanoTime() + soak.toNanos();
    while (true) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        break;
      }
      if (cancellation.requested()) {
        countdown.done();
        return halt(
            wave + ", gate (soak)",
            "cancelled (Ctrl-C) during the soak",
            null,
            List.of(),
            List.of());
      }
      countdown.remaining(wave, Duration.ofNanos(left));
      Thread.sleep(Math.min(1000, Math.max(1, left / 1_000_000)));
    }
    countdown.done();
    for (String host : w.hosts()) {
      LiveState live = client.state(host);
      for (String check : gate.checks()) {
        String failed =
            switch (check) {
              case "host-connected" ->
                  "connected".equals(live.host().connectionState())
                      ? null
                      : "the host is " + live.host().connectionState();
              case "management-reachable" -> unreachable(sim, live, "management");
              case "vmotion-reachable" -> unreachable(sim, live, "vmotion");
              case "no-new-alarms" -> newAlarms(host, alarmsBefore.get(host));
              default -> "apply does not know the gate check " + check;
            };
        if (failed != null) {
          return halt(
              wave + ", gate, " + check + " on " + host, failed, host, List.of(), stepsOf(host));
        }
      }
    }
    timeline.record(
        "gate-passed",
        wave,
        null,
        null,
        "soak " + soak.toSeconds() + "s; " + String.join(", ", gate.checks()));
    return null;
  }

  private static boolean wantsAlarms(Execution.ExecWave w) {
    return w.gate() != null && w.gate().checks().contains("no-new-alarms");
  }

  private String newAlarms(String host, SortedSet<String> before) throws Exception {
    SortedSet<String> now = client.triggeredAlarms(host);
    if (before != null) {
      now.removeAll(before);
    }
    return now.isEmpty()
        ? null
        : "alarms triggered since the wave started: " + String.join(", ", now);
  }

  /**
   * An adapter carrying {@code service} (as the simulation knows it) with no pnic on the switch it
   * is connected to: the topology check the simulator can answer (no ping).
   */
  private static String unreachable(NetworkState sim, LiveState live, String service) {
    HostNet predicted = sim.host(live.host().name()).orElse(null);
    if (predicted == null) {
      return null;
    }
    LiveHost h = live.host();
    for (Map.Entry<String, HostNet.VmkAt> e : predicted.vmks().entrySet()) {
      if (!e.getValue().services().contains(service)) {
        continue;
      }
      LiveHost.Vnic vnic = h.vnic(e.getKey()).orElse(null);
      if (vnic == null) {
        return e.getKey() + " (" + service + ") is gone";
      }
      boolean carried;
      if (vnic.location() instanceof LiveHost.OnPortgroup on) {
        carried =
            h.portgroup(on.portgroup())
                .flatMap(pg -> h.vswitch(pg.vswitch()))
                .map(v -> !v.pnics().isEmpty())
                .orElse(false);
      } else {
        LiveHost.OnDvPort on = (LiveHost.OnDvPort) vnic.location();
        carried = h.proxy(on.switchUuid()).map(px -> !px.backing().isEmpty()).orElse(false);
      }
      if (!carried) {
        return e.getKey() + " (" + service + ") has no pnic on its switch";
      }
    }
    return null;
  }

  private List<String> drift(String host, NetworkState sim, LiveState live) {
    List<String> out = new ArrayList<>();
    if (!"connected".equals(live.host().connectionState())) {
      out.add("the host is " + live.host().connectionState() + ", expected connected");
    }
    out.addAll(HostView.predicted(sim.host(host).orElseThrow()).differences(HostView.live(live)));
    return out;
  }

  private List<Step> stepsOf(String host) {
    List<Step> out = new ArrayList<>();
    execution.waveOf(host).ifPresent(w -> w.stepsOf(host).forEach(ps -> out.add(ps.step())));
    return out;
  }

  private static List<String> halfDone(List<Step> done, StepResult partial) {
    List<String> out = new ArrayList<>();
    done.forEach(s -> out.add("done: " + s.describe()));
    if (partial != null) {
      StepPlan p = partial.plan();
      out.add("half done: " + p.step().describe());
      for (VimCall c : p.calls()) {
        boolean sent = partial.done().stream().anyMatch(d -> d.call() == c);
        out.add("  " + (sent ? "completed: " : "not completed: ") + c.describe());
      }
    }
    return out;
  }

  private static String calls(StepResult r) {
    if (r.done().isEmpty()) {
      return r.plan().note() == null ? "no call" : "no call: " + r.plan().note();
    }
    List<String> out = new ArrayList<>();
    for (CallRecord c : r.done()) {
      out.add(
          c.call().method()
              + (c.task() == null ? "" : " task " + c.task().value())
              + " "
              + c.took().toMillis()
              + " ms");
    }
    return String.join("; ", out);
  }

  private Halted halt(
      String where, String reason, String host, List<String> halfDone, List<Step> done)
      throws Exception {
    WayBack back = host == null ? null : WayBack.of(host, done, index, plan);
    timeline.record("halted", null, host, null, where + ": " + reason);
    return new Halted(where, reason, host, halfDone, back);
  }
}
