package io.vsguard.vsphere.transport;

/** Connecting or waiting for the answer took longer than the configured timeout. */
public final class TransportTimeoutException extends TransportException {
  public TransportTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
