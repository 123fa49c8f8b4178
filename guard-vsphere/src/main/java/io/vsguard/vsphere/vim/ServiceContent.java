package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlNode;

/** The parts of vim25's ServiceContent this client uses. */
public record ServiceContent(
    About about, Mor rootFolder, Mor propertyCollector, Mor viewManager, Mor sessionManager) {

  /** AboutInfo: which vCenter this is. */
  public record About(
      String fullName,
      String version,
      String build,
      String apiType,
      String apiVersion,
      String instanceUuid) {}

  static ServiceContent of(XmlNode returnval) throws MalformedResponseException {
    XmlNode about =
        returnval
            .child("about")
            .orElseThrow(
                () -> new MalformedResponseException("malformed ServiceContent: no about"));
    return new ServiceContent(
        new About(
            about.childText("fullName"),
            about.childText("version"),
            about.childText("build"),
            about.childText("apiType"),
            about.childText("apiVersion"),
            about.childText("instanceUuid")),
        ref(returnval, "rootFolder"),
        ref(returnval, "propertyCollector"),
        ref(returnval, "viewManager"),
        ref(returnval, "sessionManager"));
  }

  private static Mor ref(XmlNode n, String field) throws MalformedResponseException {
    XmlNode c =
        n.child(field)
            .orElseThrow(
                () -> new MalformedResponseException("malformed ServiceContent: no " + field));
    return Mor.of(c);
  }
}
