package io.vsguard.vsphere.soap;

/** No session, or the session expired (idle timeout, logged out elsewhere) between two calls. */
public final class NotAuthenticatedException extends VimFaultException {
  public NotAuthenticatedException(String faultString) {
    super(
        "NotAuthenticated",
        faultString,
        "the vCenter session is not authenticated or expired during the capture (NotAuthenticated); run again");
  }
}
