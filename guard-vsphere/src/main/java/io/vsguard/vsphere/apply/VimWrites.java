package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.apply.VimCall.AddPortGroup;
import io.vsguard.vsphere.apply.VimCall.AddVirtualSwitch;
import io.vsguard.vsphere.apply.VimCall.EnterMaintenanceMode;
import io.vsguard.vsphere.apply.VimCall.ExitMaintenanceMode;
import io.vsguard.vsphere.apply.VimCall.MemberSpec;
import io.vsguard.vsphere.apply.VimCall.PortgroupSpec;
import io.vsguard.vsphere.apply.VimCall.ReconfigureDvs;
import io.vsguard.vsphere.apply.VimCall.RemovePortGroup;
import io.vsguard.vsphere.apply.VimCall.RemoveVirtualSwitch;
import io.vsguard.vsphere.apply.VimCall.ToDvPortgroup;
import io.vsguard.vsphere.apply.VimCall.ToPortgroup;
import io.vsguard.vsphere.apply.VimCall.UpdateNetworkConfig;
import io.vsguard.vsphere.apply.VimCall.UpdateVirtualNic;
import io.vsguard.vsphere.apply.VimCall.VnicTarget;
import io.vsguard.vsphere.apply.VimCall.VswitchSpec;
import io.vsguard.vsphere.vim.Mor;
import java.util.List;

/**
 * The vim25 writes of a host-by-host switch migration, one method per operation, all the same
 * shape: encode the {@link VimCall} (element order as in the vim25 WSDL), one round trip, the Task
 * it started or nothing, or the typed fault. None is ever sent twice: a write that may or may not
 * have reached vCenter is reported, never repeated.
 */
public final class VimWrites {
  private final Soap soap;

  VimWrites(Soap soap) {
    this.soap = soap;
  }

  /** Sends any write; answers its Task, or null for a synchronous method. */
  public Mor send(VimCall call) throws VsphereException {
    if (call instanceof EnterMaintenanceMode c) {
      return enterMaintenanceMode(c);
    } else if (call instanceof ExitMaintenanceMode c) {
      return exitMaintenanceMode(c);
    } else if (call instanceof AddVirtualSwitch c) {
      addVirtualSwitch(c);
    } else if (call instanceof RemoveVirtualSwitch c) {
      removeVirtualSwitch(c);
    } else if (call instanceof AddPortGroup c) {
      addPortGroup(c);
    } else if (call instanceof RemovePortGroup c) {
      removePortGroup(c);
    } else if (call instanceof UpdateVirtualNic c) {
      updateVirtualNic(c);
    } else if (call instanceof UpdateNetworkConfig c) {
      updateNetworkConfig(c);
    } else if (call instanceof ReconfigureDvs c) {
      return reconfigureDvs(c);
    } else {
      throw new IllegalStateException("no encoding for " + call.method());
    }
    return null;
  }

  public Mor enterMaintenanceMode(EnterMaintenanceMode c) throws VsphereException {
    return task(c);
  }

  public Mor exitMaintenanceMode(ExitMaintenanceMode c) throws VsphereException {
    return task(c);
  }

  public void addVirtualSwitch(AddVirtualSwitch c) throws VsphereException {
    sync(c);
  }

  public void removeVirtualSwitch(RemoveVirtualSwitch c) throws VsphereException {
    sync(c);
  }

  public void addPortGroup(AddPortGroup c) throws VsphereException {
    sync(c);
  }

  public void removePortGroup(RemovePortGroup c) throws VsphereException {
    sync(c);
  }

  public void updateVirtualNic(UpdateVirtualNic c) throws VsphereException {
    sync(c);
  }

  /**
   * The HostNetworkConfigResult it answers lists adapters added; this client adds none, so it is
   * not read.
   */
  public void updateNetworkConfig(UpdateNetworkConfig c) throws VsphereException {
    sync(c);
  }

  public Mor reconfigureDvs(ReconfigureDvs c) throws VsphereException {
    return task(c);
  }

  private void sync(VimCall c) throws VsphereException {
    soap.call(c.method(), c.label(), body(c), Soap.Kind.SEND_ONCE);
  }

  private Mor task(VimCall c) throws VsphereException {
    return Soap.returnedRef(
        soap.call(c.method(), c.label(), body(c), Soap.Kind.SEND_ONCE), c.method());
  }

  /** The request element of a call, as sent. */
  static String body(VimCall call) {
    Xml x = Xml.operation(call.method(), call.target());
    if (call instanceof EnterMaintenanceMode c) {
      x.number("timeout", c.timeoutSeconds())
          .bool("evacuatePoweredOffVms", c.evacuatePoweredOffVms());
    } else if (call instanceof ExitMaintenanceMode c) {
      x.number("timeout", c.timeoutSeconds());
    } else if (call instanceof AddVirtualSwitch c) {
      x.text("vswitchName", c.vswitchName());
      vswitchSpec(x, c.spec());
    } else if (call instanceof RemoveVirtualSwitch c) {
      x.text("vswitchName", c.vswitchName());
    } else if (call instanceof AddPortGroup c) {
      portgroupSpec(x, "portgrp", c.portgrp());
    } else if (call instanceof RemovePortGroup c) {
      x.text("pgName", c.pgName());
    } else if (call instanceof UpdateVirtualNic c) {
      x.text("device", c.device());
      vnicSpec(x, c.nic());
    } else if (call instanceof UpdateNetworkConfig c) {
      networkConfig(x, c);
    } else if (call instanceof ReconfigureDvs c) {
      dvsConfigSpec(x, c);
    } else {
      throw new IllegalStateException("no encoding for " + call.method());
    }
    return x.end(call.method());
  }

