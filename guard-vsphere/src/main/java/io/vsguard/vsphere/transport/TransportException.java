package io.vsguard.vsphere.transport;

import io.vsguard.vsphere.VsphereException;

/** The request did not get an answer from vCenter; the subclass says why. */
public abstract sealed class TransportException extends VsphereException
    permits UnreachableException,
        ConnectionLostException,
        TransportTimeoutException,
        TlsException,
        HttpStatusException {
  protected TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
