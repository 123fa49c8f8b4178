package io.vsguard.core.load;

import io.vsguard.core.model.Cluster;
import io.vsguard.core.model.ConnectionState;
import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.DistributedSwitch.Lacp;
import io.vsguard.core.model.DistributedSwitch.Lag;
import io.vsguard.core.model.DistributedSwitch.Member;
import io.vsguard.core.model.DistributedSwitch.MemberPnic;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.Portgroup;
import io.vsguard.core.model.StandardSwitch;
import io.vsguard.core.model.VmAdapter;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.plan.SwitchRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Inventory snapshot. Unknown fields are ignored (producers may add fields within
 * vsguard/v1), but everything the rules rely on is checked, including cross-references: an
 * inventory that contradicts itself cannot be evaluated safely.
 */
public final class InventoryLoader {
  private static final List<String> CONNECTION_STATES =
      List.of("connected", "disconnected", "notResponding");
  private static final List<String> LACP_API = List.of(Lacp.SINGLE_LAG, Lacp.MULTIPLE_LAG);

  /** The MTUs ESXi accepts on a standard switch and a VMkernel adapter. */
  static final int MIN_MTU = 1280;

  static final int MAX_MTU = 9000;

  /** The VLAN ids of a distributed portgroup's trunk ranges. */
  static final int MAX_VLAN = 4094;

  private InventoryLoader() {}

  public static Inventory load(Path file) throws InputException {
    return read(DocumentReader.read(file, Limits.INVENTORY_BYTES));
  }

  public static Inventory read(String name, byte[] raw) throws InputException {
    return read(DocumentReader.decode(name, raw, Limits.INVENTORY_BYTES));
  }

  public static Inventory parse(String name, String text) throws InputException {
    return read(DocumentReader.parse(name, text, !text.stripLeading().startsWith("{")));
  }

  public static Inventory read(DocumentReader.Document doc) throws InputException {
    Node root = doc.rootNode().expectObject("an Inventory document");
    Header.check(root, Inventory.KIND);
    Inventory.Source source = null;
    Node src = root.optional("source");
    if (src != null) {
      src.expectObject("source");
      source =
          new Inventory.Source(
              src.optText("type"),
              src.optText("url"),
              src.optText("apiVersion"),
              src.optText("instanceUuid"),
              src.optText("tls"));
    }
    Inventory.VcenterPlacement vc = null;
    Node vcn = root.optional("vcenter");
    if (vcn != null) {
      vcn.expectObject("vcenter");
      vc = new Inventory.VcenterPlacement(vcn.optText("vmName"), vcn.optText("host"));
    }
    List<Inventory.Datacenter> dcs = new ArrayList<>();
    for (Node n : root.list("datacenters")) {
      n.expectObject("a datacenter");
      dcs.add(new Inventory.Datacenter(n.text("name")));
    }
    List<Cluster> clusters = new ArrayList<>();
    for (Node n : root.list("clusters")) {
      n.expectObject("a cluster");
      Integer ftt = n.optInteger("haHostFailuresTolerated");
      if (ftt != null && ftt < 0) {
        throw n.required("haHostFailuresTolerated").error("expected 0 or more");
      }
      clusters.add(
          new Cluster(
              n.text("name"),
              n.optText("datacenter"),
              n.bool("drsEnabled", false),
              n.bool("haEnabled", false),
              ftt,
              n.strings("hosts")));
    }
    List<Host> hosts = new ArrayList<>();
    List<Node> hostNodes = root.list("hosts");
    if (!hostNodes.isEmpty()) {
      Limits.count(root.required("hosts"), hostNodes.size(), Limits.HOSTS, "hosts", "inventory");
    }
    for (Node n : hostNodes) {
      hosts.add(host(n));
    }
    List<DistributedSwitch> switches = new ArrayList<>();
    for (Node n : root.list("distributedSwitches")) {
      switches.add(dvs(n));
    }
    Inventory inv =
        new Inventory(
            root.text("apiVersion"),
            root.text("kind"),
            root.instant("capturedAt"),
            source,
            vc,
            dcs,
            clusters,
            hosts,
            switches);
    crossCheck(root, inv);
    return inv;
  }

