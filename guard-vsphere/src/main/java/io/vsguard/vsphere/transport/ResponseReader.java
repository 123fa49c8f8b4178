package io.vsguard.vsphere.transport;

import io.vsguard.vsphere.VsphereException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one response while it arrives: the HTTP status and the body as a stream. An IOException is
 * a failure of the stream (connection lost, read timed out), which the transport classifies;
 * anything wrong with the document itself is the reader's own VsphereException.
 */
@FunctionalInterface
public interface ResponseReader<T> {
  T read(int status, InputStream body) throws VsphereException, IOException;
}
