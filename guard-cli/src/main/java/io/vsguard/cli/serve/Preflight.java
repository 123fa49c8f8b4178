package io.vsguard.cli.serve;

import io.vsguard.cli.input.InventorySource;
import io.vsguard.cli.input.Request;
import io.vsguard.core.audit.AuditEntry;
import io.vsguard.core.audit.AuditException;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.audit.ChainMonitor;
import io.vsguard.core.audit.JsonlAuditStore;
import io.vsguard.core.audit.Verification;
import io.vsguard.core.audit.VerifyOptions;
import io.vsguard.core.check.Checker;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.stage.StageResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the API does with a valid request: check a plan (and record the decision before answering)
 * or stage it, each under the server's deadline. One instance serves every request; the checker
 * holds no mutable state, and the store serialises appends itself.
 */
public final class Preflight {
  /** Where an audit record says the inventory came from: the body of an API request. */
  static final String INVENTORY_SOURCE_TYPE = "api-request";

  private final PolicyPack pack;
  private final String policySource;
  private final Checker checker;
  private final JsonlAuditStore store;
  private final Clock clock;
  private final Optional<InventorySource> live;
  private final Duration deadline;
  private final ChainMonitor chain;

  /**
   * One evaluation per core at a time, the rest waiting their turn in arrival order: requests that
   * share the cores evaluate no faster, and each holds its body's trees and its simulation alive
   * for longer (at four 1,000-host checks on two cores, 30 % more CPU per check and a p99 half as
   * long again as with two at a time; README, Performance).
   */
  private final int slots = Runtime.getRuntime().availableProcessors();

  private final Semaphore evaluations = new Semaphore(slots, true);

  /**
   * @param live the server's vCenter: with one, a request may carry the plan alone and the
   *     inventory is captured for it
   * @param deadline the time each evaluation may take (vsguard serve --deadline)
   */
  public Preflight(
      PolicyPack pack,
      String policySource,
      JsonlAuditStore store,
      Clock clock,
      Optional<InventorySource> live,
      Duration deadline) {
    this.live = live;
    this.pack = pack;
    this.policySource = policySource;
    this.checker = Checker.of(pack);
    this.store = store;
    this.clock = clock;
    this.deadline = deadline;
    this.chain =
        new ChainMonitor(
            store,
            store.signer() == null
                ? VerifyOptions.NONE
                : new VerifyOptions(java.util.List.of(store.signer().publicKey()), null, false),
            clock,
            ChainMonitor.DEFAULT_FULL_EVERY);
  }

  /**
   * The audit chain as the web view's header shows it: verified incrementally (what was appended
   * since the last look), in full every {@link ChainMonitor#DEFAULT_FULL_EVERY}; with the server's
   * key, its signatures too.
   */
  public Verification chain() throws AuditException {
    return chain.current();
  }

  public JsonlAuditStore store() {
    return store;
  }

  public PolicyPack pack() {
    return pack;
  }

  /** True when requests may leave the inventory out (the server reads it from its vCenter). */
  public boolean hasLiveInventory() {
    return live.isPresent();
  }

  /** Every evaluation slot is taken, and none came free within the server's deadline. */
  public static final class Busy extends Exception {
    private static final long serialVersionUID = 1L;

    Busy(String message) {
      super(message);
    }
  }

  /**
   * {@code work} (parsing a request and evaluating it) once one of the server's evaluation slots,
   * one per core, is free: waiting at most the server's deadline, in arrival order.
   */
  public <T> T evaluating(Supplier<T> work) throws Busy {
    boolean entered = false;
    try {
      entered = evaluations.tryAcquire(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!entered) {
      throw new Busy(
          "the server was evaluating other requests on all its "
              + slots
              + " cores for the whole deadline ("
              + deadline.toSeconds()
              + " s); nothing was evaluated or recorded, retry later");
    }
    try {
      return work.get();
    } finally {
      evaluations.release();
    }
  }

  /** A check's outcome: the decision, recorded; or the audit log refused it and nothing counts. */
  public sealed interface Checked {
    record Recorded(AuditRecord record) implements Checked {}

    record Unrecorded(Decision decision, AuditException cause) implements Checked {}
  }

  /** A decision made, not yet recorded, and what its record says besides. */
  public record Decided(
      Decision decision, String tokenName, ChangePlan plan, AuditRecord.InventorySource source) {}

  /**
   * The decision, recorded before it is answered. Past the deadline, or when the server's vCenter
   * cannot be read, it is the ERROR decision, recorded like any other.
   */
  public Checked check(CheckRequest req, String tokenName, String requestPath) {
    return record(decide(req, tokenName, requestPath));
  }

  /** The decision on a request (see {@link #check}), not yet recorded. */
  public Decided decide(CheckRequest req, String tokenName, String requestPath) {
    Request request = request(req, requestPath);
    Decision d = request.check(checker, clock, deadline);
    return new Decided(d, tokenName, req.plan().document(), request.inventory().recordedAs());
  }

  /**
   * Records a decision (outside the evaluation slots: concurrent appends wait for one shared fsync,
   * not for a core).
   */
  public Checked record(Decided decided) {
    Decision d = decided.decision();
    AuditRecord.PolicyInfo policy =
        new AuditRecord.PolicyInfo(d.policy().name(), d.policy().sha256(), policySource);
    try {
      return new Checked.Recorded(
          store.append(
              new AuditEntry(
                  AuditRecord.Actor.apiToken(decided.tokenName()),
                  AuditRecord.PlanInfo.of(decided.plan()),
                  decided.source(),
                  policy,
                  d)));
    } catch (AuditException e) {
      return new Checked.Unrecorded(d, e);
    }
  }

  /**
   * The plan with a safe rollout, or why there is none; {@link StageResult.Failed} past the
   * deadline.
   */
  public StageResult stage(CheckRequest req, String requestPath) {
    Inputs in;
    try {
      in = request(req, requestPath).read();
    } catch (InventorySource.Unavailable e) {
      return new StageResult.Failed(e.getMessage());
    }
    return checker.stage(in, clock.instant(), Deadline.after(deadline));
  }

  /**
   * The request's own inventory when it has one, else the server's vCenter (parse refused it
   * without one).
   */
  private Request request(CheckRequest req, String requestPath) {
    InventorySource source =
        req.inventory()
            .<InventorySource>map(
                inv ->
                    new InventorySource.Given(
                        inv,
                        new AuditRecord.InventorySource(
                            INVENTORY_SOURCE_TYPE, "POST " + requestPath)))
            .orElseGet(live::orElseThrow);
    return new Request(req.plan(), source);
  }
}
