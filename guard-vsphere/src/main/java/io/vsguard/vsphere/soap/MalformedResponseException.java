package io.vsguard.vsphere.soap;

import io.vsguard.vsphere.VsphereException;

/** A response that is not the vim25 document the call expects (bad XML, truncated, wrong shape). */
public final class MalformedResponseException extends VsphereException {
  public MalformedResponseException(String message) {
    super(message);
  }
}
