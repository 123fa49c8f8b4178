package io.vsguard.vsphere.map;

import io.vsguard.core.model.Cluster;
import io.vsguard.core.model.ConnectionState;
import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.Portgroup;
import io.vsguard.core.model.StandardSwitch;
import io.vsguard.core.model.VmAdapter;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.vim.ClusterConfigInfoEx;
import io.vsguard.vsphere.vim.DvPortgroupConfigInfo;
import io.vsguard.vsphere.vim.DvsConfigInfo;
import io.vsguard.vsphere.vim.HostNetworkInfo;
import io.vsguard.vsphere.vim.Mor;
import io.vsguard.vsphere.vim.ObjectContent;
import io.vsguard.vsphere.vim.ProductInfo;
import io.vsguard.vsphere.vim.ServiceContent;
import io.vsguard.vsphere.vim.VirtualEthernetCards;
import io.vsguard.vsphere.vim.VirtualNicManagerNetConfigs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the captured vim25 objects into a guard-core Inventory, names as the vSphere Client shows
 * them. Anything the rules depend on that cannot be resolved (a member host that is not in the
 * capture, an uplink port without a name, a VMkernel or VM adapter on an unknown switch or
 * portgroup) fails the capture: an inventory with a silent gap could let a dangerous change
 * through.
 */
public final class InventoryMapper {
  /**
   * vim25 nicType → the inventory's service names (docs/spec/formats.md, section 1). Other nic
   * types are not tracked.
   */
  static final Map<String, String> SERVICES = servicesMap();

  /** What the capture knows besides the objects. */
  public record Context(
      ServiceContent.About about,
      String url,
      String tls,
      Instant capturedAt,
      String vcenterVm,
      String urlHost) {}

  private final Context ctx;
  private final Map<Mor, ObjectContent> objects = new LinkedHashMap<>();

  private InventoryMapper(Context ctx, List<ObjectContent> contents) {
    this.ctx = ctx;
    contents.forEach(o -> objects.put(o.obj(), o));
  }

  public static Inventory map(Context ctx, List<ObjectContent> contents)
      throws MalformedResponseException {
    return new InventoryMapper(ctx, contents).map();
  }

  private Inventory map() throws MalformedResponseException {
    List<Inventory.Datacenter> dcs = new ArrayList<>();
    for (ObjectContent o : ofType("Datacenter")) {
      dcs.add(new Inventory.Datacenter(name(o)));
    }
    dcs.sort(Comparator.comparing(Inventory.Datacenter::name));

    Map<Mor, String> hostNames = new HashMap<>();
    for (ObjectContent o : ofType("HostSystem")) {
      hostNames.put(o.obj(), name(o));
    }
    Map<Mor, String> vmNames = new HashMap<>();
    Map<Mor, VirtualEthernetCards> vmCards = new HashMap<>();
    for (ObjectContent o : ofType("VirtualMachine")) {
      vmNames.put(o.obj(), name(o));
      VirtualEthernetCards cards = o.value("config.hardware.device", VirtualEthernetCards.class);
      if (cards != null) {
        vmCards.put(o.obj(), cards);
      }
    }

    List<Cluster> clusters = new ArrayList<>();
    for (ObjectContent o : ofType("ClusterComputeResource")) {
      clusters.add(cluster(o, hostNames));
    }
    clusters.sort(Comparator.comparing(Cluster::name));

    List<Dvs> dvss = new ArrayList<>();
    for (ObjectContent o : ofType("DistributedVirtualSwitch", "VmwareDistributedVirtualSwitch")) {
      dvss.add(new Dvs(o, name(o), o.text("uuid"), o.value("config", DvsConfigInfo.class)));
    }
    Map<String, Dvs> dvsByUuid = new HashMap<>();
    for (Dvs d : dvss) {
      if (d.uuid != null) {
        dvsByUuid.put(d.uuid, d);
      }
    }
    Map<Mor, List<DvPortgroupConfigInfo>> portgroupsByDvs = new HashMap<>();
    Map<Mor, Map<String, String>> portgroupNames = new HashMap<>();
    for (ObjectContent o : ofType("DistributedVirtualPortgroup")) {
      DvPortgroupConfigInfo config = o.value("config", DvPortgroupConfigInfo.class);
      if (config == null) {
        throw new MalformedResponseException("portgroup " + o.obj() + " came without its config");
      }
      if (config.distributedVirtualSwitch() == null) {
        throw new MalformedResponseException(
            "portgroup " + o.obj() + " has no distributedVirtualSwitch");
      }
      portgroupsByDvs
          .computeIfAbsent(config.distributedVirtualSwitch(), k -> new ArrayList<>())
          .add(config);
      if (config.key() != null) {
        portgroupNames
            .computeIfAbsent(config.distributedVirtualSwitch(), k -> new HashMap<>())
            .putIfAbsent(config.key(), Names.unescape(config.name()));
      }
    }
    Set<String> dvsNames = new HashSet<>();
    dvss.forEach(d -> dvsNames.add(d.name));

    List<Host> hosts = new ArrayList<>();
    Map<Mor, HostNetwork> networks = new HashMap<>();
    for (ObjectContent o : ofType("HostSystem")) {
      HostNetwork net = HostNetwork.of(o.value("config.network", HostNetworkInfo.class));
      networks.put(o.obj(), net);
      hosts.add(host(o, net, new Switches(dvsByUuid, portgroupNames, dvsNames), vmNames, vmCards));
    }
    hosts.sort(Comparator.comparing(Host::name));

    List<DistributedSwitch> switches = new ArrayList<>();
    for (Dvs d : dvss) {
      switches.add(
          dvs(d, portgroupsByDvs.getOrDefault(d.obj.obj(), List.of()), hostNames, networks));
    }
    switches.sort(Comparator.comparing(DistributedSwitch::name));

    ServiceContent.About about = ctx.about();
    return new Inventory(
        Inventory.API_VERSION,
        Inventory.KIND,
        ctx.capturedAt(),
        new Inventory.Source(
            "vcenter", ctx.url(), about.apiVersion(), about.instanceUuid(), ctx.tls()),
        vcenter(hostNames),
        dcs,
        clusters,
        hosts,
        switches);
  }

