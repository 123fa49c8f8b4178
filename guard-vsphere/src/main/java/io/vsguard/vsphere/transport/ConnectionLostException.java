package io.vsguard.vsphere.transport;

/** The connection broke before a whole response arrived (reset, closed, truncated body). */
public final class ConnectionLostException extends TransportException {
  public ConnectionLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
