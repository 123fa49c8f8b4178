package io.vsguard.vsphere.transport;

/**
 * One SOAP call on the wire. {@code idempotent} marks reads that may be sent again after a lost
 * connection; the body is never printed (a Login body holds the password).
 */
public record SoapRequest(String operation, String soapAction, byte[] body, boolean idempotent) {
  @Override
  public String toString() {
    return "SoapRequest["
        + operation
        + ", "
        + body.length
        + " bytes"
        + (idempotent ? ", idempotent" : "")
        + "]";
  }
}