  // ---- clusters

  private Cluster cluster(ObjectContent o, Map<Mor, String> hostNames)
      throws MalformedResponseException {
    ClusterConfigInfoEx cfg = o.value("configurationEx", ClusterConfigInfoEx.class);
    boolean drs = cfg != null && cfg.drsEnabled();
    boolean ha = cfg != null && cfg.haEnabled();
    Integer ftt = null;
    if (ha && cfg.admissionControlEnabled()) {
      ClusterConfigInfoEx.AdmissionControlPolicy policy = cfg.admissionControlPolicy();
      if (policy != null) {
        if (policy.failoverLevel() != null) {
          ftt = policy.failoverLevel();
        } else if ("ClusterFailoverHostAdmissionControlPolicy".equals(policy.type())) {
          ftt = policy.failoverHosts();
        }
      }
    }
    List<String> members = new ArrayList<>();
    for (Mor h : o.refs("host")) {
      String n = hostNames.get(h);
      if (n == null) {
        throw new MalformedResponseException(
            "cluster " + name(o) + " lists host " + h + " that the capture did not return");
      }
      members.add(n);
    }
    members.sort(null);
    return new Cluster(name(o), datacenter(o.obj()), drs, ha, ftt, members);
  }

  // ---- hosts

  /** The distributed switches as adapters name them: by uuid, their portgroups by key. */
  private record Switches(
      Map<String, Dvs> byUuid, Map<Mor, Map<String, String>> portgroupNames, Set<String> names) {
    Dvs byUuid(String uuid) {
      return uuid == null ? null : byUuid.get(uuid);
    }

    String portgroupName(Dvs d, String key) {
      return key == null ? null : portgroupNames.getOrDefault(d.obj.obj(), Map.of()).get(key);
    }

    /**
     * A standard switch as an adapter names it: {@code standard:} when a distributed switch has its
     * name.
     */
    String standard(String vswitch) {
      return names.contains(vswitch) ? "standard:" + vswitch : vswitch;
    }
  }