  private static Host host(Node n) throws InputException {
    n.expectObject("a host");
    String state =
        n.has("connectionState") ? n.oneOf("connectionState", CONNECTION_STATES) : "connected";
    List<StandardSwitch> vss = new ArrayList<>();
    for (Node s : n.list("standardSwitches")) {
      vss.add(standardSwitch(s));
    }
    List<Vmkernel> vmks = new ArrayList<>();
    for (Node v : n.list("vmkernels")) {
      v.expectObject("a vmkernel adapter");
      vmks.add(
          new Vmkernel(
              v.text("device"),
              v.text("switch"),
              v.text("portgroup"),
              v.strings("services"),
              mtu(v)));
    }
    Integer vmCount = n.optInteger("vmCount");
    if (vmCount != null && vmCount < 0) {
      throw n.required("vmCount").error("expected 0 or more");
    }
    List<Node> adapterNodes = n.list("vmAdapters");
    if (!adapterNodes.isEmpty()) {
      Limits.count(
          n.required("vmAdapters"),
          adapterNodes.size(),
          Limits.VM_ADAPTERS_PER_HOST,
          "VM adapters",
          "host");
    }
    List<VmAdapter> adapters = new ArrayList<>();
    for (Node a : adapterNodes) {
      a.expectObject("a VM network adapter");
      adapters.add(
          new VmAdapter(a.text("vm"), a.text("adapter"), a.text("switch"), a.text("portgroup")));
    }
    return new Host(
        n.optText("id"),
        n.text("name"),
        n.optText("datacenter"),
        n.optText("cluster"),
        n.optText("version"),
        n.optText("build"),
        connection(state),
        n.bool("maintenanceMode", false),
        n.strings("pnics"),
        vss,
        vmks,
        vmCount == null ? 0 : vmCount,
        n.strings("vms"),
        adapters);
  }

  private static StandardSwitch standardSwitch(Node s) throws InputException {
    s.expectObject("a standard switch");
    List<String> portgroups = s.strings("portgroups");
    List<StandardSwitch.PortgroupSettings> settings = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (Node p : s.list("portgroupSettings")) {
      p.expectObject("a standard portgroup's settings");
      Node nameNode = p.required("name");
      String name = nameNode.text();
      if (!portgroups.contains(name)) {
        throw nameNode.error("'" + name + "' is not in this switch's portgroups " + portgroups);
      }
      if (!named.add(name)) {
        throw nameNode.error("duplicate settings for portgroup '" + name + "'");
      }
      Integer vlan = p.optInteger("vlan");
      if (vlan != null && (vlan < 0 || vlan > StandardSwitch.PortgroupSettings.ALL_VLANS)) {
        throw p.required("vlan")
            .error(
                vlan
                    + " is not a VLAN id; expected 0 (untagged), 1 to 4094, or 4095"
                    + " (all VLANs, tagged by the guest)");
      }
      Node t = p.optional("teaming");
      settings.add(new StandardSwitch.PortgroupSettings(name, vlan, t == null ? null : teaming(t)));
    }
    return new StandardSwitch(s.text("name"), s.strings("pnics"), portgroups, mtu(s), settings);
  }

  /** An optional {@code mtu} within what ESXi accepts. */
  private static Integer mtu(Node n) throws InputException {
    Integer mtu = n.optInteger("mtu");
    if (mtu != null && (mtu < MIN_MTU || mtu > MAX_MTU)) {
      throw n.required("mtu")
          .error(mtu + " is not an MTU ESXi accepts; expected " + MIN_MTU + " to " + MAX_MTU);
    }
    return mtu;
  }

  private static ConnectionState connection(String wire) {
    for (ConnectionState s : ConnectionState.values()) {
      if (s.wire().equals(wire)) {
        return s;
      }
    }
    throw new IllegalStateException(wire);
  }

