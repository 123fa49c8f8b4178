package io.vsguard.vsphere.soap;

/** A managed object vanished between listing and reading it (e.g. a host removed mid-capture). */
public final class ManagedObjectNotFoundException extends VimFaultException {
  public ManagedObjectNotFoundException(String faultString, String object) {
    super(
        "ManagedObjectNotFound",
        faultString,
        "vCenter object "
            + (object == null ? "" : object + " ")
            + "no longer exists (ManagedObjectNotFound); run again");
  }
}