  /** HostVirtualSwitchSpec: numPorts, bridge, policy, mtu. */
  private static void vswitchSpec(Xml x, VswitchSpec spec) {
    x.open("spec").number("numPorts", spec.numPorts());
    if (!spec.bridge().isEmpty()) {
      x.open("bridge", "HostVirtualSwitchBondBridge");
      spec.bridge().forEach(p -> x.text("nicDevice", p));
      x.close("bridge");
    }
    if (spec.mtu() > 0) {
      x.number("mtu", spec.mtu());
    }
    x.close("spec");
  }

  /**
   * HostPortGroupSpec: name, vlanId, vswitchName, policy (required; empty: inherit the switch's;
   * with active pnics: the portgroup's own failover order, the rest of the switch's pnics unused).
   */
  private static void portgroupSpec(Xml x, String element, PortgroupSpec spec) {
    x.open(element)
        .text("name", spec.name())
        .number("vlanId", spec.vlanId())
        .text("vswitchName", spec.vswitchName())
        .open("policy");
    if (!spec.activeNic().isEmpty()) {
      x.open("nicTeaming").open("nicOrder");
      spec.activeNic().forEach(n -> x.text("activeNic", n));
      x.close("nicOrder").close("nicTeaming");
    }
    x.close("policy").close(element);
  }

  /** HostVirtualNicSpec with only the location set: ip, mac and mtu stay as they are. */
  private static void vnicSpec(Xml x, VnicTarget target) {
    x.open("nic");
    vnicLocation(x, target);
    x.close("nic");
  }

  private static void vnicLocation(Xml x, VnicTarget target) {
    if (target instanceof ToDvPortgroup d) {
      x.open("distributedVirtualPort")
          .text("switchUuid", d.dvs().uuid())
          .text("portgroupKey", d.portgroupKey())
          .close("distributedVirtualPort");
    } else {
      x.text("portgroup", ((ToPortgroup) target).portgroup());
    }
  }

  /**
   * HostNetworkConfig members in WSDL order (vswitch, proxySwitch, portgroup, vnic), then
   * changeMode.
   */
  private static void networkConfig(Xml x, UpdateNetworkConfig c) {
    x.open("config");
    for (VimCall.VswitchEdit v : c.vswitch()) {
      x.open("vswitch").text("changeOperation", v.op().wire()).text("name", v.name());
      if (v.spec() != null) {
        vswitchSpec(x, v.spec());
      }
      x.close("vswitch");
    }
    for (VimCall.ProxyEdit p : c.proxySwitch()) {
      x.open("proxySwitch")
          .text("changeOperation", VimCall.Op.EDIT.wire())
          .text("uuid", p.dvs().uuid())
          .open("spec");
      backing(x, p.backing());
      x.close("spec").close("proxySwitch");
    }
    for (VimCall.PortgroupEdit p : c.portgroup()) {
      x.open("portgroup").text("changeOperation", p.op().wire());
      portgroupSpec(x, "spec", p.spec());
      x.close("portgroup");
    }
    for (VimCall.VnicEdit v : c.vnic()) {
      x.open("vnic").text("changeOperation", VimCall.Op.EDIT.wire()).text("device", v.device());
      if (v.nic() instanceof ToPortgroup p) {
        x.text("portgroup", p.portgroup());
      }
      x.open("spec");
      vnicLocation(x, v.nic());
      x.close("spec").close("vnic");
    }
    x.close("config").text("changeMode", "modify");
  }

  /**
   * DVSConfigSpec (VMwareDVSConfigSpec for a VMware switch): configVersion, then host members.
   * Nothing else is set, so the switch's own settings cannot change through this client.
   */
  private static void dvsConfigSpec(Xml x, ReconfigureDvs c) {
    if (c.configVersion() == null) {
      throw new IllegalStateException(
          "ReconfigureDvs_Task on "
              + c.dvs().name()
              + " without a configVersion: plan the step from the switch as it is now");
    }
    String type =
        "VmwareDistributedVirtualSwitch".equals(c.dvs().dvs().type())
            ? "VMwareDVSConfigSpec"
            : "DVSConfigSpec";
    x.open("spec", type).text("configVersion", c.configVersion());
    for (MemberSpec m : c.host()) {
      x.open("host").text("operation", m.operation().wire()).ref("host", m.host().host());
      if (m.backing() != null) {
        backing(x, m.backing());
      }
      x.close("host");
    }
    x.close("spec");
  }

  /**
   * DistributedVirtualSwitchHostMemberPnicBacking: pnicSpec (pnicDevice, uplinkPortKey,
   * uplinkPortgroupKey).
   */
  private static void backing(Xml x, List<PnicOnPort> backing) {
    x.open("backing", "DistributedVirtualSwitchHostMemberPnicBacking");
    for (PnicOnPort p : backing) {
      if (p.portKey() == null) {
        throw new IllegalStateException(
            "pnic "
                + p.pnic()
                + " without its DV port key: plan the step from the host"
                + " as it is now");
      }
      x.open("pnicSpec").text("pnicDevice", p.pnic()).text("uplinkPortKey", p.portKey());
      if (p.uplinkPortgroupKey() != null) {
        x.text("uplinkPortgroupKey", p.uplinkPortgroupKey());
      }
      x.close("pnicSpec");
    }
    x.close("backing");
  }
}