  private static DistributedSwitch dvs(Node n) throws InputException {
    n.expectObject("a distributed switch");
    Lacp lacp = null;
    Node l = n.optional("lacp");
    if (l != null) {
      l.expectObject("lacp");
      String api = l.has("apiVersion") ? l.oneOf("apiVersion", LACP_API) : null;
      List<Lag> lags = new ArrayList<>();
      for (Node lag : l.list("lags")) {
        lag.expectObject("a LAG");
        lags.add(
            new Lag(
                lag.text("name"),
                lag.optText("mode"),
                lag.integer("uplinkCount"),
                lag.optText("loadBalancing")));
      }
      lacp = new Lacp(api, lags);
    }
    List<Member> members = new ArrayList<>();
    for (Node m : n.list("members")) {
      m.expectObject("a switch member");
      List<MemberPnic> pnics = new ArrayList<>();
      for (Node p : m.list("pnics")) {
        p.expectObject("a member pnic");
        pnics.add(new MemberPnic(p.text("device"), p.text("uplink")));
      }
      members.add(new Member(m.text("host"), pnics));
    }
    List<Portgroup> pgs = new ArrayList<>();
    for (Node p : n.list("portgroups")) {
      pgs.add(portgroup(p));
    }
    return new DistributedSwitch(
        n.optText("id"),
        n.optText("uuid"),
        n.text("name"),
        n.optText("datacenter"),
        n.optText("version"),
        n.optInteger("mtu"),
        n.strings("uplinks"),
        lacp,
        members,
        pgs);
  }

  static Portgroup portgroup(Node p) throws InputException {
    p.expectObject("a portgroup");
    Node t = p.optional("teaming");
    Portgroup.PortgroupLacp plc = null;
    Node pl = p.optional("lacp");
    if (pl != null) {
      pl.expectObject("portgroup lacp");
      plc = new Portgroup.PortgroupLacp(pl.bool("enabled", false), pl.optText("mode"));
    }
    Integer vlan = p.optInteger("vlan");
    List<Portgroup.VlanRange> trunk = new ArrayList<>();
    for (Node r : p.list("vlanTrunk")) {
      r.expectObject("a VLAN range {start, end}");
      int start = r.integer("start");
      int end = r.integer("end");
      if (start < 0 || start > MAX_VLAN) {
        throw r.required("start").error(start + " is not a VLAN id; expected 0 to " + MAX_VLAN);
      }
      if (end < start || end > MAX_VLAN) {
        throw r.required("end")
            .error(end + " does not end the range; expected " + start + " to " + MAX_VLAN);
      }
      trunk.add(new Portgroup.VlanRange(start, end));
    }
    if (vlan != null && !trunk.isEmpty()) {
      throw p.required("vlanTrunk")
          .error(
              "a portgroup is on one VLAN (vlan) or a trunk (vlanTrunk), not both;"
                  + " a trunk has vlan: null");
    }
    return new Portgroup(
        p.text("name"),
        p.optText("key"),
        vlan,
        p.bool("uplinkPortgroup", false),
        t == null ? null : teaming(t),
        plc,
        trunk);
  }

  static Portgroup.Teaming teaming(Node t) throws InputException {
    t.expectObject("teaming");
    return new Portgroup.Teaming(t.optText("policy"), t.strings("active"), t.strings("standby"));
  }

