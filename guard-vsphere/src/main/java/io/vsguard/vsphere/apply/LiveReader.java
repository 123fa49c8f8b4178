package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.apply.VimReads.ObjSpec;
import io.vsguard.vsphere.apply.VimReads.PropSpec;
import io.vsguard.vsphere.apply.VimReads.Props;
import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlNode;
import io.vsguard.vsphere.vim.Mor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a step is planned from, in one paged RetrievePropertiesEx: the host (by its moref) and
 * every distributed switch with its portgroups (through a container view kept for the session).
 * Only the properties below are read; the HostSystem's {@code config.network} is the one large
 * value.
 */
final class LiveReader {
  static final int PAGE = 500;
  static final List<String> HOST_PATHS =
      List.of(
          "name",
          "runtime.connectionState",
          "runtime.inMaintenanceMode",
          "configManager.networkSystem",
          "config.network");
  static final List<String> SWITCH_PATHS =
      List.of(
          "name",
          "uuid",
          "config.configVersion",
          "config.uplinkPortgroup",
          "config.uplinkPortPolicy");
  static final List<String> PORTGROUP_PATHS =
      List.of(
          "config.key",
          "config.name",
          "config.distributedVirtualSwitch",
          "config.defaultPortConfig");

  private final VimReads reads;
  private final Mor collector;
  private final Mor switchView;

  LiveReader(VimReads reads, Mor collector, Mor switchView) {
    this.reads = reads;
    this.collector = collector;
    this.switchView = switchView;
  }

  LiveState state(Mor host) throws VsphereException {
    List<Props> objects =
        reads.retrieve(
            collector,
            List.of(
                new PropSpec("HostSystem", HOST_PATHS),
                new PropSpec("DistributedVirtualSwitch", SWITCH_PATHS),
                new PropSpec("DistributedVirtualPortgroup", PORTGROUP_PATHS)),
            List.of(new ObjSpec(host, false), new ObjSpec(switchView, true)),
            PAGE);
    Props hostProps = null;
    List<Props> switches = new ArrayList<>();
    List<Props> portgroups = new ArrayList<>();
    for (Props p : objects) {
      if (p.obj().equals(host)) {
        hostProps = p;
      } else if (p.obj().type().endsWith("DistributedVirtualSwitch")) {
        switches.add(p);
      } else if (p.obj().type().equals("DistributedVirtualPortgroup")) {
        portgroups.add(p);
      }
    }
    if (hostProps == null) {
      throw new MalformedResponseException(
          "vCenter returned nothing for host " + Text.visible(host.toString()));
    }
    return new LiveState(host(hostProps), switches(switches, portgroups));
  }

  /**
   * The alarms triggered on a host now, each as its AlarmState key and the alarm's moref. vCenter
   * leaves an empty {@code triggeredAlarmState} out of the answer: no value is no alarm.
   */
  java.util.SortedSet<String> alarms(Mor host) throws VsphereException {
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    for (Props p :
        reads.retrieve(
            collector,
            List.of(new PropSpec("HostSystem", List.of("triggeredAlarmState"))),
            List.of(new ObjSpec(host, false)),
            PAGE)) {
      XmlNode states = p.values().get("triggeredAlarmState");
      if (states == null) {
        continue;
      }
      for (XmlNode a : states.children("AlarmState")) {
        out.add(
            required(a, "key", p.obj())
                + " "
                + a.child("alarm").map(XmlNode::text).orElse("?").strip());
      }
    }
    return out;
  }

  static LiveHost host(Props p) throws MalformedResponseException {
    XmlNode net = p.get("config.network");
    List<String> pnics = new ArrayList<>();
    for (XmlNode n : net.children("pnic")) {
      pnics.add(required(n, "device", p.obj()));
    }
    List<LiveHost.Vswitch> vswitches = new ArrayList<>();
    for (XmlNode v : net.children("vswitch")) {
      XmlNode spec = v.child("spec").orElse(null);
      List<String> bridge =
          spec == null
              ? List.of()
              : spec.child("bridge")
                  .map(b -> b.childTexts("nicDevice").stream().map(String::strip).toList())
                  .orElse(List.of());
      vswitches.add(
          new LiveHost.Vswitch(
              required(v, "name", p.obj()),
              number(spec, "numPorts", 0),
              number(spec, "mtu", 0),
              bridge));
    }
    List<LiveHost.Portgroup> portgroups = new ArrayList<>();
    for (XmlNode pg : net.children("portgroup")) {
      XmlNode spec =
          pg.child("spec")
              .orElseThrow(
                  () ->
                      new MalformedResponseException(
                          "a portgroup without spec on " + Text.visible(p.obj().toString())));
      portgroups.add(
          new LiveHost.Portgroup(
              required(spec, "name", p.obj()),
              required(spec, "vswitchName", p.obj()),
              number(spec, "vlanId", 0),
              spec.path("policy.nicTeaming.nicOrder")
                  .map(o -> o.childTexts("activeNic"))
                  .orElse(List.of())));
    }
    List<LiveHost.Proxy> proxies = new ArrayList<>();
    for (XmlNode px : net.children("proxySwitch")) {
      List<LiveHost.Port> ports = ports(px.children("uplinkPort"), p.obj());
      List<LiveHost.Lag> lags = new ArrayList<>();
      for (XmlNode lag : px.children("hostLag")) {
        lags.add(
            new LiveHost.Lag(text(lag, "lagName"), ports(lag.children("uplinkPort"), p.obj())));
      }
      List<PnicOnPort> backing = new ArrayList<>();
      XmlNode b = px.path("spec.backing").orElse(null);
      if (b != null) {
        for (XmlNode spec : b.children("pnicSpec")) {
          String key = text(spec, "uplinkPortKey");
          String name = null;
          for (LiveHost.Port port : ports) {
            if (port.key().equals(key)) {
              name = port.name();
            }
          }
          backing.add(
              new PnicOnPort(
                  required(spec, "pnicDevice", p.obj()),
                  key.isEmpty() ? null : key,
                  name,
                  emptyToNull(text(spec, "uplinkPortgroupKey"))));
        }
      }
      proxies.add(
          new LiveHost.Proxy(
              required(px, "dvsUuid", p.obj()), text(px, "dvsName"), ports, lags, backing));
    }
    List<LiveHost.Vnic> vnics = new ArrayList<>();
    for (XmlNode v : net.children("vnic")) {
      XmlNode dvp = v.path("spec.distributedVirtualPort").orElse(null);
      String pg = text(v, "portgroup");
      if (pg.isEmpty()) {
        pg = v.path("spec.portgroup").map(n -> n.text().strip()).orElse("");
      }
      LiveHost.Location at;
      if (dvp != null) {
        at =
            new LiveHost.OnDvPort(
                required(dvp, "switchUuid", p.obj()),
                text(dvp, "portgroupKey"),
                emptyToNull(text(dvp, "portKey")));
      } else if (!pg.isEmpty()) {
        at = new LiveHost.OnPortgroup(pg);
      } else {
        throw new MalformedResponseException(
            "VMkernel adapter "
                + Text.visible(text(v, "device"))
                + " of "
                + Text.visible(p.obj().toString())
                + " has neither a portgroup nor a distributed port");
      }
      vnics.add(new LiveHost.Vnic(required(v, "device", p.obj()), at));
    }
    return new LiveHost(
        p.obj(),
        p.text("name"),
        Mor.of(p.get("configManager.networkSystem")),
        p.text("runtime.connectionState"),
        Boolean.parseBoolean(p.text("runtime.inMaintenanceMode")),
        pnics,
        vswitches,
        portgroups,
        proxies,
        vnics);
  }

