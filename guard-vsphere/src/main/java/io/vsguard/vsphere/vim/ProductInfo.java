package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlCursor;

/** A host's {@code summary.config.product} (vim25 AboutInfo): the ESXi version and build. */
public record ProductInfo(String version, String build) implements PropertyValue {
  public static ProductInfo read(XmlCursor x) throws MalformedResponseException {
    String version = null;
    String build = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "version" -> version = x.text();
        case "build" -> build = x.text();
        default -> x.skip();
      }
    }
    return new ProductInfo(version, build);
  }
}