  /** Names must be unique and every reference must resolve; the rules assume both. */
  private static void crossCheck(Node root, Inventory inv) throws InputException {
    Set<String> hostNames = unique(root, "hosts", inv.hosts().stream().map(Host::name).toList());
    Set<String> dvsNames =
        unique(
            root,
            "distributedSwitches",
            inv.distributedSwitches().stream().map(DistributedSwitch::name).toList());
    unique(root, "clusters", inv.clusters().stream().map(Cluster::name).toList());
    Map<String, Host> byName = new HashMap<>();
    inv.hosts().forEach(h -> byName.put(h.name(), h));
    // looked up once per VM adapter: hash maps keep the check linear in the document
    Map<String, Map<String, Portgroup>> dvsPortgroups = new HashMap<>();
    Map<String, Set<String>> membersOf = new HashMap<>();
    for (DistributedSwitch d : inv.distributedSwitches()) {
      Map<String, Portgroup> pgs = new HashMap<>();
      d.portgroups().forEach(p -> pgs.putIfAbsent(p.name(), p));
      dvsPortgroups.put(d.name(), pgs);
      Set<String> members = new HashSet<>();
      d.members().forEach(m -> members.add(m.host()));
      membersOf.put(d.name(), members);
    }
    for (int c = 0; c < inv.clusters().size(); c++) {
      List<String> members = inv.clusters().get(c).hosts();
      for (int i = 0; i < members.size(); i++) {
        if (!hostNames.contains(members.get(i))) {
          throw root.document()
              .error(
                  "clusters[" + c + "].hosts[" + i + "]",
                  "host '" + members.get(i) + "' is not in hosts");
        }
      }
    }
    if (inv.vcenter() != null
        && inv.vcenter().host() != null
        && !hostNames.contains(inv.vcenter().host())) {
      throw root.document()
          .error("vcenter.host", "host '" + inv.vcenter().host() + "' is not in hosts");
    }
    for (int s = 0; s < inv.distributedSwitches().size(); s++) {
      DistributedSwitch d = inv.distributedSwitches().get(s);
      for (int m = 0; m < d.members().size(); m++) {
        Member mem = d.members().get(m);
        String at = "distributedSwitches[" + s + "].members[" + m + "]";
        Host h = byName.get(mem.host());
        if (h == null) {
          throw root.document().error(at + ".host", "host '" + mem.host() + "' is not in hosts");
        }
        for (int p = 0; p < mem.pnics().size(); p++) {
          MemberPnic mp = mem.pnics().get(p);
          if (!h.pnics().isEmpty() && !h.pnics().contains(mp.device())) {
            throw root.document()
                .error(
                    at + ".pnics[" + p + "].device",
                    "host '" + h.name() + "' has no pnic '" + mp.device() + "'");
          }
          if (!d.hasUplinkPort(mp.uplink())) {
            throw root.document()
                .error(
                    at + ".pnics[" + p + "].uplink",
                    "'"
                        + mp.uplink()
                        + "' is neither an uplink of the switch nor a port of one of its LAGs (<lag>-<n>)");
          }
        }
      }
    }
    for (int h = 0; h < inv.hosts().size(); h++) {
      Host host = inv.hosts().get(h);
      Set<String> vss = new HashSet<>();
      host.standardSwitches().forEach(s -> vss.add(s.name()));
      for (int v = 0; v < host.vmkernels().size(); v++) {
        String sw = host.vmkernels().get(v).switchName();
        SwitchRef ref = switchRef(root, "hosts[" + h + "].vmkernels[" + v + "].switch", sw);
        boolean known =
            ref.standard() ? vss.contains(ref.name()) : vss.contains(sw) || dvsNames.contains(sw);
        if (!known) {
          throw root.document()
              .error(
                  "hosts[" + h + "].vmkernels[" + v + "].switch",
                  "'"
                      + sw
                      + "' is neither a distributed switch nor a standard switch of host '"
                      + host.name()
                      + "'");
        }
        if (!ref.standard() && vss.contains(sw) && dvsNames.contains(sw)) {
          throw root.document()
              .error(
                  "hosts[" + h + "].vmkernels[" + v + "].switch",
                  "'"
                      + sw
                      + "' names both a distributed and a standard switch; write standard:"
                      + sw
                      + " for the standard one");
        }
      }
      vmAdapters(root, "hosts[" + h + "]", host, dvsPortgroups, membersOf);
    }
  }