  private Host host(
      ObjectContent o,
      HostNetwork net,
      Switches switches,
      Map<Mor, String> vmNames,
      Map<Mor, VirtualEthernetCards> vmCards)
      throws MalformedResponseException {
    String name = name(o);
    String state = o.text("runtime.connectionState");
    ConnectionState cs = connection(state, name);
    if (net == null && cs == ConnectionState.CONNECTED) {
      throw new MalformedResponseException(
          "host " + name + " is connected but vCenter returned no network configuration");
    }
    boolean networkKnown = net != null;
    if (net == null) {
      net = HostNetwork.EMPTY;
    }
    ProductInfo product = o.value("summary.config.product", ProductInfo.class);
    Mor parent = parentOf(o.obj());
    String cluster =
        parent != null
                && parent.type().equals("ClusterComputeResource")
                && objects.containsKey(parent)
            ? name(objects.get(parent))
            : null;

    List<StandardSwitch> vss = new ArrayList<>();
    for (HostNetwork.Vswitch v : net.vswitches()) {
      List<StandardSwitch.PortgroupSettings> settings = new ArrayList<>();
      for (HostNetwork.PortgroupSettings ps : v.settings()) {
        HostNetworkInfo.NicTeaming t = ps.teaming();
        settings.add(
            new StandardSwitch.PortgroupSettings(
                ps.name(),
                ps.vlan(),
                t == null
                    ? null
                    : new Portgroup.Teaming(t.policy(), t.activeNic(), t.standbyNic())));
      }
      vss.add(new StandardSwitch(v.name(), v.pnics(), v.portgroups(), v.mtu(), settings));
    }
    Map<String, List<String>> services =
        services(
            o.value("config.virtualNicManagerInfo.netConfig", VirtualNicManagerNetConfigs.class),
            net);
    List<Vmkernel> vmks = new ArrayList<>();
    for (HostNetwork.Vnic v : net.vnics()) {
      String sw;
      String pg;
      if (v.dvsUuid() != null) {
        Dvs d = switches.byUuid(v.dvsUuid());
        if (d == null) {
          throw new MalformedResponseException(
              "host "
                  + name
                  + " "
                  + v.device()
                  + ": on distributed switch uuid "
                  + v.dvsUuid()
                  + " that the capture did not return");
        }
        sw = d.name;
        pg = switches.portgroupName(d, v.dvsPortgroupKey());
        if (pg == null) {
          throw new MalformedResponseException(
              "host "
                  + name
                  + " "
                  + v.device()
                  + ": on portgroup key "
                  + v.dvsPortgroupKey()
                  + " that switch "
                  + d.name
                  + " does not have");
        }
      } else if (v.portgroup() != null) {
        String vswitch = net.vswitchOfPortgroup(v.portgroup());
        if (vswitch == null) {
          throw new MalformedResponseException(
              "host "
                  + name
                  + " "
                  + v.device()
                  + ": on portgroup '"
                  + v.portgroup()
                  + "' that no standard switch of the host has");
        }
        sw = switches.standard(vswitch);
        pg = v.portgroup();
      } else {
        throw new MalformedResponseException(
            "host "
                + name
                + " "
                + v.device()
                + ": neither on a standard nor on a distributed portgroup (opaque networks are not supported)");
      }
      vmks.add(
          new Vmkernel(v.device(), sw, pg, services.getOrDefault(v.device(), List.of()), v.mtu()));
    }
    List<Mor> vmRefs = new ArrayList<>();
    for (Mor vm : o.refs("vm")) {
      if (vmNames.get(vm) == null) {
        // critical VMs are placed by these names: a gap could let one move too early
        throw new MalformedResponseException(
            "host " + name + " lists VM " + vm + " that the capture did not return");
      }
      vmRefs.add(vm);
    }
    // by name, as vms; a stable sort keeps vCenter's order between VMs of the same name
    vmRefs.sort(Comparator.comparing(vmNames::get));
    List<String> vms = vmRefs.stream().map(vmNames::get).toList();
    // without the host's network its standard portgroups are unknown, so are its VMs' adapters
    List<VmAdapter> adapters =
        networkKnown ? vmAdapters(name, net, switches, vmRefs, vmNames, vmCards) : List.of();
    return new Host(
        o.obj().value(),
        name,
        datacenter(o.obj()),
        cluster,
        product == null ? null : product.version(),
        product == null ? null : product.build(),
        cs,
        "true".equals(o.text("runtime.inMaintenanceMode")),
        net.pnicDevices(),
        vss,
        vmks,
        vms.size(),
        vms,
        adapters);
  }

