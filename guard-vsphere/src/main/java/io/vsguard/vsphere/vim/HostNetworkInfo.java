package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * A host's {@code config.network} (vim25 HostNetworkInfo): its physical adapters, standard switches
 * and their portgroups (with their VLAN and effective teaming), VMkernel adapters (with their MTU),
 * and its proxy switches (the host's side of each distributed switch). Only the fields the
 * inventory reads; the rest is skipped unread.
 */
public record HostNetworkInfo(
    List<PhysicalNic> pnic,
    List<VirtualSwitch> vswitch,
    List<PortGroup> portgroup,
    List<VirtualNic> vnic,
    List<ProxySwitch> proxySwitch)
    implements PropertyValue {
  public HostNetworkInfo {
    pnic = List.copyOf(pnic);
    vswitch = List.copyOf(vswitch);
    portgroup = List.copyOf(portgroup);
    vnic = List.copyOf(vnic);
    proxySwitch = List.copyOf(proxySwitch);
  }

  /** PhysicalNic: "key-vim.host.PhysicalNic-vmnic0" names device vmnic0. */
  public record PhysicalNic(String key, String device) {}

  /** HostVirtualSwitch: its uplinks and portgroups by key, and its MTU (null when not reported). */
  public record VirtualSwitch(String name, List<String> pnic, List<String> portgroup, Integer mtu) {
    public VirtualSwitch {
      pnic = List.copyOf(pnic);
      portgroup = List.copyOf(portgroup);
    }
  }

  /**
   * HostPortGroup: key, spec.name, spec.vswitchName, spec.vlanId, and the teaming of its
   * computedPolicy — the effective one, its own or inherited from the switch (null when not
   * reported).
   */
  public record PortGroup(
      String key, String name, String vswitchName, Integer vlanId, NicTeaming teaming) {}

  /** HostNicTeamingPolicy: the policy and the failover order (nicOrder), pnics by device. */
  public record NicTeaming(String policy, List<String> activeNic, List<String> standbyNic) {
    public NicTeaming {
      activeNic = List.copyOf(activeNic);
      standbyNic = List.copyOf(standbyNic);
    }
  }

  /**
   * HostVirtualNic: on a standard portgroup ({@code portgroup}, or {@code spec.portgroup}) or on a
   * distributed port ({@code spec.distributedVirtualPort}: switch uuid and portgroup key).
   */
  public record VirtualNic(
      String device,
      String key,
      String portgroup,
      String specPortgroup,
      String dvsUuid,
      String dvsPortgroupKey,
      Integer mtu) {}

  /** HostProxySwitch: uplink port key → uplink name, for the switch with this uuid. */
  public record ProxySwitch(String dvsUuid, List<KeyValue> uplinkPort) {
    public ProxySwitch {
      uplinkPort = List.copyOf(uplinkPort);
    }
  }

  public record KeyValue(String key, String value) {}

  public static HostNetworkInfo read(XmlCursor x) throws MalformedResponseException {
    List<PhysicalNic> pnics = new ArrayList<>();
    List<VirtualSwitch> vswitches = new ArrayList<>();
    List<PortGroup> portgroups = new ArrayList<>();
    List<VirtualNic> vnics = new ArrayList<>();
    List<ProxySwitch> proxies = new ArrayList<>();
    while (x.nextChild()) {
      switch (x.localName()) {
        case "pnic" -> pnics.add(pnic(x));
        case "vswitch" -> vswitches.add(vswitch(x));
        case "portgroup" -> portgroups.add(portgroup(x));
        case "vnic" -> vnics.add(vnic(x));
        case "proxySwitch" -> proxies.add(proxySwitch(x));
        default -> x.skip();
      }
    }
    return new HostNetworkInfo(pnics, vswitches, portgroups, vnics, proxies);
  }

  private static PhysicalNic pnic(XmlCursor x) throws MalformedResponseException {
    String key = null;
    String device = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "key" -> key = x.text();
        case "device" -> device = x.text();
        default -> x.skip();
      }
    }
    return new PhysicalNic(key, device);
  }

  private static VirtualSwitch vswitch(XmlCursor x) throws MalformedResponseException {
    String name = null;
    List<String> pnics = new ArrayList<>();
    List<String> portgroups = new ArrayList<>();
    Integer mtu = null;
    Integer specMtu = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "name" -> name = x.text();
        case "pnic" -> pnics.add(x.text());
        case "portgroup" -> portgroups.add(x.text());
        case "mtu" -> mtu = Values.integer(x);
        case "spec" -> {
          while (x.nextChild()) {
            if (x.localName().equals("mtu")) {
              specMtu = Values.integer(x);
            } else {
              x.skip();
            }
          }
        }
        default -> x.skip();
      }
    }
    // HostVirtualSwitch.mtu is what the switch runs; its spec's is what it was configured with
    return new VirtualSwitch(name, pnics, portgroups, mtu != null ? mtu : specMtu);
  }

  private static PortGroup portgroup(XmlCursor x) throws MalformedResponseException {
    String key = null;
    String name = null;
    String vswitch = null;
    Integer vlanId = null;
    NicTeaming teaming = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "key" -> key = x.text();
        case "spec" -> {
          while (x.nextChild()) {
            switch (x.localName()) {
              case "name" -> name = x.text();
              case "vswitchName" -> vswitch = x.text();
              case "vlanId" -> vlanId = Values.integer(x);
              default -> x.skip();
            }
          }
        }
        case "computedPolicy" -> {
          while (x.nextChild()) {
            if (x.localName().equals("nicTeaming")) {
              teaming = nicTeaming(x);
            } else {
              x.skip();
            }
          }
        }
        default -> x.skip();
      }
    }
    return new PortGroup(key, name, vswitch, vlanId, teaming);
  }

  /**
   * A HostNicTeamingPolicy; null when it carries no failover order (nothing to say which pnics
   * carry it).
   */
  private static NicTeaming nicTeaming(XmlCursor x) throws MalformedResponseException {
    String policy = null;
    List<String> active = new ArrayList<>();
    List<String> standby = new ArrayList<>();
    boolean order = false;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "policy" -> policy = x.text();
        case "nicOrder" -> {
          order = true;
          while (x.nextChild()) {
            switch (x.localName()) {
              case "activeNic" -> active.add(x.text());
              case "standbyNic" -> standby.add(x.text());
              default -> x.skip();
            }
          }
        }
        default -> x.skip();
      }
    }
    return order ? new NicTeaming(policy, active, standby) : null;
  }

  private static VirtualNic vnic(XmlCursor x) throws MalformedResponseException {
    String device = null;
    String key = null;
    String portgroup = null;
    String specPortgroup = null;
    String dvsUuid = null;
    String dvsPortgroupKey = null;
    Integer mtu = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "device" -> device = x.text();
        case "key" -> key = x.text();
        case "portgroup" -> portgroup = x.text();
        case "spec" -> {
          while (x.nextChild()) {
            switch (x.localName()) {
              case "portgroup" -> specPortgroup = x.text();
              case "mtu" -> mtu = Values.integer(x);
              case "distributedVirtualPort" -> {
                while (x.nextChild()) {
                  switch (x.localName()) {
                    case "switchUuid" -> dvsUuid = x.text();
                    case "portgroupKey" -> dvsPortgroupKey = x.text();
                    default -> x.skip();
                  }
                }
              }
              default -> x.skip();
            }
          }
        }
        default -> x.skip();
      }
    }
    return new VirtualNic(device, key, portgroup, specPortgroup, dvsUuid, dvsPortgroupKey, mtu);
  }

  private static ProxySwitch proxySwitch(XmlCursor x) throws MalformedResponseException {
    String uuid = null;
    List<KeyValue> ports = new ArrayList<>();
    while (x.nextChild()) {
      switch (x.localName()) {
        case "dvsUuid" -> uuid = x.text();
        case "uplinkPort" -> {
          String key = null;
          String value = null;
          while (x.nextChild()) {
            switch (x.localName()) {
              case "key" -> key = x.text();
              case "value" -> value = x.text();
              default -> x.skip();
            }
          }
          ports.add(new KeyValue(key, value));
        }
        default -> x.skip();
      }
    }
    return new ProxySwitch(uuid, ports);
  }
}
