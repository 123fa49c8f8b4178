package io.vsguard.vsphere.transport;

import io.vsguard.vsphere.VsphereException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A whole response held in memory (a recording, a test's answer): the HTTP status and the body. */
public record SoapResponse(int status, byte[] body) {
  /** Hands this response to {@code reader} as if it had just arrived. */
  public <T> T readWith(ResponseReader<T> reader) throws VsphereException {
    try {
      return reader.read(status, new ByteArrayInputStream(body));
    } catch (IOException e) {
      // a byte array does not fail to read
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "SoapResponse[" + status + ", " + body.length + " bytes]";
  }
}