  /**
   * Each network adapter of the host's VMs, VM by VM in name order, on its switch and portgroup.
   */
  private static List<VmAdapter> vmAdapters(
      String host,
      HostNetwork net,
      Switches switches,
      List<Mor> vmRefs,
      Map<Mor, String> vmNames,
      Map<Mor, VirtualEthernetCards> vmCards)
      throws MalformedResponseException {
    List<VmAdapter> out = new ArrayList<>();
    Set<List<String>> seen = new HashSet<>();
    for (Mor ref : vmRefs) {
      VirtualEthernetCards cards = vmCards.get(ref);
      if (cards == null) {
        continue; // a VM without a configuration (inaccessible, orphaned) has no adapters vCenter
        // knows
      }
      String vm = vmNames.get(ref);
      for (VirtualEthernetCards.Card c : cards.cards()) {
        String adapter =
            c.label() != null && !c.label().isBlank() ? c.label() : "device " + c.key();
        String at = "host " + host + ", VM " + vm + " " + adapter;
        String sw;
        String pg;
        switch (c.backingType()) {
          case VirtualEthernetCards.DISTRIBUTED_PORT -> {
            Dvs d = switches.byUuid(c.switchUuid());
            if (d == null) {
              throw new MalformedResponseException(
                  at
                      + ": on distributed switch uuid "
                      + c.switchUuid()
                      + " that the capture did not return");
            }
            sw = d.name;
            pg = switches.portgroupName(d, c.portgroupKey());
            if (pg == null) {
              throw new MalformedResponseException(
                  at
                      + ": on portgroup key "
                      + c.portgroupKey()
                      + " that switch "
                      + d.name
                      + " does not have (a standalone port is not supported)");
            }
          }
          case VirtualEthernetCards.NETWORK -> {
            String vswitch = c.deviceName() == null ? null : net.vswitchOfPortgroup(c.deviceName());
            if (vswitch == null) {
              throw new MalformedResponseException(
                  at
                      + ": on network '"
                      + c.deviceName()
                      + "' that no standard switch of the host has");
            }
            sw = switches.standard(vswitch);
            pg = c.deviceName();
          }
          default ->
              throw new MalformedResponseException(
                  at
                      + ": on a "
                      + c.backingType()
                      + " (opaque and legacy networks are not supported: vsguard places adapters on standard and"
                      + " distributed portgroups)");
        }
        if (!seen.add(List.of(vm, adapter))) {
          // the inventory names adapters by VM name and label: two of them with one name cannot be
          // told apart
          throw new MalformedResponseException(
              at
                  + ": a second adapter with this VM name and label on the host;"
                  + " rename one of the VMs");
        }
        out.add(new VmAdapter(vm, adapter, sw, pg));
      }
    }
    return out;
  }

  private static ConnectionState connection(String wire, String host)
      throws MalformedResponseException {
    for (ConnectionState s : ConnectionState.values()) {
      if (s.wire().equals(wire)) {
        return s;
      }
    }
    throw new MalformedResponseException(
        "host "
            + host
            + " has connection state '"
            + wire
            + "'; expected connected, disconnected or notResponding");
  }

  /** Which VMkernel device carries which services: the selected vnics of each nicType. */
  private static Map<String, List<String>> services(
      VirtualNicManagerNetConfigs netConfigs, HostNetwork net) {
    Map<String, Set<String>> byDevice = new HashMap<>();
    if (netConfigs != null) {
      for (VirtualNicManagerNetConfigs.NetConfig nc : netConfigs.netConfig()) {
        String service = SERVICES.get(nc.nicType());
        if (service == null) {
          continue;
        }
        Map<String, String> candidates = new HashMap<>();
        for (VirtualNicManagerNetConfigs.Candidate c : nc.candidateVnic()) {
          candidates.put(c.key(), c.device());
        }
        for (String selected : nc.selectedVnic()) {
          String device = candidates.get(selected);
          if (device == null) {
            // selected keys are "<nicType>.<vnic key>"
            device =
                net.vnics().stream()
                    .filter(
                        v ->
                            v.key() != null
                                && (selected.equals(v.key()) || selected.endsWith("." + v.key())))
                    .map(HostNetwork.Vnic::device)
                    .findFirst()
                    .orElse(null);
          }
          if (device != null) {
            byDevice.computeIfAbsent(device, k -> new HashSet<>()).add(service);
          }
        }
      }
    }
    Map<String, List<String>> out = new HashMap<>();
    byDevice.forEach(
        (device, set) ->
            out.put(device, SERVICES.values().stream().distinct().filter(set::contains).toList()));
    return out;
  }

  // ---- distributed switches

  private record Dvs(ObjectContent obj, String name, String uuid, DvsConfigInfo config) {}

