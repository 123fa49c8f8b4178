package io.vsguard.vsphere.vcsim;

import static io.vsguard.vsphere.vcsim.RawSoap.childText;
import static io.vsguard.vsphere.vcsim.RawSoap.children;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Element;

/**
 * A logged-in vim25 session for the write tests, in hand-written SOAP (the production client only
 * reads): looks up what a write needs by name, makes the write, and waits for its task. A sync
 * write answers a {@link RawSoap.Answer} (a fault is HTTP 500 with its type); a task method answers
 * a task id for {@link #await}.
 */
final class VimSession {

  static final Duration TASK_DEADLINE = Duration.ofSeconds(60);

  final RawSoap soap;
  private final String rootFolder;
  private final String collector;
  private final Map<String, String> hostIds = new TreeMap<>();

  private VimSession(RawSoap soap, String rootFolder, String collector) {
    this.soap = soap;
    this.rootFolder = rootFolder;
    this.collector = collector;
  }

  static VimSession open(Vcsim vcsim) {
    RawSoap soap = new RawSoap(vcsim);
    RawSoap.Answer content = call(soap, RawSoap.retrieveServiceContent());
    RawSoap.Answer login = call(soap, RawSoap.login("administrator@vsphere.local", "Adm1n-Pa55"));
    if (login.status() != 200) {
      throw new AssertionError("vcsim: login failed: " + login.faultType());
    }
    VimSession s =
        new VimSession(soap, content.text("rootFolder"), content.text("propertyCollector"));
    for (Element o : s.viewObjects("HostSystem", List.of("name"))) {
      s.hostIds.put(
          props(o).get("name").getTextContent(), children(o, "obj").get(0).getTextContent());
    }
    return s;
  }

  static RawSoap.Answer call(RawSoap soap, String xml) {
    try {
      return soap.call(xml);
    } catch (java.io.IOException e) {
      throw new AssertionError("vcsim: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("vcsim: interrupted", e);
    }
  }

  RawSoap.Answer call(String xml) {
    return call(soap, xml);
  }

  // ---- reads

  /** propSet name → val of one ObjectContent. */
  static Map<String, Element> props(Element objectContent) {
    Map<String, Element> out = new TreeMap<>();
    for (Element p : children(objectContent, "propSet")) {
      out.put(childText(p, "name"), children(p, "val").get(0));
    }
    return out;
  }

  List<Element> viewObjects(String type, List<String> paths) {
    RawSoap.Answer view = call(RawSoap.createContainerView(rootFolder, type));
    List<Element> objects = new ArrayList<>();
    RawSoap.Answer page =
        call(RawSoap.retrieveThroughView(collector, view.text("returnval"), type, paths, 0));
    objects.addAll(page.all("objects"));
    for (String token = page.text("token"); token != null; token = page.text("token")) {
      page = call(RawSoap.continueRetrieve(collector, token));
      objects.addAll(page.all("objects"));
    }
    call(
        "<DestroyView xmlns=\"urn:vim25\"><_this type=\"ContainerView\">"
            + view.text("returnval")
            + "</_this></DestroyView>");
    return objects;
  }

  /** One property of one object (null when unset). */
  Element property(String type, String id, String path) {
    RawSoap.Answer a =
        call(
            "<RetrievePropertiesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">"
                + collector
                + "</_this><specSet><propSet><type>"
                + type
                + "</type><pathSet>"
                + path
                + "</pathSet></propSet>"
                + "<objectSet><obj type=\""
                + type
                + "\">"
                + id
                + "</obj></objectSet></specSet><options/>"
                + "</RetrievePropertiesEx>");
    if (a.status() != 200) {
      throw new AssertionError(
          "vcsim: reading " + type + " " + id + " " + path + ": " + a.faultType());
    }
    Element object = a.first("objects");
    return object == null ? null : props(object).get(path);
  }

  String hostId(String name) {
    String id = hostIds.get(name);
    if (id == null) {
      throw new AssertionError("vcsim: no host " + name);
    }
    return id;
  }

  String hostName(String id) {
    return hostIds.entrySet().stream()
        .filter(e -> e.getValue().equals(id))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new AssertionError("vcsim: no host with id " + id));
  }

  String networkSystem(String host) {
    return childText(property("HostSystem", hostId(host), "configManager"), "networkSystem");
  }

  /** A distributed switch as a write needs it. */
  record Switch(
      String id,
      String uuid,
      String configVersion,
      String uplinkPortgroupKey,
      Map<String, String> portgroupKeys,
      Map<String, Integer> portgroupVlans) {}

