package io.vsguard.vsphere.soap;

import io.vsguard.vsphere.VsphereException;

/**
 * A SOAP fault from vCenter. {@code faultType} is the vim25 fault type (InvalidLogin, NoPermission,
 * …); subclasses exist for the ones the capture reacts to differently.
 */
public class VimFaultException extends VsphereException {
  private final String faultType;
  private final String faultString;

  public VimFaultException(String faultType, String faultString, String message) {
    super(message);
    this.faultType = faultType;
    this.faultString = faultString;
  }

  public String faultType() {
    return faultType;
  }

  public String faultString() {
    return faultString;
  }
}
