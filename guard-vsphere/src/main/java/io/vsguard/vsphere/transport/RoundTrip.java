package io.vsguard.vsphere.transport;

import io.vsguard.vsphere.VsphereException;

/**
 * One request, one response: the only thing the SOAP layer needs from the network. The response is
 * handed to {@code reader} as a stream, so that a page of several MB is decoded as it arrives
 * instead of being held whole. Decorators (retry, counting) wrap it; tests and benchmarks hand in
 * their own.
 */
public interface RoundTrip extends AutoCloseable {
  <T> T send(SoapRequest request, ResponseReader<T> reader) throws VsphereException;

  @Override
  default void close() {}
}
