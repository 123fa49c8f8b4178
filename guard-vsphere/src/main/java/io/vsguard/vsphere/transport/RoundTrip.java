package io.vsguard.vsphere.transport;

import io.vsguard.vsphere.VsphereException;

/**
 * One request, one response: the only thing the SOAP layer needs from the network. Decorators
 * (retry, counting) wrap it; tests and benchmarks hand in their own.
 */
public interface RoundTrip extends AutoCloseable {
  SoapResponse send(SoapRequest request) throws VsphereException;

  @Override
  default void close() {}
}
