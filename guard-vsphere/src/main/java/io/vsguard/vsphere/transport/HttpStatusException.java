package io.vsguard.vsphere.transport;

/** vCenter answered with an HTTP error that is not a SOAP fault (e.g. 503 while it starts up). */
public final class HttpStatusException extends TransportException {
  private final int status;

  public HttpStatusException(String message, int status) {
    super(message, null);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