  /**
   * Every VM adapter is on a portgroup that exists on its switch, of a VM the host runs, once: a
   * later step moves each of them and checks it keeps its network.
   */
  private static void vmAdapters(
      Node root,
      String at,
      Host host,
      Map<String, Map<String, Portgroup>> dvsPortgroups,
      Map<String, Set<String>> membersOf)
      throws InputException {
    if (host.vmAdapters().isEmpty()) {
      return;
    }
    Set<String> vms = new HashSet<>(host.vms());
    Map<String, Set<String>> vssPortgroups = new HashMap<>();
    host.standardSwitches()
        .forEach(s -> vssPortgroups.put(s.name(), new HashSet<>(s.portgroups())));
    Set<List<String>> seen = new HashSet<>();
    for (int a = 0; a < host.vmAdapters().size(); a++) {
      VmAdapter va = host.vmAdapters().get(a);
      String here = at + ".vmAdapters[" + a + "]";
      if (!vms.contains(va.vm())) {
        throw root.document()
            .error(
                here + ".vm",
                "VM '"
                    + va.vm()
                    + "' is not in the vms of host '"
                    + host.name()
                    + "'; a host that lists VM adapters lists its VMs by name");
      }
      if (!seen.add(List.of(va.vm(), va.adapter()))) {
        throw root.document()
            .error(
                here + ".adapter",
                "'" + va.adapter() + "' of VM '" + va.vm() + "' is listed twice");
      }
      String sw = va.switchName();
      SwitchRef ref = switchRef(root, here + ".switch", sw);
      Set<String> standardPgs = vssPortgroups.get(ref.name());
      Map<String, Portgroup> dvsPgs = ref.standard() ? null : dvsPortgroups.get(sw);
      if (standardPgs != null && dvsPgs != null) {
        throw root.document()
            .error(
                here + ".switch",
                "'"
                    + sw
                    + "' names both a distributed and a standard switch;"
                    + " write standard:"
                    + sw
                    + " for the standard one");
      }
      if (dvsPgs != null) {
        Portgroup pg = dvsPgs.get(va.portgroup());
        if (pg == null) {
          throw root.document()
              .error(
                  here + ".portgroup",
                  "'"
                      + va.portgroup()
                      + "' is not a portgroup of distributed"
                      + " switch '"
                      + sw
                      + "'");
        }
        if (pg.uplinkPortgroup()) {
          throw root.document()
              .error(
                  here + ".portgroup",
                  "'"
                      + va.portgroup()
                      + "' is the uplink portgroup of"
                      + " distributed switch '"
                      + sw
                      + "'; VM adapters connect to its other portgroups");
        }
        if (!membersOf.get(sw).contains(host.name())) {
          throw root.document()
              .error(
                  here + ".switch",
                  "host '"
                      + host.name()
                      + "' is not a member of distributed"
                      + " switch '"
                      + sw
                      + "'");
        }
      } else if (standardPgs != null) {
        if (!standardPgs.contains(va.portgroup())) {
          throw root.document()
              .error(
                  here + ".portgroup",
                  "'"
                      + va.portgroup()
                      + "' is not a portgroup of standard"
                      + " switch '"
                      + ref.name()
                      + "' of host '"
                      + host.name()
                      + "'");
        }
      } else {
        throw root.document()
            .error(
                here + ".switch",
                "'"
                    + sw
                    + "' is neither a distributed switch nor a standard"
                    + " switch of host '"
                    + host.name()
                    + "'");
      }
    }
  }

  private static SwitchRef switchRef(Node root, String path, String text) throws InputException {
    if (text.startsWith(SwitchRef.STANDARD_PREFIX)
        && text.substring(SwitchRef.STANDARD_PREFIX.length()).isBlank()) {
      throw root.document()
          .error(
              path,
              "'"
                  + text
                  + "' names no switch; expected a distributed switch's name or"
                  + " standard:<vSwitch name>");
    }
    return SwitchRef.parse(text);
  }

  private static Set<String> unique(Node root, String field, List<String> names)
      throws InputException {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      if (!seen.add(names.get(i))) {
        throw root.document()
            .error(field + "[" + i + "].name", "duplicate name '" + names.get(i) + "'");
      }
    }
    return seen;
  }
}
