package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * A host's {@code config.network} (vim25 HostNetworkInfo): its physical adapters, standard
 * switches and their portgroups, VMkernel adapters, and its proxy switches (the host's side of
 * each distributed switch). Only the fields the inventory reads; the rest is skipped unread.
 */
public record HostNetworkInfo(List<PhysicalNic> pnic, List<VirtualSwitch> vswitch, List<PortGroup> portgroup,
    List<VirtualNic> vnic, List<ProxySwitch> proxySwitch) implements PropertyValue {
  public HostNetworkInfo {
    pnic = List.copyOf(pnic);
    vswitch = List.copyOf(vswitch);
    portgroup = List.copyOf(portgroup);
    vnic = List.copyOf(vnic);
    proxySwitch = List.copyOf(proxySwitch);
  }

  /** PhysicalNic: "key-vim.host.PhysicalNic-vmnic0" names device vmnic0. */
  public record PhysicalNic(String key, String device) {}

  /** HostVirtualSwitch: its uplinks and portgroups by key. */
  public record VirtualSwitch(String name, List<String> pnic, List<String> portgroup) {
    public VirtualSwitch {
      pnic = List.copyOf(pnic);
      portgroup = List.copyOf(portgroup);
    }
  }

  /** HostPortGroup: key, spec.name, spec.vswitchName. */
  public record PortGroup(String key, String name, String vswitchName) {}

  /**
   * HostVirtualNic: on a standard portgroup ({@code portgroup}, or {@code spec.portgroup}) or on a
   * distributed port ({@code spec.distributedVirtualPort}: switch uuid and portgroup key).
   */
  public record VirtualNic(String device, String key, String portgroup, String specPortgroup, String dvsUuid,
      String dvsPortgroupKey) {}

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
    while (x.nextChild()) {
      switch (x.localName()) {
        case "name" -> name = x.text();
        case "pnic" -> pnics.add(x.text());
        case "portgroup" -> portgroups.add(x.text());
        default -> x.skip();
      }
    }
    return new VirtualSwitch(name, pnics, portgroups);
  }

  private static PortGroup portgroup(XmlCursor x) throws MalformedResponseException {
    String key = null;
    String name = null;
    String vswitch = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "key" -> key = x.text();
        case "spec" -> {
          while (x.nextChild()) {
            switch (x.localName()) {
              case "name" -> name = x.text();
              case "vswitchName" -> vswitch = x.text();
              default -> x.skip();
            }
          }
        }
        default -> x.skip();
      }
    }
    return new PortGroup(key, name, vswitch);
  }

  private static VirtualNic vnic(XmlCursor x) throws MalformedResponseException {
    String device = null;
    String key = null;
    String portgroup = null;
    String specPortgroup = null;
    String dvsUuid = null;
    String dvsPortgroupKey = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "device" -> device = x.text();
        case "key" -> key = x.text();
        case "portgroup" -> portgroup = x.text();
        case "spec" -> {
          while (x.nextChild()) {
            switch (x.localName()) {
              case "portgroup" -> specPortgroup = x.text();
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
    return new VirtualNic(device, key, portgroup, specPortgroup, dvsUuid, dvsPortgroupKey);
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