  Switch dvs(String name) {
    for (Element o : viewObjects("DistributedVirtualSwitch", List.of("name", "uuid", "config"))) {
      Map<String, Element> p = props(o);
      if (!p.get("name").getTextContent().equals(name)) {
        continue;
      }
      Element config = p.get("config");
      String uplinkPg = childText(config, "uplinkPortgroup");
      Map<String, String> keys = new TreeMap<>();
      Map<String, Integer> vlans = new TreeMap<>();
      for (Element pg : viewObjects("DistributedVirtualPortgroup", List.of("config"))) {
        Element c = props(pg).get("config");
        if (childText(c, "distributedVirtualSwitch")
            .equals(children(o, "obj").get(0).getTextContent())) {
          keys.put(childText(c, "name"), childText(c, "key"));
          // one VLAN id; a trunk, or a portgroup served without a VLAN, has none
          List<Element> vlan = children(children(c, "defaultPortConfig").get(0), "vlan");
          String id =
              vlan.isEmpty()
                      || !vlan.get(0)
                          .getAttributeNS(RawSoap.XSI, "type")
                          .endsWith("VmwareDistributedVirtualSwitchVlanIdSpec")
                  ? null
                  : childText(vlan.get(0), "vlanId");
          if (id != null) {
            vlans.put(childText(c, "name"), Integer.parseInt(id));
          }
        }
      }
      return new Switch(
          children(o, "obj").get(0).getTextContent(),
          p.get("uuid").getTextContent(),
          childText(config, "configVersion"),
          uplinkPg,
          keys,
          vlans);
    }
    throw new AssertionError("vcsim: no distributed switch " + name);
  }

  Element hostNetwork(String host) {
    return property("HostSystem", hostId(host), "config.network");
  }

