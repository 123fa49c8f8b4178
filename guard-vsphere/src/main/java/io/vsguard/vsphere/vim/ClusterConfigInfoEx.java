package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlCursor;

/**
 * A cluster's {@code configurationEx}: whether DRS and HA are on, and HA's admission control (how
 * many host failures the cluster is sized to tolerate).
 */
public record ClusterConfigInfoEx(
    boolean drsEnabled,
    boolean haEnabled,
    boolean admissionControlEnabled,
    AdmissionControlPolicy admissionControlPolicy)
    implements PropertyValue {

  /**
   * The policy's xsi:type, its {@code failoverLevel} when it has one (null otherwise), and the
   * number of dedicated {@code failoverHosts}.
   */
  public record AdmissionControlPolicy(String type, Integer failoverLevel, int failoverHosts) {}

  public static ClusterConfigInfoEx read(XmlCursor x) throws MalformedResponseException {
    boolean drs = false;
    boolean ha = false;
    boolean admission = false;
    AdmissionControlPolicy policy = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "drsConfig" -> {
          while (x.nextChild()) {
            if (x.localName().equals("enabled")) {
              drs = Values.bool(x);
            } else {
              x.skip();
            }
          }
        }
        case "dasConfig" -> {
          while (x.nextChild()) {
            switch (x.localName()) {
              case "enabled" -> ha = Values.bool(x);
              case "admissionControlEnabled" -> admission = Values.bool(x);
              case "admissionControlPolicy" -> policy = policy(x);
              default -> x.skip();
            }
          }
        }
        default -> x.skip();
      }
    }
    return new ClusterConfigInfoEx(drs, ha, admission, policy);
  }

  private static AdmissionControlPolicy policy(XmlCursor x) throws MalformedResponseException {
    String type = x.xsiType();
    Integer level = null;
    int hosts = 0;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "failoverLevel" -> level = Values.integer(x);
        case "failoverHosts" -> {
          hosts++;
          x.skip();
        }
        default -> x.skip();
      }
    }
    return new AdmissionControlPolicy(type, level, hosts);
  }
}
