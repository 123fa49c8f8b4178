package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * A distributed portgroup's {@code config} (DVPortgroupConfigInfo): name, key, its switch and the
 * default port settings the rules read — VLAN, teaming and LACP. {@code distributedVirtualSwitch}
 * is null when vCenter sent none.
 */
public record DvPortgroupConfigInfo(
    String name, String key, Mor distributedVirtualSwitch, PortSetting defaultPortConfig)
    implements PropertyValue {

  /** VMwareDVSPortSetting; each part null when absent. */
  public record PortSetting(Vlan vlan, Teaming uplinkTeamingPolicy, LacpPolicy lacpPolicy) {}

  /**
   * The VLAN spec's xsi:type and, for a single VLAN (VmwareDistributedVirtualSwitchVlanIdSpec), its
   * id, or for a trunk (VmwareDistributedVirtualSwitchTrunkVlanSpec) its ranges; a private VLAN is
   * not read.
   */
  public record Vlan(String type, Integer vlanId, List<Range> trunk) {
    public static final String SINGLE = "VmwareDistributedVirtualSwitchVlanIdSpec";
    public static final String TRUNK = "VmwareDistributedVirtualSwitchTrunkVlanSpec";

    public Vlan {
      trunk = List.copyOf(trunk);
    }
  }

  /** NumericRange: start to end, both included. */
  public record Range(int start, int end) {}

  /** VmwareUplinkPortTeamingPolicy: the policy and the uplink order. */
  public record Teaming(
      String policy, List<String> activeUplinkPort, List<String> standbyUplinkPort) {
    public Teaming {
      activeUplinkPort = List.copyOf(activeUplinkPort);
      standbyUplinkPort = List.copyOf(standbyUplinkPort);
    }
  }

  /** VMwareUplinkLacpPolicy, when it says whether LACP is enabled. */
  public record LacpPolicy(boolean enable, String mode) {}

  public static DvPortgroupConfigInfo read(XmlCursor x) throws MalformedResponseException {
    String name = null;
    String key = null;
    Mor dvs = null;
    PortSetting setting = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "name" -> name = x.text();
        case "key" -> key = x.text();
        case "distributedVirtualSwitch" -> dvs = Mor.read(x);
        case "defaultPortConfig" -> setting = portSetting(x);
        default -> x.skip();
      }
    }
    return new DvPortgroupConfigInfo(name, key, dvs, setting);
  }

  private static PortSetting portSetting(XmlCursor x) throws MalformedResponseException {
    Vlan vlan = null;
    Teaming teaming = null;
    LacpPolicy lacp = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "vlan" -> vlan = vlan(x);
        case "uplinkTeamingPolicy" -> teaming = teaming(x);
        case "lacpPolicy" -> lacp = lacp(x);
        default -> x.skip();
      }
    }
    return new PortSetting(vlan, teaming, lacp);
  }

  private static Vlan vlan(XmlCursor x) throws MalformedResponseException {
    String type = x.xsiType();
    Integer id = null;
    List<Range> trunk = new ArrayList<>();
    while (x.nextChild()) {
      if (Vlan.SINGLE.equals(type) && x.localName().equals("vlanId")) {
        id = Values.integer(x);
      } else if (Vlan.TRUNK.equals(type) && x.localName().equals("vlanId")) {
        trunk.add(range(x));
      } else {
        x.skip();
      }
    }
    return new Vlan(type, id, trunk);
  }

  private static Range range(XmlCursor x) throws MalformedResponseException {
    Integer start = null;
    Integer end = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "start" -> start = Values.integer(x);
        case "end" -> end = Values.integer(x);
        default -> x.skip();
      }
    }
    if (start == null || end == null) {
      throw x.invalid("a VLAN trunk range without its start or end");
    }
    return new Range(start, end);
  }

  private static Teaming teaming(XmlCursor x) throws MalformedResponseException {
    String policy = null;
    List<String> active = new ArrayList<>();
    List<String> standby = new ArrayList<>();
    while (x.nextChild()) {
      switch (x.localName()) {
        case "policy" -> policy = Values.policyValue(x);
        case "uplinkPortOrder" -> {
          while (x.nextChild()) {
            switch (x.localName()) {
              case "activeUplinkPort" -> active.add(x.text());
              case "standbyUplinkPort" -> standby.add(x.text());
              default -> x.skip();
            }
          }
        }
        default -> x.skip();
      }
    }
    return new Teaming(policy, active, standby);
  }

  private static LacpPolicy lacp(XmlCursor x) throws MalformedResponseException {
    boolean hasEnable = false;
    boolean enable = false;
    String mode = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "enable" -> {
          hasEnable = true;
          enable = "true".equals(Values.policyValue(x));
        }
        case "mode" -> mode = Values.policyValue(x);
        default -> x.skip();
      }
    }
    return hasEnable ? new LacpPolicy(enable, mode) : null;
  }
}
