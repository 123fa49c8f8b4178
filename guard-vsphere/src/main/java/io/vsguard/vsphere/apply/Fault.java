package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.soap.XmlNode;
import io.vsguard.vsphere.vim.Mor;
import java.util.ArrayList;
import java.util.List;

/**
 * A vim25 fault from a write, typed by what an administrator does about it. The same value comes
 * from a SOAP fault (synchronous HostNetworkSystem methods) and from a task's {@code info.error}
 * (maintenance mode, ReconfigureDvs_Task). {@code message} is vCenter's own text.
 */
public sealed interface Fault {
  /** The vim25 fault type, e.g. {@code ConcurrentAccess}. */
  String type();

  /** vCenter's localized message or faultstring; empty when it sent none. */
  String message();

  /** The fault's own fields that say what went wrong, e.g. {@code invalidProperty=spec.mtu}. */
  default String details() {
    return "";
  }

  /** One line: type, details, message. */
  default String summary() {
    String d = details();
    String m = message();
    return Text.visible(type())
        + (d.isEmpty() ? "" : " (" + d + ")")
        + (m.isEmpty() ? "" : ": " + Text.visible(m));
  }

  /** A request field vCenter or ESXi refused; {@code invalidProperty} names it when they say. */
  record InvalidArgument(String invalidProperty, String message) implements Fault {
    @Override
    public String type() {
      return "InvalidArgument";
    }

    @Override
    public String details() {
      return invalidProperty.isEmpty() ? "" : "invalidProperty=" + Text.visible(invalidProperty);
    }
  }

  /** A switch, portgroup, adapter or member the call names does not exist (any more). */
  record NotFound(String message) implements Fault {
    @Override
    public String type() {
      return "NotFound";
    }
  }

  record AlreadyExists(String name, String message) implements Fault {
    @Override
    public String type() {
      return "AlreadyExists";
    }

    @Override
    public String details() {
      return name.isEmpty() ? "" : "name=" + Text.visible(name);
    }
  }

  /** Something still uses what the call removes or claims (a VMkernel adapter, a pnic, a port). */
  record ResourceInUse(String resourceType, String name, String message) implements Fault {
    @Override
    public String type() {
      return "ResourceInUse";
    }

    @Override
    public String details() {
      String t = resourceType.isEmpty() ? "" : "type=" + Text.visible(resourceType);
      String n = name.isEmpty() ? "" : "name=" + Text.visible(name);
      return t.isEmpty() || n.isEmpty() ? t + n : t + ", " + n;
    }
  }

  /** The object is not in a state that allows the call (already in maintenance mode, …). */
  record InvalidState(String message) implements Fault {
    @Override
    public String type() {
      return "InvalidState";
    }
  }

  /**
   * Someone else changed the switch since its configVersion was read: re-read before anything else.
   */
  record ConcurrentAccess(String message) implements Fault {
    @Override
    public String type() {
      return "ConcurrentAccess";
    }
  }

  /** ESXi refused the host configuration. */
  record HostConfigFault(String message) implements Fault {
    @Override
    public String type() {
      return "HostConfigFault";
    }
  }

  /**
   * vCenter's network rollback undid the change because it cut the host's management network off:
   * nothing changed on {@code host}.
   */
  record NetworkRolledBack(String host, String message) implements Fault {
    @Override
    public String type() {
      return "NetworkDisruptedAndConfigRolledBack";
    }

    @Override
    public String details() {
      return host.isEmpty() ? "" : "host=" + Text.visible(host);
    }
  }

  /** vCenter is not connected to the host (disconnected by an administrator or lost). */
  record HostNotConnected(String message) implements Fault {
    @Override
    public String type() {
      return "HostNotConnected";
    }
  }

  /** The host does not answer vCenter (not responding: crashed, isolated, powered off). */
  record HostNotReachable(String message) implements Fault {
    @Override
    public String type() {
      return "HostNotReachable";
    }
  }

  /** vCenter gave up waiting (an evacuation that did not finish within the call's timeout, …). */
  record Timedout(String message) implements Fault {
    @Override
    public String type() {
      return "Timedout";
    }
  }

  record NotSupported(String message) implements Fault {
    @Override
    public String type() {
      return "NotSupported";
    }
  }

  /** Entering maintenance mode: no other host of the cluster can take the VMs. */
  record NoActiveHostInCluster(String computeResource, String message) implements Fault {
    @Override
    public String type() {
      return "NoActiveHostInCluster";
    }

    @Override
    public String details() {
      return computeResource.isEmpty() ? "" : "computeResource=" + Text.visible(computeResource);
    }
  }

  record ManagedObjectNotFound(String object, String message) implements Fault {
    @Override
    public String type() {
      return "ManagedObjectNotFound";
    }

    @Override
    public String details() {
      return object.isEmpty() ? "" : "obj=" + Text.visible(object);
    }
  }