  /** Uplink or LAG port name → DV port key of a host's proxy switch. */
  Map<String, String> uplinkPorts(String host, String dvsUuid) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Element ps : children(hostNetwork(host), "proxySwitch")) {
      if (childText(ps, "dvsUuid").equals(dvsUuid)) {
        for (Element kv : children(ps, "uplinkPort")) {
          out.put(childText(kv, "value"), childText(kv, "key"));
        }
      }
    }
    return out;
  }

  /** pnic → DV port key on a host's proxy switch, in backing order. */
  Map<String, String> backing(String host, String dvsUuid) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Element ps : children(hostNetwork(host), "proxySwitch")) {
      if (childText(ps, "dvsUuid").equals(dvsUuid)) {
        for (Element spec :
            children(children(children(ps, "spec").get(0), "backing").get(0), "pnicSpec")) {
          out.put(childText(spec, "pnicDevice"), childText(spec, "uplinkPortKey"));
        }
      }
    }
    return out;
  }

  /** The pnics bridged by a host's standard switch, in order; empty when it has none. */
  List<String> vswitchPnics(String host, String vswitch) {
    for (Element vs : children(hostNetwork(host), "vswitch")) {
      if (childText(vs, "name").equals(vswitch)) {
        List<Element> spec = children(vs, "spec");
        List<Element> bridge = children(spec.get(0), "bridge");
        return bridge.isEmpty()
            ? List.of()
            : children(bridge.get(0), "nicDevice").stream().map(Element::getTextContent).toList();
      }
    }
    throw new AssertionError("vcsim: no standard switch " + vswitch + " on " + host);
  }

  /** The uuid of the proxy switch a pnic backs, or null. */
  String proxyOfPnic(String host, String pnic) {
    for (Element ps : children(hostNetwork(host), "proxySwitch")) {
      for (Element spec :
          children(children(children(ps, "spec").get(0), "backing").get(0), "pnicSpec")) {
        if (childText(spec, "pnicDevice").equals(pnic)) {
          return childText(ps, "dvsUuid");
        }
      }
    }
    return null;
  }

  /** The standard switch bridging a pnic, or null. */
  String vswitchOfPnic(String host, String pnic) {
    for (Element vs : children(hostNetwork(host), "vswitch")) {
      if (vswitchPnics(host, childText(vs, "name")).contains(pnic)) {
        return childText(vs, "name");
      }
    }
    return null;
  }

  String connectionState(String host) {
    return property("HostSystem", hostId(host), "runtime.connectionState").getTextContent();
  }

  boolean inMaintenanceMode(String host) {
    return Boolean.parseBoolean(
        property("HostSystem", hostId(host), "runtime.inMaintenanceMode").getTextContent());
  }

  int triggeredAlarms(String host) {
    Element states = property("HostSystem", hostId(host), "triggeredAlarmState");
    return states == null ? 0 : children(states, "AlarmState").size();
  }

  /** VM name → the name of the host it runs on. */
  Map<String, String> vmPlacement() {
    Map<String, String> out = new TreeMap<>();
    for (Element o : viewObjects("VirtualMachine", List.of("name", "runtime.host"))) {
      Map<String, Element> p = props(o);
      out.put(p.get("name").getTextContent(), hostName(p.get("runtime.host").getTextContent()));
    }
    return out;
  }

  // ---- writes (the element order follows the vim25 WSDL)

  static String hostMo(String type, String id) {
    return "<_this type=\"" + type + "\">" + id + "</_this>";
  }

  RawSoap.Answer addVirtualSwitch(String host, String name, List<String> pnics) {
    return call(
        "<AddVirtualSwitch xmlns=\"urn:vim25\">"
            + hostMo("HostNetworkSystem", networkSystem(host))
            + "<vswitchName>"
            + name
            + "</vswitchName>"
            + vswitchSpec(pnics)
            + "</AddVirtualSwitch>");
  }

  RawSoap.Answer updateVirtualSwitch(String host, String name, List<String> pnics) {
    return call(
        "<UpdateVirtualSwitch xmlns=\"urn:vim25\">"
            + hostMo("HostNetworkSystem", networkSystem(host))
            + "<vswitchName>"
            + name
            + "</vswitchName>"
            + vswitchSpec(pnics)
            + "</UpdateVirtualSwitch>");
  }

  RawSoap.Answer removeVirtualSwitch(String host, String name) {
    return call(
        "<RemoveVirtualSwitch xmlns=\"urn:vim25\">"
            + hostMo("HostNetworkSystem", networkSystem(host))
            + "<vswitchName>"
            + name
            + "</vswitchName></RemoveVirtualSwitch>");
  }

  RawSoap.Answer addPortGroup(String host, String name, String vswitch, int vlan) {
    return call(
        "<AddPortGroup xmlns=\"urn:vim25\">"
            + hostMo("HostNetworkSystem", networkSystem(host))
            + "<portgrp><name>"
            + name
            + "</name><vlanId>"
            + vlan
            + "</vlanId><vswitchName>"
            + vswitch
            + "</vswitchName><policy/></portgrp></AddPortGroup>");
  }

  RawSoap.Answer removePortGroup(String host, String name) {
    return call(
        "<RemovePortGroup xmlns=\"urn:vim25\">"
            + hostMo("HostNetworkSystem", networkSystem(host))
            + "<pgName>"
            + name
            + "</pgName></RemovePortGroup>");
  }

  RawSoap.Answer moveVmkToStandard(String host, String vmk, String portgroup) {
    return call(
        "<UpdateVirtualNic xmlns=\"urn:vim25\">"
            + hostMo("HostNetworkSystem", networkSystem(host))
            + "<device>"
            + vmk
            + "</device><nic><portgroup>"
            + portgroup
            + "</portgroup></nic></UpdateVirtualNic>");
  }

  RawSoap.Answer moveVmkToDvs(String host, String vmk, String dvsUuid, String portgroupKey) {
    return call(
        "<UpdateVirtualNic xmlns=\"urn:vim25\">"
            + hostMo("HostNetworkSystem", networkSystem(host))
            + "<device>"
            + vmk
            + "</device><nic>"
            + dvPort(dvsUuid, portgroupKey)
            + "</nic></UpdateVirtualNic>");
  }

  /** UpdateNetworkConfig in modify mode with the given HostNetworkConfig members. */
  RawSoap.Answer updateNetworkConfig(String host, String configXml) {
    return call(
        "<UpdateNetworkConfig xmlns=\"urn:vim25\">"
            + hostMo("HostNetworkSystem", networkSystem(host))
            + "<config>"
            + configXml
            + "</config><changeMode>modify</changeMode></UpdateNetworkConfig>");
  }

  static String vswitchSpec(List<String> pnics) {
    StringBuilder b = new StringBuilder("<spec><numPorts>128</numPorts>");
    if (!pnics.isEmpty()) {
      b.append("<bridge xsi:type=\"HostVirtualSwitchBondBridge\">");
      pnics.forEach(p -> b.append("<nicDevice>").append(p).append("</nicDevice>"));
      b.append("</bridge>");
    }
    return b.append("</spec>").toString();
  }

  static String dvPort(String dvsUuid, String portgroupKey) {
    return "<distributedVirtualPort><switchUuid>"
        + dvsUuid
        + "</switchUuid><portgroupKey>"
        + portgroupKey
        + "</portgroupKey></distributedVirtualPort>";
  }

  /** A pnic backing: pnic → DV port key, in order. */
  static String pnicBacking(Map<String, String> pnicPorts) {
    StringBuilder b =
        new StringBuilder("<backing xsi:type=\"DistributedVirtualSwitchHostMemberPnicBacking\">");
    pnicPorts.forEach(
        (pnic, port) ->
            b.append("<pnicSpec><pnicDevice>")
                .append(pnic)
                .append("</pnicDevice>")
                .append("<uplinkPortKey>")
                .append(port)
                .append("</uplinkPortKey></pnicSpec>"));
    return b.append("</backing>").toString();
  }

  static String vswitchEdit(String name, List<String> pnics) {
    return vswitchConfig("edit", name, pnics);
  }

  /** A HostVirtualSwitchConfig: add, edit or remove. */
  static String vswitchConfig(String operation, String name, List<String> pnics) {
    return "<vswitch><changeOperation>"
        + operation
        + "</changeOperation><name>"
        + name
        + "</name>"
        + ("remove".equals(operation) ? "" : vswitchSpec(pnics))
        + "</vswitch>";
  }

  /**
   * A HostPortGroupConfig: add, edit or remove; its policy empty (every policy inherited from the
   * switch).
   */
  static String portgroupConfig(String operation, String name, String vswitch, int vlan) {
    return "<portgroup><changeOperation>"
        + operation
        + "</changeOperation><spec><name>"
        + name
        + "</name><vlanId>"
        + vlan
        + "</vlanId><vswitchName>"
        + vswitch
        + "</vswitchName><policy/></spec></portgroup>";
  }

  /**
   * A HostPortGroupConfig with a failover order of its own (explicit failover: active, then standby
   * pnics).
   */
  static String portgroupConfig(
      String operation,
      String name,
      String vswitch,
      int vlan,
      List<String> active,
      List<String> standby) {
    StringBuilder order = new StringBuilder("<nicOrder>");
    active.forEach(p -> order.append("<activeNic>").append(p).append("</activeNic>"));
    standby.forEach(p -> order.append("<standbyNic>").append(p).append("</standbyNic>"));
    order.append("</nicOrder>");
    return "<portgroup><changeOperation>"
        + operation
        + "</changeOperation><spec><name>"
        + name
        + "</name><vlanId>"
        + vlan
        + "</vlanId><vswitchName>"
        + vswitch
        + "</vswitchName><policy><nicTeaming>"
        + "<policy>failover_explicit</policy>"
        + order
        + "</nicTeaming></policy></spec></portgroup>";
  }

  static String proxyEdit(String dvsUuid, Map<String, String> pnicPorts) {
    return "<proxySwitch><changeOperation>edit</changeOperation><uuid>"
        + dvsUuid
        + "</uuid><spec>"
        + pnicBacking(pnicPorts)
        + "</spec></proxySwitch>";
  }

  static String vnicToStandard(String vmk, String portgroup) {
    return "<vnic><changeOperation>edit</changeOperation><device>"
        + vmk
        + "</device><portgroup>"
        + portgroup
        + "</portgroup><spec/></vnic>";
  }

  /** One DistributedVirtualSwitchHostMemberConfigSpec. */
  String member(String operation, String host, String backingXml) {
    return "<host><operation>"
        + operation
        + "</operation><host type=\"HostSystem\">"
        + hostId(host)
        + "</host>"
        + (backingXml == null ? "" : backingXml)
        + "</host>";
  }

  /** ReconfigureDvs_Task with the given configVersion and member specs; answers the task id. */
  String reconfigureDvs(String dvsName, String configVersion, String... members) {
    Switch s = dvs(dvsName);
    RawSoap.Answer a =
        call(
            "<ReconfigureDvs_Task xmlns=\"urn:vim25\">"
                + hostMo("VmwareDistributedVirtualSwitch", s.id())
                + "<spec xsi:type=\"VMwareDVSConfigSpec\"><configVersion>"
                + configVersion
                + "</configVersion>"
                + String.join("", members)
                + "</spec></ReconfigureDvs_Task>");
    return taskId(a, "ReconfigureDvs_Task");
  }

  /** ReconfigureDvs_Task at the switch's current configVersion. */
  String reconfigureDvs(String dvsName, List<String> members) {
    return reconfigureDvs(dvsName, dvs(dvsName).configVersion(), members.toArray(String[]::new));
  }

  String enterMaintenanceMode(String host, int timeoutSeconds) {
    return taskId(
        call(
            "<EnterMaintenanceMode_Task xmlns=\"urn:vim25\">"
                + hostMo("HostSystem", hostId(host))
                + "<timeout>"
                + timeoutSeconds
                + "</timeout></EnterMaintenanceMode_Task>"),
        "EnterMaintenanceMode_Task");
  }

  String exitMaintenanceMode(String host) {
    return taskId(
        call(
            "<ExitMaintenanceMode_Task xmlns=\"urn:vim25\">"
                + hostMo("HostSystem", hostId(host))
                + "<timeout>0</timeout></ExitMaintenanceMode_Task>"),
        "ExitMaintenanceMode_Task");
  }

  private static String taskId(RawSoap.Answer a, String method) {
    if (a.status() != 200) {
      throw new AssertionError(
          "vcsim: " + method + " answered " + a.status() + " " + a.faultType());
    }
    return a.text("returnval");
  }

  // ---- tasks

  /** A task's end: state, and for an error the fault type, message and per-host fault types. */
  record TaskResult(String state, String fault, String message, Map<String, String> hostFaults) {
    boolean succeeded() {
      return "success".equals(state);
    }
  }

  /** The task's info.state now. */
  String taskState(String task) {
    return childText(property("Task", task, "info"), "state");
  }

  /** Polls the task's info until it ends. */
  TaskResult await(String task) {
    Instant deadline = Instant.now().plus(TASK_DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      Element info = property("Task", task, "info");
      String state = childText(info, "state");
      if ("success".equals(state)) {
        return new TaskResult(state, null, null, Map.of());
      }
      if ("error".equals(state)) {
        Element error = children(info, "error").get(0);
        Element fault = children(error, "fault").get(0);
        Map<String, String> hostFaults = new TreeMap<>();
        for (Element hf : children(fault, "hostFault")) {
          hostFaults.put(
              hostName(childText(hf, "host")),
              children(children(hf, "fault").get(0), "fault")
                  .get(0)
                  .getAttributeNS(RawSoap.XSI, "type"));
        }
        return new TaskResult(
            state,
            fault.getAttributeNS(RawSoap.XSI, "type"),
            childText(error, "localizedMessage"),
            hostFaults);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("vcsim: interrupted while waiting for " + task, e);
      }
    }
    throw new AssertionError("vcsim: task " + task + " did not end within " + TASK_DEADLINE);
  }

  /**
   * Follows a task through WaitForUpdatesEx (a filter on info.state) until it ends; answers the
   * states in the order the updates reported them.
   */
  List<String> watch(String task) {
    RawSoap.Answer filter =
        call(
            "<CreateFilter xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">"
                + collector
                + "</_this><spec><propSet><type>Task</type><pathSet>info.state</pathSet></propSet><objectSet>"
                + "<obj type=\"Task\">"
                + task
                + "</obj></objectSet></spec><partialUpdates>false</partialUpdates>"
                + "</CreateFilter>");
    if (filter.status() != 200) {
      throw new AssertionError("vcsim: CreateFilter: " + filter.faultType());
    }
    List<String> states = new ArrayList<>();
    String version = "";
    Instant deadline = Instant.now().plus(TASK_DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      RawSoap.Answer update =
          call(
              "<WaitForUpdatesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">"
                  + collector
                  + "</_this><version>"
                  + version
                  + "</version><options><maxWaitSeconds>10"
                  + "</maxWaitSeconds></options></WaitForUpdatesEx>");
      if (update.status() != 200) {
        throw new AssertionError("vcsim: WaitForUpdatesEx: " + update.faultType());
      }
      for (Element change : update.all("changeSet")) {
        if ("info.state".equals(childText(change, "name"))) {
          String state = childText(change, "val");
          if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
            states.add(state);
          }
        }
      }
      String next = update.text("version");
      version = next == null ? version : next;
      if (!states.isEmpty()
          && List.of("success", "error").contains(states.get(states.size() - 1))) {
        call(
            "<DestroyPropertyFilter xmlns=\"urn:vim25\"><_this type=\"PropertyFilter\">"
                + filter.text("returnval")
                + "</_this></DestroyPropertyFilter>");
        return states;
      }
    }
    throw new AssertionError(
        "vcsim: task " + task + " did not end within " + TASK_DEADLINE + "; saw " + states);
  }
}
