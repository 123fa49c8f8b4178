package io.vsguard.vsphere.transport;

/** What came back: the HTTP status and the body, whatever it holds (decoding is the SOAP layer's job). */
public record SoapResponse(int status, byte[] body) {
  @Override
  public String toString() {
    return "SoapResponse[" + status + ", " + body.length + " bytes]";
  }
}
