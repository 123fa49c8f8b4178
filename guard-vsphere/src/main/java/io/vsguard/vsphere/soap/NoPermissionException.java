package io.vsguard.vsphere.soap;

/** The user lacks a privilege; names it and the object when vCenter says which. */
public final class NoPermissionException extends VimFaultException {
  private final String privilege;
  private final String object;

  public NoPermissionException(String faultString, String privilege, String object) {
    super(
        "NoPermission",
        faultString,
        "the vCenter user lacks "
            + (privilege == null ? "a privilege" : "privilege " + privilege)
            + (object == null ? "" : " on " + object)
            + " (NoPermission); give it the Read-only role on the root folder, propagated to children");
    this.privilege = privilege;
    this.object = object;
  }

  public String privilege() {
    return privilege;
  }

  public String object() {
    return object;
  }
}