  static List<LiveSwitch> switches(List<Props> switches, List<Props> portgroups)
      throws MalformedResponseException {
    Map<Mor, List<LiveSwitch.DvPortgroup>> pgsBySwitch = new LinkedHashMap<>();
    Map<Mor, String> keyOf = new LinkedHashMap<>();
    for (Props pg : portgroups) {
      String key = pg.text("config.key");
      Mor dvs = Mor.of(pg.get("config.distributedVirtualSwitch"));
      keyOf.put(pg.obj(), key);
      pgsBySwitch
          .computeIfAbsent(new Mor("DistributedVirtualSwitch", dvs.value()), k -> new ArrayList<>())
          .add(
              new LiveSwitch.DvPortgroup(
                  key, pg.text("config.name"), vlan(pg.values().get("config.defaultPortConfig"))));
    }
    List<LiveSwitch> out = new ArrayList<>();
    for (Props s : switches) {
      String uplinkKey = null;
      XmlNode up = s.values().get("config.uplinkPortgroup");
      if (up != null) {
        for (XmlNode r : up.children()) {
          uplinkKey = keyOf.getOrDefault(Mor.of(r), r.text().strip());
        }
      }
      List<String> uplinkNames = List.of();
      XmlNode policy = s.values().get("config.uplinkPortPolicy");
      if (policy != null) {
        uplinkNames = policy.childTexts("uplinkPortName").stream().map(String::strip).toList();
      }
      out.add(
          new LiveSwitch(
              s.obj(),
              s.text("name"),
              s.text("uuid"),
              s.text("config.configVersion"),
              uplinkKey,
              uplinkNames,
              pgsBySwitch.getOrDefault(
                  new Mor("DistributedVirtualSwitch", s.obj().value()), List.of())));
    }
    return out;
  }

  /** A single VLAN id, or null for a trunk or a private VLAN. */
  private static Integer vlan(XmlNode portSetting) {
    XmlNode vlan = portSetting == null ? null : portSetting.child("vlan").orElse(null);
    if (vlan == null) {
      return 0; // no VLAN policy on the portgroup: untagged
    }
    if (!"VmwareDistributedVirtualSwitchVlanIdSpec".equals(vlan.xsiType())) {
      return null;
    }
    String id = vlan.childText("vlanId");
    return id == null || !id.strip().matches("\\d{1,4}") ? null : Integer.valueOf(id.strip());
  }

  private static List<LiveHost.Port> ports(List<XmlNode> keyValues, Mor obj)
      throws MalformedResponseException {
    List<LiveHost.Port> out = new ArrayList<>();
    for (XmlNode kv : keyValues) {
      out.add(new LiveHost.Port(required(kv, "key", obj), required(kv, "value", obj)));
    }
    return out;
  }

  private static String required(XmlNode n, String field, Mor obj)
      throws MalformedResponseException {
    String s = n.childText(field);
    if (s == null || s.isBlank()) {
      throw new MalformedResponseException(
          "vCenter returned a "
              + n.localName()
              + " without "
              + field
              + " for "
              + Text.visible(obj.toString()));
    }
    return s.strip();
  }

  private static String text(XmlNode n, String field) {
    String s = n.childText(field);
    return s == null ? "" : s.strip();
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static int number(XmlNode n, String field, int otherwise)
      throws MalformedResponseException {
    String s = n == null ? null : n.childText(field);
    if (s == null || s.isBlank()) {
      return otherwise;
    }
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      throw new MalformedResponseException(
          "vCenter returned " + field + " '" + Text.visible(s.strip()) + "', not a number");
    }
  }
}
