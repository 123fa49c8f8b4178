package io.vsguard.cli.serve;

import io.vsguard.core.audit.AuditEntry;
import io.vsguard.core.audit.AuditException;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.audit.ChainMonitor;
import io.vsguard.core.audit.Verification;
import io.vsguard.core.audit.VerifyOptions;
import io.vsguard.core.audit.JsonlAuditStore;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Decisions;
import io.vsguard.core.check.Checker;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.stage.StageResult;
import io.vsguard.core.stage.Stager;
import java.time.Clock;

/**
 * What the API does with a valid request: check a plan (and record the decision before answering)
 * or stage it. One instance serves every request; the checker and stager hold no mutable state,
 * and the store serialises appends itself.
 */
public final class Preflight {
  /** Where an audit record says the inventory came from: the body of an API request. */
  static final String INVENTORY_SOURCE_TYPE = "api-request";

  private final PolicyPack pack;
  private final String policySource;
  private final Checker checker;
  private final Stager stager;
  private final JsonlAuditStore store;
  private final Clock clock;
  private final LiveInventory live;
  private final ChainMonitor chain;

  public Preflight(PolicyPack pack, String policySource, JsonlAuditStore store, Clock clock) {
    this(pack, policySource, store, clock, null);
  }

  /** With {@code live} (may be null), a request may carry the plan alone; the inventory is captured. */
  public Preflight(PolicyPack pack, String policySource, JsonlAuditStore store, Clock clock, LiveInventory live) {
    this.live = live;
    this.pack = pack;
    this.policySource = policySource;
    this.checker = new Checker(pack);
    this.stager = checker.stager();
    this.store = store;
    this.clock = clock;
    this.chain = new ChainMonitor(store, store.signer() == null ? VerifyOptions.NONE
        : new VerifyOptions(java.util.List.of(store.signer().publicKey()), null, false), clock,
        ChainMonitor.DEFAULT_FULL_EVERY);
  }

  /**
   * The audit chain as the web view's header shows it: verified incrementally (what was appended
   * since the last look), in full every {@link ChainMonitor#DEFAULT_FULL_EVERY}; with the
   * server's key, its signatures too.
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
    return live != null;
  }

  /** A check's outcome: the decision, recorded; or the audit log refused it and nothing counts. */
  public sealed interface Checked {
    record Recorded(AuditRecord record) implements Checked {}

    record Unrecorded(Decision decision, AuditException cause) implements Checked {}
  }

  public Checked check(CheckRequest req, String tokenName, String requestPath) {
    AuditRecord.InventorySource source;
    Decision d;
    if (req.inventory() == null) {
      source = AuditRecord.InventorySource.vcenter(live.url());
      try {
        CheckRequest full = req.withInventory(live.capture());
        d = checker.check(full.plan(), full.planCanonical(), full.inventory(), full.inventoryCanonical(),
            clock.instant());
      } catch (LiveInventory.Unavailable e) {
        // fail closed: a vCenter that cannot be read is an ERROR decision, recorded, never a pass
        d = Decisions.error(e.getMessage(), new Decision.PlanRef(req.plan().metadata().id(),
            Decisions.sha256(req.planCanonical())), new Decision.InventoryRef(null, live.url().toString(), null,
            live.tlsLabel()), checker.policy(), clock.instant());
      }
    } else {
      source = new AuditRecord.InventorySource(INVENTORY_SOURCE_TYPE, "POST " + requestPath);
      d = checker.check(req.plan(), req.planCanonical(), req.inventory(), req.inventoryCanonical(), clock.instant());
    }
    AuditRecord.PolicyInfo policy = new AuditRecord.PolicyInfo(d.policy().name(), d.policy().sha256(), policySource);
    try {
      return new Checked.Recorded(store.append(new AuditEntry(AuditRecord.Actor.apiToken(tokenName),
          AuditRecord.PlanInfo.of(req.plan()), source, policy, d)));
    } catch (AuditException e) {
      return new Checked.Unrecorded(d, e);
    }
  }

  /** The request with its inventory: its own, or captured now from the server's vCenter. */
  public CheckRequest complete(CheckRequest req) throws LiveInventory.Unavailable {
    return req.inventory() != null ? req : req.withInventory(live.capture());
  }

  public StageResult stage(CheckRequest req) {
    return stager.stage(req.plan(), req.inventory(), clock.instant());
  }
}
