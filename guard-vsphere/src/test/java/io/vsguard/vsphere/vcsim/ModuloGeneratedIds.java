package io.vsguard.vsphere.vcsim;

import io.vsguard.core.model.Cluster;
import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.Portgroup;
import io.vsguard.core.model.StandardSwitch;
import io.vsguard.core.model.VmAdapter;
import io.vsguard.core.model.Vmkernel;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an Inventory captured from vcsim may legitimately differ in from the fixture vcsim was built
 * from — "equal modulo generated ids". {@link #normalise} is applied to both sides and everything
 * it keeps must then be equal. Ignored, and why:
 *
 * <ul>
 *   <li>{@code capturedAt}: the instant of the capture, not of the fixture.
 *   <li>{@code source.url}: the simulator's loopback address; {@code source.tls}: how this capture
 *       checked the certificate (the tests assert it separately). {@code source.type}, {@code
 *       apiVersion} and {@code instanceUuid} are served from the fixture and compared.
 *   <li>{@code hosts[].id}, {@code distributedSwitches[].id}, {@code portgroups[].key}:
 *       managed-object ids, which vcsim assigns itself (vim25 has no way to choose them).
 *   <li>{@code distributedSwitches[].uuid} only when the fixture has none (vcsim generates one).
 *   <li>Order of the lists the capture sorts by name (the fixture's order is the author's):
 *       datacenters, clusters and their hosts, hosts and their VMs, switches, members, portgroups.
 *       Lists whose order vCenter reports (pnics, uplinks, vmkernels, teaming) keep their order.
 *   <li>{@code distributedSwitches[].mtu} missing in the fixture counts as 1500: vim25's {@code
 *       VMwareDVSConfigInfo.maxMtu} is mandatory, so vCenter (and the harness) always report one,
 *       and 1500 is a new switch's default.
 *   <li>{@code hosts[].vms} when the fixture host has none: the harness then generates names, so
 *       only their number is compared with {@code vmCount} (the captured list is dropped if it has
 *       exactly vmCount names, and kept — so the comparison fails — otherwise).
 *   <li>{@code hosts[].vmAdapters} are compared VM by VM in name order (the capture lists them so);
 *       each VM's adapters keep their order, which is the VM's device order.
 *   <li>What ESXi always reports and a fixture may leave out counts as what ESXi reports by
 *       default, as the harness serves it: a VMkernel adapter's or standard switch's missing {@code
 *       mtu} as 1500, a standard portgroup without {@code portgroupSettings} (or without its {@code
 *       vlan} or {@code teaming}) as VLAN 0 with the switch's teaming — {@code loadbalance_srcid},
 *       every pnic of the switch active.
 * </ul>
 */
final class ModuloGeneratedIds {
  static final int VCENTER_DEFAULT_MTU = 1500;
  static final String ESXI_DEFAULT_TEAMING = "loadbalance_srcid";

  private ModuloGeneratedIds() {}

  /**
   * {@code inventory} (captured, or the fixture itself) reduced to what must match {@code fixture}.
   */
  static Inventory normalise(Inventory inventory, Inventory fixture) {
    Map<String, Host> fixtureHosts = byName(fixture.hosts(), Host::name);
    Map<String, DistributedSwitch> fixtureSwitches =
        byName(fixture.distributedSwitches(), DistributedSwitch::name);
    Inventory.Source s = inventory.source();
    return new Inventory(
        inventory.apiVersion(),
        inventory.kind(),
        null,
        s == null
            ? null
            : new Inventory.Source(s.type(), null, s.apiVersion(), s.instanceUuid(), null),
        inventory.vcenter(),
        sorted(inventory.datacenters(), Inventory.Datacenter::name),
        sorted(
            inventory.clusters().stream().map(ModuloGeneratedIds::cluster).toList(), Cluster::name),
        sorted(
            inventory.hosts().stream().map(h -> host(h, fixtureHosts.get(h.name()))).toList(),
            Host::name),
        sorted(
            inventory.distributedSwitches().stream()
                .map(d -> dvs(d, fixtureSwitches.get(d.name())))
                .toList(),
            DistributedSwitch::name));
  }

  private static Cluster cluster(Cluster c) {
    return new Cluster(
        c.name(),
        c.datacenter(),
        c.drsEnabled(),
        c.haEnabled(),
        c.haHostFailuresTolerated(),
        c.hosts().stream().sorted().toList());
  }

  private static Host host(Host h, Host fixture) {
    List<String> vms = h.vms().stream().sorted().toList();
    boolean namesGenerated = fixture != null && fixture.vms().isEmpty();
    if (namesGenerated && vms.size() == h.vmCount()) {
      vms = List.of();
    }
    List<Vmkernel> vmks =
        h.vmkernels().stream()
            .map(
                v ->
                    new Vmkernel(
                        v.device(),
                        v.switchName(),
                        v.portgroup(),
                        v.services(),
                        v.mtu() == null ? Integer.valueOf(VCENTER_DEFAULT_MTU) : v.mtu()))
            .toList();
    return new Host(
        null,
        h.name(),
        h.datacenter(),
        h.cluster(),
        h.version(),
        h.build(),
        h.connectionState(),
        h.maintenanceMode(),
        h.pnics(),
        h.standardSwitches().stream().map(ModuloGeneratedIds::vswitch).toList(),
        vmks,
        h.vmCount(),
        vms,
        sorted(h.vmAdapters(), VmAdapter::vm));
  }

  private static StandardSwitch vswitch(StandardSwitch s) {
    List<StandardSwitch.PortgroupSettings> settings =
        s.portgroups().stream()
            .map(
                pg -> {
                  StandardSwitch.PortgroupSettings given = s.settings(pg).orElse(null);
                  Integer vlan =
                      given == null || given.vlan() == null ? Integer.valueOf(0) : given.vlan();
                  Portgroup.Teaming teaming =
                      given == null || given.teaming() == null
                          ? new Portgroup.Teaming(ESXI_DEFAULT_TEAMING, s.pnics(), List.of())
                          : given.teaming();
                  return new StandardSwitch.PortgroupSettings(pg, vlan, teaming);
                })
            .toList();
    return new StandardSwitch(
        s.name(),
        s.pnics(),
        s.portgroups(),
        s.mtu() == null ? Integer.valueOf(VCENTER_DEFAULT_MTU) : s.mtu(),
        settings);
  }

  private static DistributedSwitch dvs(DistributedSwitch d, DistributedSwitch fixture) {
    boolean uuidGenerated = fixture != null && fixture.uuid() == null;
    return new DistributedSwitch(
        null,
        uuidGenerated ? null : d.uuid(),
        d.name(),
        d.datacenter(),
        d.version(),
        d.mtu() == null ? Integer.valueOf(VCENTER_DEFAULT_MTU) : d.mtu(),
        d.uplinks(),
        d.lacp(),
        sorted(d.members(), DistributedSwitch.Member::host),
        sorted(
            d.portgroups().stream().map(ModuloGeneratedIds::portgroup).toList(), Portgroup::name));
  }

  private static Portgroup portgroup(Portgroup p) {
    return new Portgroup(
        p.name(), null, p.vlan(), p.uplinkPortgroup(), p.teaming(), p.lacp(), p.vlanTrunk());
  }

  private static <T> List<T> sorted(List<T> list, Function<T, String> name) {
    return list.stream().sorted(Comparator.comparing(name)).toList();
  }

  private static <T> Map<String, T> byName(List<T> list, Function<T, String> name) {
    return list.stream().collect(Collectors.toMap(name, Function.identity(), (a, b) -> a));
  }
}
