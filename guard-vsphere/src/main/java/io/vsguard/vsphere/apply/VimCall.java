package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.vim.Mor;
import java.util.ArrayList;
import java.util.List;

/**
 * One vim25 write, with every argument it will be sent with. The same value is described for a dry
 * run ({@link #describe()}) and encoded by {@link VimWrites} for a real one, so what apply prints
 * is what vCenter receives.
 */
public sealed interface VimCall {
  /** The vim25 method, e.g. {@code ReconfigureDvs_Task}. */
  String method();

  /** The object the method is called on ({@code _this}). */
  Mor target();

  /** Whether the method answers a Task to wait for. */
  boolean task();

  /** The dry-run line: method, target (with its name) and arguments. */
  String describe();

  /** Short form for messages: {@code UpdateNetworkConfig on esx-par-01}. */
  default String label() {
    return method() + " on " + Text.visible(subject());
  }

  /** The host or switch name the call is about. */
  String subject();

  /** A task on the HostSystem itself: maintenance mode. */
  sealed interface HostTask extends VimCall {
    HostRef host();

    @Override
    default Mor target() {
      return host().host();
    }

    @Override
    default boolean task() {
      return true;
    }

    @Override
    default String subject() {
      return host().name();
    }
  }

  /**
   * A synchronous call on the host's HostNetworkSystem: switches, portgroups, vmkernel adapters.
   */
  sealed interface NetworkSystemCall extends VimCall {
    HostRef host();

    @Override
    default Mor target() {
      return host().networkSystem();
    }

    @Override
    default boolean task() {
      return false;
    }

    @Override
    default String subject() {
      return host().name();
    }
  }

  /**
   * add, edit or remove, as vim25's HostConfigChangeOperation and ConfigSpecOperation spell them.
   */
  enum Op {
    ADD,
    EDIT,
    REMOVE;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  record EnterMaintenanceMode(HostRef host, int timeoutSeconds, boolean evacuatePoweredOffVms)
      implements HostTask {
    @Override
    public String method() {
      return "EnterMaintenanceMode_Task";
    }

    @Override
    public String describe() {
      return method()
          + " "
          + host.show()
          + " timeout="
          + timeoutSeconds
          + " evacuatePoweredOffVms="
          + evacuatePoweredOffVms;
    }
  }

  record ExitMaintenanceMode(HostRef host, int timeoutSeconds) implements HostTask {
    @Override
    public String method() {
      return "ExitMaintenanceMode_Task";
    }

    @Override
    public String describe() {
      return method() + " " + host.show() + " timeout=" + timeoutSeconds;
    }
  }

  /**
   * A standard switch: {@code mtu} 0 leaves ESXi's default; {@code bridge} lists the pnics it
   * bonds.
   */
  record VswitchSpec(int numPorts, int mtu, List<String> bridge) {
    public VswitchSpec {
      bridge = List.copyOf(bridge);
    }

    String show() {
      return "numPorts=" + numPorts + (mtu > 0 ? " mtu=" + mtu : "") + " bridge=" + list(bridge);
    }
  }

  record AddVirtualSwitch(HostRef host, String vswitchName, VswitchSpec spec)
      implements NetworkSystemCall {
    @Override
    public String method() {
      return "AddVirtualSwitch";
    }

    @Override
    public String describe() {
      return method()
          + " "
          + host.showNetworkSystem()
          + " vswitchName="
          + Text.visible(vswitchName)
          + " "
          + spec.show();
    }
  }

  record RemoveVirtualSwitch(HostRef host, String vswitchName) implements NetworkSystemCall {
    @Override
    public String method() {
      return "RemoveVirtualSwitch";
    }

    @Override
    public String describe() {
      return method()
          + " "
          + host.showNetworkSystem()
          + " vswitchName="
          + Text.visible(vswitchName);
    }
  }

  /** A standard portgroup: name, VLAN (0 none, 4095 all) and its standard switch. */
  record PortgroupSpec(String name, int vlanId, String vswitchName, List<String> activeNic) {
    public PortgroupSpec {
      activeNic = List.copyOf(activeNic);
    }

    public PortgroupSpec(String name, int vlanId, String vswitchName) {
      this(name, vlanId, vswitchName, List.of());
    }

    String show() {
      return "name="
          + Text.visible(name)
          + " vlanId="
          + vlanId
          + " vswitchName="
          + Text.visible(vswitchName)
          + (activeNic.isEmpty() ? "" : " activeNic=" + list(activeNic));
    }
  }

  record AddPortGroup(HostRef host, PortgroupSpec portgrp) implements NetworkSystemCall {
    @Override
    public String method() {
      return "AddPortGroup";
    }

    @Override
    public String describe() {
      return method() + " " + host.showNetworkSystem() + " " + portgrp.show();
    }
  }

  record RemovePortGroup(HostRef host, String pgName) implements NetworkSystemCall {
    @Override
    public String method() {
      return "RemovePortGroup";
    }

    @Override
    public String describe() {
      return method() + " " + host.showNetworkSystem() + " pgName=" + Text.visible(pgName);
    }
  }

  /** Where a VMkernel adapter goes: a standard portgroup or a distributed portgroup. */
  sealed interface VnicTarget {
    String show();
  }

  record ToPortgroup(String portgroup) implements VnicTarget {
    @Override
    public String show() {
      return "portgroup=" + Text.visible(portgroup);
    }
  }

