package io.vsguard.vsphere.transport;

import io.vsguard.vsphere.VsphereException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts round trips (per operation) and bytes each way: what a capture costs the vCenter. Received
 * bytes are the XML the decoder read (after any HTTP compression is undone).
 */
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
  public <T> T send(SoapRequest request, ResponseReader<T> reader) throws VsphereException {
    roundTrips.incrementAndGet();
    bytesSent.addAndGet(request.body().length);
    synchronized (perOperation) {
      perOperation.merge(request.operation(), 1L, Long::sum);
    }
    return inner.send(
        request, (status, body) -> reader.read(status, new Counted(body, bytesReceived)));
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

  private static final class Counted extends FilterInputStream {
    private final AtomicLong count;

    Counted(InputStream in, AtomicLong count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count.addAndGet(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count.addAndGet(skipped);
      return skipped;
    }
  }
}
