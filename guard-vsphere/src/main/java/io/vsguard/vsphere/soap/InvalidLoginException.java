package io.vsguard.vsphere.soap;

/** Wrong user name or password. */
public final class InvalidLoginException extends VimFaultException {
  public InvalidLoginException(String faultString) {
    super("InvalidLogin", faultString, "vCenter refused the user name or password (InvalidLogin)");
  }
}
