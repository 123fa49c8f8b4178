package io.vsguard.vsphere.transport;

/** No connection could be opened: the name does not resolve or nothing listens there. */
public final class UnreachableException extends TransportException {
  public UnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
