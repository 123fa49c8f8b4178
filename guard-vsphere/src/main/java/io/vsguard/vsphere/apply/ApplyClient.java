package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.Credentials;
import io.vsguard.vsphere.VcenterTarget;
import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.apply.VimReads.ObjSpec;
import io.vsguard.vsphere.apply.VimReads.PropSpec;
import io.vsguard.vsphere.apply.VimReads.Props;
import io.vsguard.vsphere.transport.CountingRoundTrip;
import io.vsguard.vsphere.transport.HttpRoundTrip;
import io.vsguard.vsphere.transport.RetryingRoundTrip;
import io.vsguard.vsphere.transport.RoundTrip;
import io.vsguard.vsphere.vim.Mor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A logged-in vCenter session that can write: the only way into {@link VimWrites}. It keeps the
 * host directory (name → HostSystem) and a container view of the distributed switches for the
 * session, reads a host's live state, waits for tasks, and on close destroys its view and logs out.
 * Only {@code vsguard apply} opens one; the read-only commands use VsphereCapture. It may be used
 * from several threads (one step per host at a time): every task wait has its own property
 * collector, and the transport's connection pool is shared.
 */
public final class ApplyClient implements AutoCloseable {
  static final int ATTEMPTS = 3;
  static final Duration BACKOFF = Duration.ofMillis(250);

  private final RoundTrip transport;
  private final VimReads reads;
  private final VimWrites writes;
  private final VimReads.ServiceRefs service;
  private final Map<String, Mor> hosts;
  private final Mor switchView;
  private final LiveReader live;
  private final Tasks tasks;

  private ApplyClient(
      RoundTrip transport,
      VimReads reads,
      VimWrites writes,
      VimReads.ServiceRefs service,
      Map<String, Mor> hosts,
      Mor switchView) {
    this.transport = transport;
    this.reads = reads;
    this.writes = writes;
    this.service = service;
    this.hosts = hosts;
    this.switchView = switchView;
    this.live = new LiveReader(reads, service.propertyCollector(), switchView);
    this.tasks = new Tasks(reads, service.propertyCollector());
  }

  /**
   * The production stack: HttpClient 5, counted, reads retried after a lost connection (writes are
   * marked so that the retrying transport never resends them).
   */
  public static ApplyClient open(VcenterTarget target, Credentials credentials)
      throws VsphereException {
    CountingRoundTrip counting =
        new CountingRoundTrip(new HttpRoundTrip(target.sdkUrl(), target.tls(), target.timeouts()));
    RoundTrip transport = new RetryingRoundTrip(counting, ATTEMPTS, BACKOFF);
    try {
      return over(transport, credentials);
    } catch (VsphereException | RuntimeException e) {
      transport.close();
      throw e;
    }
  }

  /** Over any transport (a simulator, a recording): logs in and reads the host directory. */
  public static ApplyClient over(RoundTrip transport, Credentials credentials)
      throws VsphereException {
    Soap soap = new Soap(transport);
    VimReads reads = new VimReads(soap);
    VimReads.ServiceRefs sc = reads.retrieveServiceContent();
    reads.login(sc.sessionManager(), credentials);
    Mor switchView = null;
    try {
      Map<String, Mor> hosts = directory(reads, sc);
      switchView =
          reads.createContainerView(
              sc.viewManager(),
              sc.rootFolder(),
              List.of("DistributedVirtualSwitch", "DistributedVirtualPortgroup"));
      return new ApplyClient(transport, reads, new VimWrites(soap), sc, hosts, switchView);
    } catch (VsphereException | RuntimeException e) {
      try {
        reads.logout(sc.sessionManager());
      } catch (VsphereException logout) {
        e.addSuppressed(logout);
      }
      throw e;
    }
  }

  private static Map<String, Mor> directory(VimReads reads, VimReads.ServiceRefs sc)
      throws VsphereException {
    Mor view = reads.createContainerView(sc.viewManager(), sc.rootFolder(), List.of("HostSystem"));
    try {
      Map<String, Mor> out = new TreeMap<>();
      for (Props p :
          reads.retrieve(
              sc.propertyCollector(),
              List.of(new PropSpec("HostSystem", List.of("name"))),
              List.of(new ObjSpec(view, true)),
              LiveReader.PAGE)) {
        out.put(p.text("name"), p.obj());
      }
      return java.util.Collections.unmodifiableMap(out);
    } finally {
      reads.destroyView(view);
    }
  }

  /** Every host of the vCenter by name, as read at login. */
  public Map<String, Mor> hosts() {
    return hosts;
  }

  /** The host and every distributed switch as vCenter reports them now; reads only. */
  public LiveState state(String host) throws VsphereException, PlanningException {
    Mor ref = hosts.get(host);
    if (ref == null) {
      throw new PlanningException("no host named " + Text.visible(host) + " in this vCenter");
    }
    return live.state(ref);
  }

  /**
   * The alarms triggered on a host now (AlarmState key and alarm moref); reads only. A gate's
   * {@code no-new-alarms} compares two of these.
   */
  public java.util.SortedSet<String> triggeredAlarms(String host)
      throws VsphereException, PlanningException {
    Mor ref = hosts.get(host);
    if (ref == null) {
      throw new PlanningException("no host named " + Text.visible(host) + " in this vCenter");
    }
    return live.alarms(ref);
  }

  /** The typed writes; each is sent once. */
  public VimWrites writes() {
    return writes;
  }

  /**
   * Waits for a task to end: success returns, an error is its typed fault, and after {@code
   * timeout} a {@link TaskTimeoutException} (the task is left running).
   */
  public Duration await(Mor task, String label, Duration timeout) throws VsphereException {
    return tasks.await(task, label, timeout).took();
  }

  /** vCenter's API version, as ServiceContent reported it. */
  public String apiVersion() {
    return service.apiVersion();
  }

  /** Destroys the switch view and logs out; failures to do so change nothing on vCenter. */
  @Override
  public void close() {
    try {
      reads.destroyView(switchView);
    } catch (VsphereException e) {
      // the view ends with the session
    }
    try {
      reads.logout(service.sessionManager());
    } catch (VsphereException e) {
      // an expired session is already logged out
    } finally {
      RoundTrip t = transport instanceof RetryingRoundTrip r ? r.inner() : transport;
      t = t instanceof CountingRoundTrip c ? c.inner() : t;
      if (t instanceof HttpRoundTrip h) {
        h.forgetSession();
      }
      transport.close();
    }
  }
}
