package io.vsguard.vsphere.transport;

/**
 * The server's certificate was not accepted. Carries the SHA-256 thumbprint of the certificate it
 * presented (when the handshake got that far), so an admin can verify and pin it.
 */
public final class TlsException extends TransportException {
  private final String presentedThumbprint;

  public TlsException(String message, String presentedThumbprint, Throwable cause) {
    super(message, cause);
    this.presentedThumbprint = presentedThumbprint;
  }

  /** Colon-separated upper-case hex, or null when no certificate was seen. */
  public String presentedThumbprint() {
    return presentedThumbprint;
  }
}