  private DistributedSwitch dvs(
      Dvs d,
      List<DvPortgroupConfigInfo> portgroupConfigs,
      Map<Mor, String> hostNames,
      Map<Mor, HostNetwork> networks)
      throws MalformedResponseException {
    DvsConfigInfo c = d.config;
    if (c == null) {
      throw new MalformedResponseException(
          "distributed switch " + d.name + " came without its config");
    }
    List<String> uplinks = c.uplinkPortName();
    String lacpApi = c.lacpApiVersion();
    List<DistributedSwitch.Lag> lags = new ArrayList<>();
    Map<String, String> lagPortNames = new HashMap<>();
    for (DvsConfigInfo.LacpGroupConfig g : c.lacpGroupConfig()) {
      String lagName = g.name();
      if (g.uplinkNum() == null) {
        throw new MalformedResponseException(
            "switch " + d.name + " LAG " + lagName + " has no uplinkNum");
      }
      lags.add(
          new DistributedSwitch.Lag(lagName, g.mode(), g.uplinkNum(), g.loadbalanceAlgorithm()));
      List<String> keys = g.uplinkPortKey();
      List<String> names = g.uplinkName();
      for (int i = 0; i < Math.min(keys.size(), names.size()); i++) {
        lagPortNames.put(keys.get(i), names.get(i));
      }
    }
    DistributedSwitch.Lacp lacp = new DistributedSwitch.Lacp(lacpApi, lags);
    DistributedSwitch shell =
        new DistributedSwitch(
            null, null, d.name, null, null, null, uplinks, lacp, List.of(), List.of());

    List<DistributedSwitch.Member> members = new ArrayList<>();
    for (DvsConfigInfo.HostMember member : c.host()) {
      Mor hostRef = member.host();
      if (hostRef == null) {
        throw new MalformedResponseException(
            "switch " + d.name + ": a host member without its host (config.host)");
      }
      String host = hostNames.get(hostRef);
      if (host == null) {
        throw new MalformedResponseException(
            "switch " + d.name + " has member " + hostRef + " that the capture did not return");
      }
      HostNetwork net = networks.get(hostRef);
      Map<String, String> portNames = net == null ? Map.of() : net.uplinkPortNames(d.uuid);
      List<DistributedSwitch.MemberPnic> pnics = new ArrayList<>();
      for (DvsConfigInfo.PnicSpec spec : member.pnicSpec()) {
        String device = spec.pnicDevice();
        String key = spec.uplinkPortKey();
        String uplink = key == null ? null : portNames.getOrDefault(key, lagPortNames.get(key));
        if (uplink == null && key != null && shell.hasUplinkPort(key)) {
          uplink = key; // the port is reported by its uplink name already
        }
        if (uplink == null) {
          throw new MalformedResponseException(
              "switch "
                  + d.name
                  + ", host "
                  + host
                  + ": pnic "
                  + device
                  + " is on uplink port "
                  + key
                  + " whose uplink name vCenter did not report");
        }
        pnics.add(new DistributedSwitch.MemberPnic(device, uplink));
      }
      members.add(new DistributedSwitch.Member(host, pnics));
    }
    members.sort(Comparator.comparing(DistributedSwitch.Member::host));

    Set<String> uplinkPortgroups = new HashSet<>(c.uplinkPortgroup());
    List<Portgroup> pgs = new ArrayList<>();
    for (DvPortgroupConfigInfo pc : portgroupConfigs) {
      pgs.add(portgroup(pc, uplinkPortgroups));
    }
    pgs.sort(Comparator.comparing(Portgroup::name));
    return new DistributedSwitch(
        d.obj.obj().value(),
        d.uuid,
        d.name,
        datacenter(d.obj.obj()),
        c.productVersion(),
        c.maxMtu(),
        uplinks,
        lacp,
        members,
        pgs);
  }

  private static Portgroup portgroup(DvPortgroupConfigInfo pc, Set<String> uplinkPortgroups) {
    String name = Names.unescape(pc.name());
    String key = pc.key();
    DvPortgroupConfigInfo.PortSetting port = pc.defaultPortConfig();
    Integer vlan = null;
    Portgroup.Teaming teaming = null;
    Portgroup.PortgroupLacp lacp = null;
    List<Portgroup.VlanRange> trunk = List.of();
    if (port != null) {
      DvPortgroupConfigInfo.Vlan v = port.vlan();
      if (v != null && DvPortgroupConfigInfo.Vlan.SINGLE.equals(v.type())) {
        vlan = v.vlanId();
      }
      if (v != null && DvPortgroupConfigInfo.Vlan.TRUNK.equals(v.type())) {
        trunk = v.trunk().stream().map(r -> new Portgroup.VlanRange(r.start(), r.end())).toList();
      }
      DvPortgroupConfigInfo.Teaming t = port.uplinkTeamingPolicy();
      if (t != null) {
        teaming = new Portgroup.Teaming(t.policy(), t.activeUplinkPort(), t.standbyUplinkPort());
      }
      DvPortgroupConfigInfo.LacpPolicy l = port.lacpPolicy();
      if (l != null) {
        lacp = new Portgroup.PortgroupLacp(l.enable(), l.mode());
      }
    }
    return new Portgroup(
        name, key, vlan, key != null && uplinkPortgroups.contains(key), teaming, lacp, trunk);
  }

