package io.vsguard.vsphere.apply;

import io.vsguard.core.plan.Step;
import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.vim.Mor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out rollout steps on one host at a time: reads the host and the switches, plans the
 * step's calls ({@link StepPlanner}), sends them in order, waits for each task, then runs the
 * step's checks. It executes, it does not decide: the first failure ends the step with what was
 * done, and nothing is retried (a write is not idempotent). Cancellation is honoured between calls.
 * The same plans, made without sending them, are the dry run.
 */
public final class StepExecutor {
  /**
   * {@code taskTimeout} bounds the wait for each task (a synchronous call is bounded by the
   * transport's read timeout); after it the task is reported still running, not cancelled.
   */
  public record Options(Duration taskTimeout) {
    public static final Options DEFAULTS = new Options(Duration.ofMinutes(30));

    public Options {
      if (taskTimeout.isNegative() || taskTimeout.isZero()) {
        throw new IllegalArgumentException("taskTimeout must be positive");
      }
    }
  }

  private final ApplyClient client;
  private final StepPlanner planner;
  private final Options options;
  private final Cancellation cancellation;

  public StepExecutor(
      ApplyClient client, StepPlanner planner, Options options, Cancellation cancellation) {
    this.client = client;
    this.planner = planner;
    this.options = options;
    this.cancellation = cancellation;
  }

  /**
   * The calls {@code step} would make on {@code host} now, from a fresh read; nothing is written.
   */
  public StepPlan plan(String host, Step step) throws VsphereException, PlanningException {
    return planner.plan(step, client.state(host));
  }

  /**
   * Every step of a host planned from one read of the live state, each on the state the previous
   * ones are predicted to leave ({@link Prediction}); nothing is written.
   */
  public List<StepPlan> dryRun(String host, List<Step> steps)
      throws VsphereException, PlanningException {
    return Prediction.plan(planner, client.state(host), steps);
  }

  /**
   * Plans the step from a fresh read and carries it out. Reading or planning failures write
   * nothing.
   */
  public StepResult run(String host, Step step) throws VsphereException, PlanningException {
    return execute(plan(host, step));
  }

  /**
   * Sends the plan's calls in order, waiting for each task, then runs its checks. A plan must come
   * from the live state ({@link #plan}), not a prediction: values only vCenter knows must be in it.
   */
  public StepResult execute(StepPlan plan) {
    for (VimCall call : plan.calls()) {
      requireLive(call);
    }
    List<CallRecord> done = new ArrayList<>();
    for (VimCall call : plan.calls()) {
      if (cancellation.requested()) {
        return new StepResult.Cancelled(plan, done, call.describe());
      }
      long start = System.nanoTime();
      try {
        Mor task = client.writes().send(call);
        Duration took =
            task == null
                ? Duration.ofNanos(System.nanoTime() - start)
                : client.await(task, call.label(), options.taskTimeout());
        done.add(new CallRecord(call, task, took));
      } catch (VsphereException e) {
        return new StepResult.Failed(plan, done, call.describe(), e);
      }
    }
    for (Check check : plan.checks()) {
      try {
        String state = client.state(plan.host()).host().connectionState();
        if (!state.equals(check.expected())) {
          return new StepResult.Failed(
              plan,
              done,
              check.describe(),
              new CheckFailedException(
                  Text.visible(plan.host())
                      + " is "
                      + Text.visible(state)
                      + ", expected "
                      + check.expected()));
        }
      } catch (VsphereException | PlanningException e) {
        return new StepResult.Failed(plan, done, check.describe(), e);
      }
    }
    return new StepResult.Done(plan, done);
  }

  /**
   * A predicted plan carries placeholders for what vCenter assigns; it is described, never sent.
   */
  private static void requireLive(VimCall call) {
    boolean predicted = false;
    if (call instanceof VimCall.ReconfigureDvs c) {
      predicted =
          c.configVersion() == null
              || c.host().stream()
                  .anyMatch(
                      m ->
                          m.backing() != null
                              && m.backing().stream().anyMatch(b -> b.portKey() == null));
    } else if (call instanceof VimCall.UpdateNetworkConfig c) {
      predicted =
          c.proxySwitch().stream()
              .anyMatch(p -> p.backing().stream().anyMatch(b -> b.portKey() == null));
    }
    if (predicted) {
      throw new IllegalArgumentException(
          call.label()
              + " was planned from a prediction (values vCenter assigns"
              + " are not known yet); plan the step from the live state before executing it");
    }
  }
}