  /** The session expired or was ended; vCenter refused the call before doing anything. */
  record NotAuthenticated(String message) implements Fault {
    @Override
    public String type() {
      return "NotAuthenticated";
    }
  }

  record NoPermission(String privilege, String object, String message) implements Fault {
    @Override
    public String type() {
      return "NoPermission";
    }

    @Override
    public String details() {
      String p = privilege.isEmpty() ? "" : "privilegeId=" + Text.visible(privilege);
      String o = object.isEmpty() ? "" : "object=" + Text.visible(object);
      return p.isEmpty() || o.isEmpty() ? p + o : p + ", " + o;
    }
  }

  /**
   * ReconfigureDvs_Task failed on some hosts and was applied on the others (vCenter pushes a switch
   * change to each member on its own): {@code hosts} says which failed and why.
   */
  record DvsOperationBulkFault(List<OnHost> hosts, String message) implements Fault {
    public DvsOperationBulkFault {
      hosts = List.copyOf(hosts);
    }

    @Override
    public String type() {
      return "DvsOperationBulkFault";
    }

    @Override
    public String details() {
      List<String> parts = new ArrayList<>();
      for (OnHost h : hosts) {
        parts.add(Text.visible(h.host().value()) + ": " + Text.visible(h.fault().type()));
      }
      return String.join(", ", parts);
    }

    /** The fault of one host, if it failed. */
    public java.util.Optional<Fault> on(Mor host) {
      return hosts.stream().filter(h -> h.host().equals(host)).map(OnHost::fault).findFirst();
    }
  }

  record OnHost(Mor host, Fault fault) {}

  /** Any other fault type, kept by name. */
  record Other(String type, String message) implements Fault {}

  /**
   * The typed fault for a vim25 fault object: {@code fault} is the element whose xsi:type (or, in a
   * SOAP fault's detail, whose element name) names the type; null gives {@code Other}.
   */
  static Fault of(String type, XmlNode fault, String message) {
    String m = message == null ? "" : message.strip();
    String t = type == null ? "" : type;
    return switch (t) {
      case "InvalidArgument" -> new InvalidArgument(text(fault, "invalidProperty"), m);
      case "NotFound" -> new NotFound(m);
      case "AlreadyExists" -> new AlreadyExists(text(fault, "name"), m);
      case "ResourceInUse" -> new ResourceInUse(text(fault, "type"), text(fault, "name"), m);
      case "InvalidState" -> new InvalidState(m);
      case "ConcurrentAccess" -> new ConcurrentAccess(m);
      case "HostConfigFault" -> new HostConfigFault(m);
      case "NetworkDisruptedAndConfigRolledBack" -> new NetworkRolledBack(text(fault, "host"), m);
      case "HostNotConnected" -> new HostNotConnected(m);
      case "HostNotReachable" -> new HostNotReachable(m);
      case "Timedout" -> new Timedout(m);
      case "NotSupported" -> new NotSupported(m);
      case "NoActiveHostInCluster" -> new NoActiveHostInCluster(ref(fault, "computeResource"), m);
      case "ManagedObjectNotFound" -> new ManagedObjectNotFound(ref(fault, "obj"), m);
      case "NotAuthenticated" -> new NotAuthenticated(m);
      case "NoPermission" -> new NoPermission(text(fault, "privilegeId"), ref(fault, "object"), m);
      case "DvsOperationBulkFault" -> new DvsOperationBulkFault(onHosts(fault), m);
      default -> new Other(t.isEmpty() ? "unknown fault" : t, m);
    };
  }

  /** A LocalizedMethodFault ({@code <fault xsi:type=…/><localizedMessage/>}), as in task errors. */
  static Fault ofLocalized(XmlNode localized) {
    XmlNode f = localized.child("fault").orElse(null);
    return of(f == null ? null : f.xsiType(), f, localized.childText("localizedMessage"));
  }

  private static List<OnHost> onHosts(XmlNode fault) {
    List<OnHost> out = new ArrayList<>();
    if (fault == null) {
      return out;
    }
    for (XmlNode hf : fault.children("hostFault")) {
      XmlNode host = hf.child("host").orElse(null);
      XmlNode inner = hf.child("fault").orElse(null);
      String type = host == null ? null : host.attribute("type");
      String value = host == null ? "" : host.text().strip();
      if (type == null || type.isEmpty() || value.isEmpty() || inner == null) {
        continue; // a host entry without its host or fault tells nothing an admin can act on
      }
      out.add(new OnHost(new Mor(type, value), ofLocalized(inner)));
    }
    return out;
  }

  private static String text(XmlNode fault, String field) {
    String s = fault == null ? null : fault.childText(field);
    return s == null ? "" : s.strip();
  }

  private static String ref(XmlNode fault, String field) {
    XmlNode r = fault == null ? null : fault.child(field).orElse(null);
    if (r == null) {
      return "";
    }
    String type = r.attribute("type");
    return (type == null || type.isEmpty() ? "" : type + ":") + r.text().strip();
  }
}