  // ---- the vCenter appliance

  /**
   * The VM running vCenter, in order: the VM named by --vcenter-vm; the VM whose instanceUuid is
   * the vCenter's own; the one VM whose guest IP address or guest host name (VMware Tools) is the
   * URL's host; the one VM whose name is the URL's host name or its first label.
   */
  private Inventory.VcenterPlacement vcenter(Map<Mor, String> hostNames)
      throws MalformedResponseException {
    List<ObjectContent> vms = ofType("VirtualMachine");
    ObjectContent found = null;
    if (ctx.vcenterVm() != null) {
      for (ObjectContent vm : vms) {
        if (name(vm).equals(ctx.vcenterVm())) {
          found = vm;
        }
      }
      if (found == null) {
        throw new MalformedResponseException(
            "no VM named '" + ctx.vcenterVm() + "' (given with --vcenter-vm) in vCenter");
      }
    }
    String uuid = ctx.about().instanceUuid();
    if (found == null && uuid != null) {
      List<ObjectContent> same =
          vms.stream().filter(vm -> uuid.equalsIgnoreCase(vm.text("config.instanceUuid"))).toList();
      found = same.size() == 1 ? same.get(0) : null;
    }
    if (found == null && ctx.urlHost() != null) {
      String host = ctx.urlHost().replace("[", "").replace("]", "");
      List<ObjectContent> answering =
          vms.stream()
              .filter(
                  vm ->
                      host.equalsIgnoreCase(vm.text("guest.ipAddress"))
                          || host.equalsIgnoreCase(vm.text("guest.hostName")))
              .toList();
      found = answering.size() == 1 ? answering.get(0) : null;
    }
    if (found == null && ctx.urlHost() != null && !ctx.urlHost().matches("[0-9.:\\[\\]]+")) {
      String fqdn = ctx.urlHost().toLowerCase(Locale.ROOT);
      String label = fqdn.contains(".") ? fqdn.substring(0, fqdn.indexOf('.')) : fqdn;
      List<ObjectContent> named =
          vms.stream()
              .filter(
                  vm -> {
                    String n = name(vm).toLowerCase(Locale.ROOT);
                    return n.equals(fqdn) || n.equals(label);
                  })
              .toList();
      found = named.size() == 1 ? named.get(0) : null;
    }
    if (found == null) {
      return null;
    }
    Mor h = found.ref("runtime.host");
    String host = h == null ? null : hostNames.get(h);
    return new Inventory.VcenterPlacement(name(found), host);
  }

  // ---- helpers

  private List<ObjectContent> ofType(String... types) {
    Set<String> t = Set.of(types);
    return objects.values().stream().filter(o -> t.contains(o.obj().type())).toList();
  }

  private Mor parentOf(Mor ref) {
    ObjectContent o = objects.get(ref);
    return o == null ? null : o.ref("parent");
  }

  /** The datacenter an object lives in: the first Datacenter up its parent chain. */
  private String datacenter(Mor ref) {
    Mor at = parentOf(ref);
    for (int depth = 0; at != null && depth < 64; depth++) {
      if (at.type().equals("Datacenter")) {
        ObjectContent dc = objects.get(at);
        return dc == null ? null : name(dc);
      }
      at = parentOf(at);
    }
    return null;
  }

  private static String name(ObjectContent o) {
    String n = o.text("name");
    return n == null ? o.obj().value() : Names.unescape(n);
  }

  private static Map<String, String> servicesMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("management", "management");
    m.put("vmotion", "vmotion");
    m.put("vsan", "vsan");
    m.put("faultToleranceLogging", "ft");
    m.put("vSphereProvisioning", "provisioning");
    m.put("vSphereReplication", "replication");
    return java.util.Collections.unmodifiableMap(m);
  }
}
