package io.vsguard.vsphere.transport;

import io.vsguard.vsphere.VsphereException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts round trips (per operation) and bytes each way: what a capture costs the vCenter. */
public final class CountingRoundTrip implements RoundTrip {
  private final RoundTrip inner;
  private final AtomicLong roundTrips = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();
  private final Map<String, Long> perOperation = new TreeMap<>();

  public RoundTrip inner() {
    return inner;
  }

  public CountingRoundTrip(RoundTrip inner) {
    this.inner = inner;
  }

  @Override
  public SoapResponse send(SoapRequest request) throws VsphereException {
    roundTrips.incrementAndGet();
    bytesSent.addAndGet(request.body().length);
    synchronized (perOperation) {
      perOperation.merge(request.operation(), 1L, Long::sum);
    }
    SoapResponse r = inner.send(request);
    bytesReceived.addAndGet(r.body().length);
    return r;
  }

  public long roundTrips() {
    return roundTrips.get();
  }

  public long bytesSent() {
    return bytesSent.get();
  }

  public long bytesReceived() {
    return bytesReceived.get();
  }

  /** Round trips by SOAP operation, sorted by name. */
  public Map<String, Long> perOperation() {
    synchronized (perOperation) {
      return Map.copyOf(new TreeMap<>(perOperation));
    }
  }

  @Override
  public void close() {
    inner.close();
  }
}
