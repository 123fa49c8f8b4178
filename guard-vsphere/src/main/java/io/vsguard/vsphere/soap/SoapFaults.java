package io.vsguard.vsphere.soap;

/** Maps a SOAP Fault element to the typed exception for its vim25 fault type. */
public final class SoapFaults {
  private SoapFaults() {}

  public static VimFaultException from(XmlNode fault) {
    String faultString = fault.childText("faultstring");
    XmlNode detail =
        fault.child("detail").flatMap(d -> d.children().stream().findFirst()).orElse(null);
    String type = null;
    if (detail != null) {
      type = detail.xsiType();
      if (type == null) {
        String n = detail.localName();
        type = n.endsWith("Fault") ? n.substring(0, n.length() - "Fault".length()) : n;
      }
    }
    if (type == null) {
      return new VimFaultException(
          null, faultString, "vCenter returned a SOAP fault: " + oneLine(faultString));
    }
    return switch (type) {
      case "InvalidLogin" -> new InvalidLoginException(faultString);
      case "NotAuthenticated" -> new NotAuthenticatedException(faultString);
      case "NoPermission" -> noPermission(detail, faultString);
      case "ManagedObjectNotFound" ->
          new ManagedObjectNotFoundException(
              faultString, detail.child("obj").map(SoapFaults::ref).orElse(null));
      default ->
          new VimFaultException(
              type,
              faultString,
              "vCenter returned fault "
                  + type
                  + (faultString == null || faultString.isBlank()
                      ? ""
                      : ": " + oneLine(faultString)));
    };
  }

  private static NoPermissionException noPermission(XmlNode detail, String faultString) {
    String privilege = detail.childText("privilegeId");
    String object = detail.child("object").map(SoapFaults::ref).orElse(null);
    // vSphere 7+ lists what is missing per entity as well
    for (XmlNode missing : detail.children("missingPrivileges")) {
      if (privilege == null) {
        privilege = String.join(", ", missing.childTexts("privileges"));
      }
      if (object == null) {
        object = missing.child("entity").map(SoapFaults::ref).orElse(null);
      }
    }
    return new NoPermissionException(
        faultString, privilege == null || privilege.isBlank() ? null : privilege, object);
  }

  private static String ref(XmlNode mor) {
    String type = mor.attribute("type");
    return (type == null ? "" : type + " ") + mor.text();
  }

  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String flat = s.strip().replaceAll("\\s+", " ");
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }
}