  /**
   * A distributed portgroup, by the switch's uuid and the portgroup's key; vCenter picks the port.
   */
  record ToDvPortgroup(DvsRef dvs, String portgroupKey, String portgroupName)
      implements VnicTarget {
    @Override
    public String show() {
      return "distributedVirtualPort="
          + Text.visible(dvs.name())
          + " (switchUuid "
          + Text.visible(dvs.uuid())
          + ") portgroup "
          + Text.visible(portgroupName)
          + " (portgroupKey "
          + Text.visible(portgroupKey)
          + ")";
    }
  }

  record UpdateVirtualNic(HostRef host, String device, VnicTarget nic)
      implements NetworkSystemCall {
    @Override
    public String method() {
      return "UpdateVirtualNic";
    }

    @Override
    public String describe() {
      return method()
          + " "
          + host.showNetworkSystem()
          + " device="
          + Text.visible(device)
          + " "
          + nic.show();
    }
  }

  /** A standard switch change inside UpdateNetworkConfig; {@code spec} null for a removal. */
  record VswitchEdit(Op op, String name, VswitchSpec spec) {
    String show() {
      return op.wire() + " " + Text.visible(name) + (spec == null ? "" : " " + spec.show());
    }
  }

  /**
   * A proxy switch's new pnic backing inside UpdateNetworkConfig (hosts only edit proxy switches).
   */
  record ProxyEdit(DvsRef dvs, List<PnicOnPort> backing) {
    public ProxyEdit {
      backing = List.copyOf(backing);
    }

    String show() {
      return "edit " + Text.visible(dvs.name()) + " backing=" + backingList(backing);
    }
  }

  record PortgroupEdit(Op op, PortgroupSpec spec) {
    String show() {
      return op.wire() + " " + spec.show();
    }
  }

  record VnicEdit(String device, VnicTarget nic) {
    String show() {
      return "edit " + Text.visible(device) + " " + nic.show();
    }
  }

  /**
   * UpdateNetworkConfig in modify mode: standard switches, proxy switches, portgroups and VMkernel
   * adapters changed in one atomic call (ESXi applies all or nothing).
   */
  record UpdateNetworkConfig(
      HostRef host,
      List<VswitchEdit> vswitch,
      List<ProxyEdit> proxySwitch,
      List<PortgroupEdit> portgroup,
      List<VnicEdit> vnic)
      implements NetworkSystemCall {
    public UpdateNetworkConfig {
      vswitch = List.copyOf(vswitch);
      proxySwitch = List.copyOf(proxySwitch);
      portgroup = List.copyOf(portgroup);
      vnic = List.copyOf(vnic);
    }

    @Override
    public String method() {
      return "UpdateNetworkConfig";
    }

    @Override
    public String describe() {
      StringBuilder b =
          new StringBuilder(method())
              .append(' ')
              .append(host.showNetworkSystem())
              .append(" changeMode=modify");
      vswitch.forEach(v -> b.append(" vswitch[").append(v.show()).append(']'));
      proxySwitch.forEach(p -> b.append(" proxySwitch[").append(p.show()).append(']'));
      portgroup.forEach(p -> b.append(" portgroup[").append(p.show()).append(']'));
      vnic.forEach(v -> b.append(" vnic[").append(v.show()).append(']'));
      return b.toString();
    }
  }

  /**
   * One host member change of ReconfigureDvs_Task; {@code backing} null leaves the pnics as they
   * are.
   */
  record MemberSpec(Op operation, HostRef host, List<PnicOnPort> backing) {
    public MemberSpec {
      backing = backing == null ? null : List.copyOf(backing);
    }

    String show() {
      return operation.wire()
          + " "
          + host.show()
          + (backing == null ? "" : " backing=" + backingList(backing));
    }
  }

  /**
   * ReconfigureDvs_Task for host members. {@code configVersion} is the switch's as read before the
   * call: a switch changed meanwhile answers ConcurrentAccess instead of applying a stale change.
   * It is null only in a dry run's predicted state (read when the step runs).
   */
  record ReconfigureDvs(DvsRef dvs, String configVersion, List<MemberSpec> host)
      implements VimCall {
    public ReconfigureDvs {
      host = List.copyOf(host);
    }

    @Override
    public String method() {
      return "ReconfigureDvs_Task";
    }

    @Override
    public Mor target() {
      return dvs.dvs();
    }

    @Override
    public boolean task() {
      return true;
    }

    @Override
    public String subject() {
      return dvs.name();
    }

    @Override
    public String describe() {
      StringBuilder b =
          new StringBuilder(method())
              .append(' ')
              .append(dvs.show())
              .append(" configVersion=")
              .append(
                  configVersion == null
                      ? "(read when the step runs)"
                      : Text.visible(configVersion));
      host.forEach(m -> b.append(" host[").append(m.show()).append(']'));
      return b.toString();
    }
  }

  private static String list(List<String> items) {
    List<String> shown = new ArrayList<>();
    items.forEach(i -> shown.add(Text.visible(i)));
    return "[" + String.join(", ", shown) + "]";
  }

  private static String backingList(List<PnicOnPort> backing) {
    List<String> shown = new ArrayList<>();
    backing.forEach(b -> shown.add(b.show()));
    return "[" + String.join(", ", shown) + "]";
  }
}
