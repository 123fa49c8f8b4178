package io.vsguard.vsphere;

import io.vsguard.core.model.Inventory;
import io.vsguard.vsphere.collect.ContainerView;
import io.vsguard.vsphere.collect.InventoryQuery;
import io.vsguard.vsphere.collect.PropertyCollector;
import io.vsguard.vsphere.map.InventoryMapper;
import io.vsguard.vsphere.transport.CountingRoundTrip;
import io.vsguard.vsphere.transport.HttpRoundTrip;
import io.vsguard.vsphere.transport.RetryingRoundTrip;
import io.vsguard.vsphere.transport.RoundTrip;
import io.vsguard.vsphere.vim.ObjectContent;
import io.vsguard.vsphere.vim.ServiceContent;
import io.vsguard.vsphere.vim.VimPort;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Captures an Inventory from a live vCenter, read-only: ServiceContent, Login, one container view
 * of the root folder, one paged property query, DestroyView, Logout (always, in finally). This is
 * the entry point guard-cli uses; tests and benchmarks hand in their own transport.
 */
public final class VsphereCapture implements AutoCloseable {
  static final int ATTEMPTS = 3;
  static final Duration BACKOFF = Duration.ofMillis(250);

  private final URI url;
  private final String tlsLabel;
  private final RoundTrip transport;
  private final CountingRoundTrip counter;

  /** The production stack: HttpClient 5, counted, idempotent reads retried. */
  public static VsphereCapture open(VcenterTarget target) {
    CountingRoundTrip counting =
        new CountingRoundTrip(new HttpRoundTrip(target.sdkUrl(), target.tls(), target.timeouts()));
    return new VsphereCapture(
        target.sdkUrl(),
        target.tlsLabel(),
        new RetryingRoundTrip(counting, ATTEMPTS, BACKOFF),
        counting);
  }

  /** Over any transport (a simulator, a recording); {@code counter} may be null. */
  public VsphereCapture(URI url, String tlsLabel, RoundTrip transport, CountingRoundTrip counter) {
    this.url = url;
    this.tlsLabel = tlsLabel;
    this.transport = transport;
    this.counter = counter;
  }

  /** Round trips and bytes of this capture, when counted. */
  public CountingRoundTrip counter() {
    return counter;
  }

  /**
   * The whole inventory. {@code progress} receives the number of objects read so far after each
   * page. Throws the typed failure; never returns a partial inventory.
   */
  public Inventory capture(Credentials credentials, CaptureOptions options, IntConsumer progress)
      throws VsphereException {
    VimPort port = new VimPort(transport);
    ServiceContent sc = port.retrieveServiceContent();
    port.login(sc.sessionManager(), credentials);
    VsphereException failure = null;
    try {
      List<ObjectContent> objects;
      try (ContainerView view =
          ContainerView.create(
              port, sc.viewManager(), sc.rootFolder(), InventoryQuery.VIEW_TYPES, true)) {
        objects =
            new PropertyCollector(port, sc.propertyCollector())
                .retrieveAll(
                    InventoryQuery.spec(view), options.pageSize(), InventoryQuery.VALUES, progress);
      }
      return InventoryMapper.map(
          new InventoryMapper.Context(
              sc.about(),
              url.toString(),
              tlsLabel,
              options.clock().instant().truncatedTo(ChronoUnit.SECONDS),
              options.vcenterVm(),
              url.getHost()),
          objects);
    } catch (VsphereException e) {
      failure = e;
      throw e;
    } finally {
      logout(port, sc, failure);
    }
  }

  /**
   * A failed Logout never replaces the capture's own outcome: after a failure it is attached to it,
   * after a success the session simply times out on the server.
   */
  private void logout(VimPort port, ServiceContent sc, VsphereException failure) {
    try {
      port.logout(sc.sessionManager());
    } catch (VsphereException e) {
      if (failure != null) {
        failure.addSuppressed(e);
      }
    } finally {
      RoundTrip t = transport instanceof RetryingRoundTrip r ? r.inner() : transport;
      t = t instanceof CountingRoundTrip c ? c.inner() : t;
      if (t instanceof HttpRoundTrip h) {
        h.forgetSession();
      }
    }
  }

  @Override
  public void close() {
    transport.close();
  }
}
